package io.ctsync.bench.converter;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;

/**
 * Change events as Debezium's SQL Server connector emits them for a 30-column table: envelope {before, after,
 * source, op, ts_ms, transaction}, Debezium's semantic types (io.debezium.time.*) next to Connect's Decimal, nullable
 * columns about one in five null, short and medium strings. About 2.5 KB of JSON a record with its schema.
 */
final class DebeziumRecords {

    static final Schema ROW = row();
    static final Schema SOURCE = SchemaBuilder.struct().name("io.debezium.connector.sqlserver.Source")
            .field("version", Schema.STRING_SCHEMA)
            .field("connector", Schema.STRING_SCHEMA)
            .field("name", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.INT64_SCHEMA)
            .field("snapshot", SchemaBuilder.string().optional().name("io.debezium.data.Enum").version(1)
                    .parameter("allowed", "true,first,first_in_data_collection,last_in_data_collection,last,false,incremental")
                    .defaultValue("false").build())
            .field("db", Schema.STRING_SCHEMA)
            .field("sequence", Schema.OPTIONAL_STRING_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("schema", Schema.STRING_SCHEMA)
            .field("table", Schema.STRING_SCHEMA)
            .field("change_lsn", Schema.OPTIONAL_STRING_SCHEMA)
            .field("commit_lsn", Schema.OPTIONAL_STRING_SCHEMA)
            .field("event_serial_no", Schema.OPTIONAL_INT64_SCHEMA)
            .build();
    static final Schema TRANSACTION = SchemaBuilder.struct().name("event.block").optional().version(1)
            .field("id", Schema.STRING_SCHEMA)
            .field("total_order", Schema.INT64_SCHEMA)
            .field("data_collection_order", Schema.INT64_SCHEMA)
            .build();
    static final Schema ENVELOPE = SchemaBuilder.struct().name("bench.dbo.wide.Envelope").version(2)
            .field("before", ROW)
            .field("after", ROW)
            .field("source", SOURCE)
            .field("op", Schema.STRING_SCHEMA)
            .field("ts_ms", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_us", Schema.OPTIONAL_INT64_SCHEMA)
            .field("ts_ns", Schema.OPTIONAL_INT64_SCHEMA)
            .field("transaction", TRANSACTION)
            .build();
    static final Schema KEY = SchemaBuilder.struct().name("bench.dbo.wide.Key").field("id", Schema.INT64_SCHEMA).build();

    private DebeziumRecords() {
    }

    private static Schema row() {
        SchemaBuilder row = SchemaBuilder.struct().name("bench.dbo.wide.Value").optional()
                .field("id", Schema.INT64_SCHEMA)
                .field("customer_id", Schema.INT32_SCHEMA)
                .field("order_no", Schema.STRING_SCHEMA)
                .field("status", Schema.OPTIONAL_STRING_SCHEMA)
                .field("amount", Decimal.builder(2).optional().parameter("connect.decimal.precision", "12").build())
                .field("tax", Decimal.builder(4).optional().parameter("connect.decimal.precision", "19").build())
                .field("quantity", Schema.OPTIONAL_INT32_SCHEMA)
                .field("priority", Schema.OPTIONAL_INT16_SCHEMA)
                .field("flags", Schema.OPTIONAL_INT8_SCHEMA)
                .field("active", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("ratio", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("weight", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("created_at", SchemaBuilder.int64().name("io.debezium.time.Timestamp").version(1).build())
                .field("updated_at", SchemaBuilder.int64().name("io.debezium.time.NanoTimestamp").version(1).optional().build())
                .field("ship_date", SchemaBuilder.int32().name("io.debezium.time.Date").version(1).optional().build())
                .field("ship_time", SchemaBuilder.int64().name("io.debezium.time.MicroTime").version(1).optional().build())
                .field("offset_at", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").version(1).optional().build())
                .field("email", Schema.OPTIONAL_STRING_SCHEMA)
                .field("phone", Schema.OPTIONAL_STRING_SCHEMA)
                .field("street", Schema.OPTIONAL_STRING_SCHEMA)
                .field("city", Schema.OPTIONAL_STRING_SCHEMA)
                .field("country", Schema.OPTIONAL_STRING_SCHEMA)
                .field("note", Schema.OPTIONAL_STRING_SCHEMA)
                .field("guid", SchemaBuilder.string().name("io.debezium.data.Uuid").version(1).optional().build())
                .field("row_version", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("discount", Decimal.builder(2).optional().parameter("connect.decimal.precision", "5").build())
                .field("score", Schema.OPTIONAL_INT64_SCHEMA)
                .field("category", Schema.OPTIONAL_STRING_SCHEMA)
                .field("valid_from", org.apache.kafka.connect.data.Timestamp.builder().optional().build())
                .field("valid_to", org.apache.kafka.connect.data.Date.builder().optional().build());
        return row.build();
    }

    /** {@code count} distinct change events (70 % creates, 25 % updates, 5 % deletes), the same for the same seed. */
    static List<Struct> generate(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        List<Struct> records = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            int kind = random.nextInt(100);
            String op = kind < 70 ? "c" : kind < 95 ? "u" : "d";
            Struct envelope = new Struct(ENVELOPE)
                    .put("before", op.equals("c") ? null : row(random, i))
                    .put("after", op.equals("d") ? null : row(random, i))
                    .put("source", source(random, i))
                    .put("op", op)
                    .put("ts_ms", 1_764_000_000_000L + i)
                    .put("ts_us", (1_764_000_000_000L + i) * 1000)
                    .put("ts_ns", (1_764_000_000_000L + i) * 1_000_000);
            records.add(envelope);
        }
        return records;
    }

    static Struct key(Struct envelope) {
        Struct row = envelope.getStruct("after") != null ? envelope.getStruct("after") : envelope.getStruct("before");
        return new Struct(KEY).put("id", row.getInt64("id"));
    }

    private static Struct source(SplittableRandom random, long i) {
        return new Struct(SOURCE).put("version", "3.4.0.Final").put("connector", "sqlserver").put("name", "bench")
                .put("ts_ms", 1_764_000_000_000L + i).put("snapshot", "false").put("db", "shop")
                .put("ts_us", (1_764_000_000_000L + i) * 1000).put("ts_ns", (1_764_000_000_000L + i) * 1_000_000)
                .put("schema", "dbo").put("table", "wide")
                .put("change_lsn", String.format("%08x:%08x:%04x", 42, i, random.nextInt(65536)))
                .put("commit_lsn", String.format("%08x:%08x:%04x", 42, i, 3)).put("event_serial_no", 1L);
    }

    private static Struct row(SplittableRandom random, long id) {
        long created = 1_600_000_000_000L + random.nextLong(200_000_000_000L);
        byte[] rowVersion = new byte[8];
        for (int b = 0; b < rowVersion.length; b++) {
            rowVersion[b] = (byte) random.nextInt(256);
        }
        return new Struct(ROW)
                .put("id", id)
                .put("customer_id", random.nextInt(1_000_000))
                .put("order_no", "ORD-" + (100_000_000 + id))
                .put("status", nullable(random, pick(random, "new", "paid", "shipped", "cancelled", "returned")))
                .put("amount", nullable(random, BigDecimal.valueOf(random.nextLong(10_000_000), 2)))
                .put("tax", nullable(random, BigDecimal.valueOf(random.nextLong(100_000_000), 4)))
                .put("quantity", nullable(random, random.nextInt(1000)))
                .put("priority", nullable(random, (short) random.nextInt(10)))
                .put("flags", nullable(random, (byte) random.nextInt(128)))
                .put("active", nullable(random, random.nextBoolean()))
                .put("ratio", nullable(random, random.nextDouble() * 100))
                .put("weight", nullable(random, (float) (random.nextDouble() * 50)))
                .put("created_at", created)
                .put("updated_at", nullable(random, (created + random.nextLong(1_000_000_000L)) * 1_000_000))
                .put("ship_date", nullable(random, 19_000 + random.nextInt(2000)))
                .put("ship_time", nullable(random, random.nextLong(86_400_000_000L)))
                .put("offset_at", nullable(random, "2026-11-30T01:02:03.456789+01:00"))
                .put("email", nullable(random, "user" + random.nextInt(1_000_000) + "@example.com"))
                .put("phone", nullable(random, "+49 30 " + random.nextInt(10_000_000)))
                .put("street", nullable(random, text(random, 10, 30)))
                .put("city", nullable(random, pick(random, "Berlin", "Zürich", "Kraków", "São Paulo", "Reykjavík")))
                .put("country", nullable(random, pick(random, "DE", "CH", "PL", "BR", "IS")))
                .put("note", nullable(random, text(random, 0, 120)))
                .put("guid", nullable(random, new java.util.UUID(random.nextLong(), random.nextLong()).toString()))
                .put("row_version", nullable(random, rowVersion))
                .put("discount", nullable(random, BigDecimal.valueOf(random.nextInt(10_000), 2)))
                .put("score", nullable(random, random.nextLong()))
                .put("category", nullable(random, "cat-" + random.nextInt(50)))
                .put("valid_from", nullable(random, new java.util.Date(created)))
                .put("valid_to", nullable(random, new java.util.Date((19_000L + random.nextInt(2000)) * 86_400_000L)));
    }

    private static <T> T nullable(SplittableRandom random, T value) {
        return random.nextInt(5) == 0 ? null : value;
    }

    private static String pick(SplittableRandom random, String... values) {
        return values[random.nextInt(values.length)];
    }

    private static String text(SplittableRandom random, int min, int max) {
        StringBuilder text = new StringBuilder();
        int length = min + random.nextInt(max - min + 1);
        while (text.length() < length) {
            text.append(pick(random, "lorem ", "ipsum ", "dolor ", "sit ", "amet ", "\"quoted\" ", "naïve ", "tab\t"));
        }
        return new String(text.substring(0, length).getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    }
}
