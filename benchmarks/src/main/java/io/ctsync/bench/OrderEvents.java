package io.ctsync.bench;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.event.ChangeEnvelope;
import io.ctsync.contract.event.ChangeEventSchemas;
import io.ctsync.contract.event.SchemaNames;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import java.util.Date;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

/**
 * The workload as ctsync change events (Debezium envelope with Change Tracking source fields), the shape the
 * source connector emits: key struct {id}; deletes carry the key in {@code before} and are followed by a tombstone.
 */
final class OrderEvents {

    static final String DATABASE = "bench";
    static final String SCHEMA = "dbo";
    static final String TABLE = "orders";
    private static final String BASE = SchemaNames.forTable("bench", DATABASE, SCHEMA, TABLE);

    static final Schema KEY = SchemaBuilder.struct().name(SchemaNames.key(BASE))
            .field("id", Schema.INT64_SCHEMA).build();
    static final Schema ROW = SchemaBuilder.struct().name(SchemaNames.value(BASE)).optional()
            .field("id", Schema.INT64_SCHEMA)
            .field("customer", Schema.OPTIONAL_STRING_SCHEMA)
            .field("amount", org.apache.kafka.connect.data.Decimal.builder(2).optional().build())
            .field("quantity", Schema.OPTIONAL_INT32_SCHEMA)
            .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
            .field("created_at", Timestamp.builder().optional().build())
            .field("ship_date", org.apache.kafka.connect.data.Date.builder().optional().build())
            .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .field("code", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    static final ChangeEnvelope ENVELOPE = new ChangeEnvelope(ChangeEventSchemas.envelope(BASE, ROW));

    private OrderEvents() {
    }

    static Struct key(long id) {
        return new Struct(KEY).put("id", id);
    }

    static Struct value(Change change) {
        SourceBlock source = new SourceBlock(CtsyncVersion.get(), "bench", change.version(), SnapshotMarker.FALSE,
                DATABASE, SCHEMA, TABLE, change.version(), null, null, null);
        long ts = change.version();
        switch (change.op()) {
            case CREATE:
                return ENVELOPE.create(row(change.row()), source, ts);
            case UPDATE:
                return ENVELOPE.update(row(change.row()), source, ts);
            case DELETE:
                return ENVELOPE.delete(new Struct(ROW).put("id", change.id()), source, ts);
            default:
                throw new IllegalArgumentException("The workload has no " + change.op());
        }
    }

    private static Struct row(OrderRow row) {
        return new Struct(ROW)
                .put("id", row.id())
                .put("customer", row.customer())
                .put("amount", row.amount())
                .put("quantity", row.quantity())
                .put("active", row.active())
                .put("created_at", Date.from(row.createdAt()))
                .put("ship_date", row.shipDate() == null ? null : new Date(row.shipDate().toEpochDay() * 86_400_000L))
                .put("ratio", row.ratio())
                .put("note", row.note())
                .put("code", row.code());
    }
}
