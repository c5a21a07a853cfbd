package io.ctsync.contract.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/** Builds envelope values of one table's envelope schema (see {@link ChangeEventSchemas#envelope}). */
public final class ChangeEnvelope {

    private final Schema schema;

    public ChangeEnvelope(Schema envelopeSchema) {
        if (!ChangeEventSchemas.isEnvelope(envelopeSchema)) {
            throw new IllegalArgumentException("Not an envelope schema: " + envelopeSchema.name());
        }
        this.schema = envelopeSchema;
    }

    public Schema schema() {
        return schema;
    }

    public Struct read(Struct after, SourceBlock source, long tsMs) {
        return build(Operation.READ, null, after, source, tsMs);
    }

    public Struct create(Struct after, SourceBlock source, long tsMs) {
        return build(Operation.CREATE, null, after, source, tsMs);
    }

    /** Change Tracking has no before image, so an update carries none. */
    public Struct update(Struct after, SourceBlock source, long tsMs) {
        return build(Operation.UPDATE, null, after, source, tsMs);
    }

    /** {@code before} holds what is known of the deleted row (at least its key). */
    public Struct delete(Struct before, SourceBlock source, long tsMs) {
        return build(Operation.DELETE, before, null, source, tsMs);
    }

    /**
     * A snapshot control record of this table: {@code op} is the marker's kind ({@code snapshot-begin} or
     * {@code snapshot-end}, no Debezium operation), no {@code before} or {@code after}, the marker in {@code control}.
     */
    public Struct control(SnapshotControl marker, SourceBlock source) {
        return build(marker.kind().value(), null, null, source, marker.tsMs()).put(EnvelopeFields.CONTROL, marker.toStruct());
    }

    private Struct build(Operation op, Struct before, Struct after, SourceBlock source, long tsMs) {
        return build(op.code(), before, after, source, tsMs);
    }

    private Struct build(String op, Struct before, Struct after, SourceBlock source, long tsMs) {
        return new Struct(schema)
                .put(EnvelopeFields.BEFORE, before)
                .put(EnvelopeFields.AFTER, after)
                .put(EnvelopeFields.SOURCE, source.toStruct())
                .put(EnvelopeFields.OP, op)
                .put(EnvelopeFields.TS_MS, tsMs);
    }
}
