package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.Target;
import io.ctsync.sink.testing.TopicProducer;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.DatabaseKind;
import io.ctsync.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every Connect logical type and Debezium semantic type the sink maps arrives in a table the sink created, through a
 * real topic and the worker's JsonConverter, and reads back as the same value.
 */
public abstract class AbstractTypesIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    private static final Instant INSTANT = Instant.parse("2024-02-29T10:15:30.123Z");
    private static final long MICROS = INSTANT.getEpochSecond() * 1_000_000L + 123_456L;

    protected abstract TestDatabase database();

    @Test
    void everyMappedTypeRoundTrips() throws Exception {
        Schema key = SchemaBuilder.struct().name("types.Key").field("id", Schema.INT32_SCHEMA).build();
        Schema variableDecimal = SchemaBuilder.struct().name("io.debezium.data.VariableScaleDecimal").optional()
                .field("scale", Schema.INT32_SCHEMA).field("value", Schema.BYTES_SCHEMA).build();
        Schema value = SchemaBuilder.struct().name("types.Value")
                .field("id", Schema.INT32_SCHEMA)
                .field("i8", Schema.OPTIONAL_INT8_SCHEMA)
                .field("i16", Schema.OPTIONAL_INT16_SCHEMA)
                .field("i64", Schema.OPTIONAL_INT64_SCHEMA)
                .field("f32", Schema.OPTIONAL_FLOAT32_SCHEMA)
                .field("f64", Schema.OPTIONAL_FLOAT64_SCHEMA)
                .field("flag", Schema.OPTIONAL_BOOLEAN_SCHEMA)
                .field("blob", Schema.OPTIONAL_BYTES_SCHEMA)
                .field("dec", Decimal.builder(3).optional().build())
                .field("vdec", variableDecimal)
                .field("d_connect", Date.builder().optional().build())
                .field("t_connect", Time.builder().optional().build())
                .field("ts_connect", Timestamp.builder().optional().build())
                .field("d_dbz", SchemaBuilder.int32().name("io.debezium.time.Date").optional().build())
                .field("t_micro", SchemaBuilder.int64().name("io.debezium.time.MicroTime").optional().build())
                .field("ts_micro", SchemaBuilder.int64().name("io.debezium.time.MicroTimestamp").optional().build())
                .field("ts_zoned", SchemaBuilder.string().name("io.debezium.time.ZonedTimestamp").optional().build())
                .field("uid", SchemaBuilder.string().name("io.debezium.data.Uuid").optional().build())
                .field("doc", SchemaBuilder.string().name("io.debezium.data.Json").optional().build())
                .field("state", SchemaBuilder.string().name("io.debezium.data.Enum").optional().build())
                .field("nothing", Schema.OPTIONAL_STRING_SCHEMA)
                .build();
        Struct row = new Struct(value).put("id", 1).put("i8", (byte) -5).put("i16", (short) 300).put("i64", 9_007_199_254_740_993L)
                .put("f32", 1.5f).put("f64", 2.25).put("flag", true).put("blob", new byte[] {1, 2, (byte) 0xff})
                .put("dec", new BigDecimal("12345.678"))
                .put("vdec", new Struct(variableDecimal).put("scale", 5).put("value", BigInteger.valueOf(314159).toByteArray()))
                .put("d_connect", java.util.Date.from(Instant.parse("2024-02-29T00:00:00Z")))
                .put("t_connect", java.util.Date.from(Instant.parse("1970-01-01T10:15:30.123Z")))
                .put("ts_connect", java.util.Date.from(INSTANT))
                .put("d_dbz", (int) LocalDate.parse("2024-02-29").toEpochDay())
                .put("t_micro", (10 * 3600 + 15 * 60 + 30) * 1_000_000L + 123_456L)
                .put("ts_micro", MICROS)
                .put("ts_zoned", "2024-02-29T10:15:30.123456+02:00")
                .put("uid", "6f1c7f0e-1c2b-4b7a-9a57-0d9a2c3b4d5e")
                .put("doc", "{\"a\": 1}")
                .put("state", "ACTIVE");
        try (TopicProducer producer = new TopicProducer(CONNECT)) {
            producer.send("types", key, new Struct(key).put("id", 1), value, row);
            producer.flush();
        }
        Target target = new Target(database());
        Map<String, String> config = target.sinkConfig("types");
        CONNECT.startConnector("types", config, 1);
        Await.value("the row", () -> target.count("types"), n -> n == 1);

        Map<String, String> actual = read(target);
        Map<String, String> expected = new LinkedHashMap<>();
        expected.put("i8", "-5");
        expected.put("i16", "300");
        expected.put("i64", "9007199254740993");
        expected.put("f32", "1.5");
        expected.put("f64", "2.25");
        expected.put("flag", "true");
        expected.put("blob", "0102ff");
        expected.put("dec", "12345.678");
        expected.put("vdec", "3.14159");
        expected.put("d_connect", "2024-02-29");
        expected.put("t_connect", "10:15:30.123");
        expected.put("ts_connect", "2024-02-29 10:15:30.123");
        expected.put("d_dbz", "2024-02-29");
        expected.put("t_micro", "10:15:30.123456");
        expected.put("ts_micro", "2024-02-29 10:15:30.123456");
        expected.put("ts_zoned", "2024-02-29T08:15:30.123456Z");
        expected.put("uid", "6f1c7f0e-1c2b-4b7a-9a57-0d9a2c3b4d5e");
        expected.put("doc", "{\"a\": 1}");
        expected.put("state", "ACTIVE");
        expected.put("nothing", "null");
        assertThat(actual).isEqualTo(expected);
    }

    private Map<String, String> read(Target target) throws Exception {
        Map<String, String> out = new LinkedHashMap<>();
        try (Connection c = database().open(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT * FROM " + target.quote("types"))) {
            rs.next();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                String column = rs.getMetaData().getColumnLabel(i);
                if (!column.equals("id") && !column.equals("__ctsync_version")) {
                    out.put(column, normalize(column, rs, i));
                }
            }
        }
        return out;
    }

    /** The value as text, in one form whatever the database returns it as. */
    private String normalize(String column, ResultSet rs, int i) throws Exception {
        Object raw = rs.getObject(i);
        if (raw == null) {
            return "null";
        }
        DatabaseKind kind = database().kind();
        return switch (column) {
            case "flag" -> String.valueOf(raw.equals(Boolean.TRUE) || "1".equals(raw.toString()));
            case "blob" -> HexFormat.of().formatHex(rs.getBytes(i));
            case "dec", "vdec" -> new BigDecimal(rs.getString(i)).stripTrailingZeros().toPlainString();
            case "f32", "f64" -> Double.toString(rs.getDouble(i));
            case "ts_zoned" -> switch (kind) {
                case POSTGRESQL -> rs.getObject(i, OffsetDateTime.class).toInstant().toString();
                case MARIADB -> LocalDateTime.parse(rs.getString(i).replace(' ', 'T')).toInstant(ZoneOffset.UTC).toString();
                default -> OffsetDateTime.parse(rs.getString(i)).toInstant().toString();
            };
            case "t_connect", "ts_connect", "t_micro", "ts_micro" ->
                    rs.getString(i).replace('T', ' ').replaceAll("(\\.\\d*?)0+$", "$1");
            default -> rs.getString(i);
        };
    }

}
