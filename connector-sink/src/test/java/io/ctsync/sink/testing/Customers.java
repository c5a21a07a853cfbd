package io.ctsync.sink.testing;

import io.ctsync.contract.event.ChangeEnvelope;
import io.ctsync.contract.event.ChangeEventSchemas;
import io.ctsync.contract.event.SchemaNames;
import io.ctsync.contract.event.SnapshotMarker;
import io.ctsync.contract.event.SourceBlock;
import java.math.BigDecimal;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * ctsync change events of one source table, {@code erp.sales.dbo.customers}, built with the contract's own schema
 * and envelope builders, as the source connector emits them: key {id}, row {id, name, balance}, before of a delete
 * carrying the key only.
 */
public final class Customers {

    public static final String BASE = SchemaNames.forTable("erp", "sales", "dbo", "customers");
    public static final Schema KEY = SchemaBuilder.struct().name(SchemaNames.key(BASE)).field("id", Schema.INT32_SCHEMA).build();
    public static final Schema ROW = SchemaBuilder.struct().name(SchemaNames.value(BASE)).optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", SchemaBuilder.string().optional().parameter("__debezium.source.column.length", "40").build())
            .field("balance", Decimal.builder(2).optional().parameter("connect.decimal.precision", "12").build())
            .build();
    public static final ChangeEnvelope ENVELOPE = new ChangeEnvelope(ChangeEventSchemas.envelope(BASE, ROW));

    private Customers() {
    }

    public static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    public static Struct row(int id, String name, String balance) {
        return new Struct(ROW).put("id", id).put("name", name).put("balance", balance == null ? null : new BigDecimal(balance).setScale(2));
    }

    public static Struct upsert(int id, String name, String balance, long version) {
        return ENVELOPE.update(row(id, name, balance), source(version), 0L);
    }

    public static Struct create(int id, String name, String balance, long version) {
        return ENVELOPE.create(row(id, name, balance), source(version), 0L);
    }

    public static Struct delete(int id, long version) {
        return ENVELOPE.delete(new Struct(ROW).put("id", id), source(version), 0L);
    }

    public static SourceBlock source(long version) {
        return new SourceBlock("0.1.0", "erp", version, SnapshotMarker.FALSE, "sales", "dbo", "customers", version, null, null,
                null);
    }
}
