package io.ctsync.sink.testing;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Change events shaped like Debezium's PostgreSQL connector writes them (another source than ctsync): envelope
 * {@code dbserver1.inventory.products.Envelope}, a source block with {@code lsn}, no {@code change_version}.
 */
public final class Debezium {

    public static final Schema KEY = SchemaBuilder.struct().name("dbserver1.inventory.products.Key")
            .field("id", Schema.INT32_SCHEMA).build();
    public static final Schema ROW = SchemaBuilder.struct().name("dbserver1.inventory.products.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("weight", Schema.OPTIONAL_FLOAT64_SCHEMA)
            .build();
    public static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.postgresql.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("db", Schema.STRING_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("lsn", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    public static final Schema ENVELOPE = SchemaBuilder.struct().name("dbserver1.inventory.products.Envelope")
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .build();

    private Debezium() {
    }

    public static Struct key(int id) {
        return new Struct(KEY).put("id", id);
    }

    public static Struct event(String op, int id, String name, Double weight, long lsn) {
        Struct row = new Struct(ROW).put("id", id).put("name", name).put("weight", weight);
        Struct source = new Struct(SOURCE).put("version", "3.4.0.Final").put("connector", "postgresql")
                .put("name", "dbserver1").put("ts_ms", 0L).put("db", "inventory").put("schema", "public")
                .put("table", "products").put("lsn", lsn);
        return new Struct(ENVELOPE).put("before", "d".equals(op) ? row : null).put("after", "d".equals(op) ? null : row)
                .put("source", source).put("op", op).put("ts_ms", 0L);
    }
}
