package io.ctsync.sink.testing;

import io.ctsync.contract.event.ChangeEnvelope;
import io.ctsync.contract.event.ChangeEventSchemas;
import io.ctsync.contract.event.SchemaNames;
import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import java.util.List;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * ctsync change events of any source table {@code erp.sales.dbo.<table>} keyed by an INT {@code id}, built with the
 * contract's schema and envelope builders as the source connector emits them (updates may name their changed columns).
 */
public final class SourceTable {

    private final String table;
    private final Schema row;
    private final ChangeEnvelope envelope;
    private final Schema key;

    /** {@code row}: the row schema (optional struct with an INT32 {@code id} field). */
    public SourceTable(String table, Schema row) {
        String base = SchemaNames.forTable("erp", "sales", "dbo", table);
        this.table = table;
        this.row = row;
        this.key = SchemaBuilder.struct().name(SchemaNames.key(base)).field("id", Schema.INT32_SCHEMA).build();
        this.envelope = new ChangeEnvelope(ChangeEventSchemas.envelope(base, row));
    }

    public Schema rowSchema() {
        return row;
    }

    public Schema keySchema() {
        return key;
    }

    public Schema envelopeSchema() {
        return envelope.schema();
    }

    public Struct key(int id) {
        return new Struct(key).put("id", id);
    }

    public Struct newRow() {
        return new Struct(row);
    }

    public Struct create(Struct after, long version) {
        return envelope.create(after, source(version, null), 0L);
    }

    /** An update; {@code changed} the columns Change Tracking says it changed (none given: not tracked). */
    public Struct update(Struct after, long version, String... changed) {
        return envelope.update(after, source(version, changed.length == 0 ? null : List.of(changed)), 0L);
    }

    public Struct delete(int id, long version) {
        return envelope.delete(new Struct(row).put("id", id), source(version, null), 0L);
    }

    /** A snapshot marker as the source writes it: this table's envelope carrying {@code marker}, with no key. */
    public Struct marker(SnapshotControl marker) {
        return envelope.control(marker, new SourceBlock("0.1.0", "erp", 0L, SnapshotMarker.TRUE, "sales", "dbo", table,
                marker.snapshotVersion(), null, null, null));
    }

    /** Sends an event keyed by its row's id. */
    public void send(TopicProducer producer, String topic, Struct event) {
        Struct image = event.getStruct("after") != null ? event.getStruct("after") : event.getStruct("before");
        producer.send(topic, key, key(image.getInt32("id")), envelope.schema(), event);
    }

    private SourceBlock source(long version, List<String> changed) {
        return new SourceBlock("0.1.0", "erp", version, SnapshotMarker.FALSE, "sales", "dbo", table, version, null, changed, null);
    }
}
