package io.ctsync.source.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.config.BinaryHandlingMode;
import io.ctsync.source.config.DecimalHandlingMode;
import io.ctsync.source.config.TimePrecisionMode;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import io.debezium.config.CommonConnectorConfig;
import io.debezium.connector.sqlserver.SqlServerValueConverters;
import io.debezium.jdbc.JdbcValueConverters;
import io.debezium.jdbc.TemporalPrecisionMode;
import io.debezium.relational.ValueConverter;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Our SQL Server type mapping against Debezium's own {@link SqlServerValueConverters} (Debezium 3.4, test scope):
 * for every supported type and each decimal, time-precision and binary mode, the same Connect schema (type, logical
 * name, parameters) and the same value. This is what "Debezium SQL Server fidelity" means, checked by Debezium's code.
 */
class SqlServerTypeMapperDebeziumParityTest {

    private static final int DATETIMEOFFSET = -155;

    /** One column: our catalog view, Debezium's JDBC view, the value as mssql-jdbc/our layer hands it to each. */
    record Case(String type, int jdbcType, int length, int precision, int scale, Object ours, Object debeziums) {
        Column column() {
            return new Column("c", 1, type, length, precision, scale, false, 0);
        }

        io.debezium.relational.Column debeziumColumn() {
            return io.debezium.relational.Column.editor().name("c").type(type).jdbcType(jdbcType)
                    .length(precision > 0 ? precision : length).scale(scale).optional(false).create();
        }

        @Override
        public String toString() {
            return type + (scale > 0 ? "(" + scale + ")" : "");
        }
    }

    static List<Case> cases() {
        LocalDateTime dateTime = LocalDateTime.of(2024, 3, 10, 2, 30, 15, 123_456_700);
        java.sql.Timestamp timestamp = java.sql.Timestamp.valueOf(dateTime);
        OffsetDateTime offsetDateTime = OffsetDateTime.parse("2024-01-31T10:15:30.1234567+05:30");
        byte[] bytes = {0, (byte) 0xff, 0x10};
        List<Case> cases = new ArrayList<>(List.of(
                new Case("bit", Types.BIT, 1, 0, 0, true, true),
                new Case("tinyint", Types.TINYINT, 1, 0, 0, (short) 255, (short) 255),
                new Case("smallint", Types.SMALLINT, 2, 0, 0, (short) -2, (short) -2),
                new Case("int", Types.INTEGER, 4, 0, 0, 7, 7),
                new Case("bigint", Types.BIGINT, 8, 0, 0, 9_000_000_000L, 9_000_000_000L),
                new Case("real", Types.REAL, 4, 0, 0, 1.5f, 1.5f),
                new Case("float", Types.DOUBLE, 8, 0, 0, 2.25, 2.25),
                new Case("decimal", Types.DECIMAL, 9, 12, 4, new BigDecimal("12345678.1234"), new BigDecimal("12345678.1234")),
                new Case("numeric", Types.NUMERIC, 9, 18, 0, new BigDecimal("42"), new BigDecimal("42")),
                new Case("money", Types.DECIMAL, 8, 19, 4, new BigDecimal("12.3456"), new BigDecimal("12.3456")),
                new Case("smallmoney", Types.DECIMAL, 4, 10, 4, new BigDecimal("-1.2500"), new BigDecimal("-1.2500")),
                new Case("char", Types.CHAR, 10, 0, 0, "abc       ", "abc       "),
                new Case("varchar", Types.VARCHAR, 50, 0, 0, "abc", "abc"),
                new Case("nvarchar", Types.NVARCHAR, 100, 0, 0, "ünï", "ünï"),
                new Case("ntext", Types.LONGNVARCHAR, 16, 0, 0, "long", "long"),
                new Case("xml", Types.SQLXML, -1, 0, 0, "<a>x</a>", "<a>x</a>"),
                new Case("uniqueidentifier", Types.CHAR, 16, 0, 0, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                        "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"),
                new Case("date", Types.DATE, 3, 0, 0, LocalDate.of(2024, 2, 29), java.sql.Date.valueOf(LocalDate.of(2024, 2, 29))),
                new Case("datetime", Types.TIMESTAMP, 8, 0, 3, dateTime.withNano(3_000_000),
                        java.sql.Timestamp.valueOf(dateTime.withNano(3_000_000))),
                new Case("smalldatetime", Types.TIMESTAMP, 4, 0, 0, dateTime.withSecond(0).withNano(0),
                        java.sql.Timestamp.valueOf(dateTime.withSecond(0).withNano(0))),
                new Case("datetimeoffset", DATETIMEOFFSET, 10, 0, 7, offsetDateTime,
                        microsoft.sql.DateTimeOffset.valueOf(java.sql.Timestamp.from(offsetDateTime.toInstant()), 330)),
                new Case("varbinary", Types.VARBINARY, 8, 0, 0, bytes, bytes),
                new Case("timestamp", Types.BINARY, 8, 0, 0, bytes, bytes)));
        for (int precision : new int[] {0, 3, 4, 6, 7}) {
            LocalTime time = LocalTime.of(23, 59, 59, 123_456_700).withNano(truncate(123_456_700, precision));
            cases.add(new Case("time", Types.TIME, 5, 0, precision, time, java.sql.Timestamp.valueOf(time.atDate(LocalDate.of(1970, 1, 1)))));
            LocalDateTime at = dateTime.withNano(truncate(dateTime.getNano(), precision));
            cases.add(new Case("datetime2", Types.TIMESTAMP, 8, 0, precision, at, java.sql.Timestamp.valueOf(at)));
        }
        return cases;
    }

    private static int truncate(int nanos, int precision) {
        int unit = (int) Math.pow(10, 9 - precision);
        return nanos / unit * unit;
    }

    /** Each case in every mode of the option that concerns its type (the other options at their defaults). */
    static Stream<Arguments> casesInEveryMode() {
        List<Arguments> arguments = new ArrayList<>();
        for (Case c : cases()) {
            String type = c.type();
            List<DecimalHandlingMode> decimals = List.of("decimal", "numeric", "money", "smallmoney").contains(type)
                    ? List.of(DecimalHandlingMode.values()) : List.of(DecimalHandlingMode.PRECISE);
            List<TimePrecisionMode> times = List.of("date", "time", "datetime", "datetime2", "smalldatetime").contains(type)
                    ? List.of(TimePrecisionMode.values()) : List.of(TimePrecisionMode.ADAPTIVE);
            List<BinaryHandlingMode> binaries = List.of("varbinary", "timestamp").contains(type)
                    ? List.of(BinaryHandlingMode.values()) : List.of(BinaryHandlingMode.BYTES);
            for (DecimalHandlingMode decimal : decimals) {
                for (TimePrecisionMode time : times) {
                    for (BinaryHandlingMode binary : binaries) {
                        arguments.add(Arguments.of(c, decimal, time, binary));
                    }
                }
            }
        }
        return arguments.stream();
    }

    @ParameterizedTest(name = "{0} {1} {2} {3}")
    @MethodSource("casesInEveryMode")
    void sameSchemaAndValueAsDebezium(Case c, DecimalHandlingMode decimal, TimePrecisionMode time, BinaryHandlingMode binary) {
        SqlServerValueConverters debezium = new SqlServerValueConverters(
                JdbcValueConverters.DecimalMode.valueOf(decimal.name()),
                time == TimePrecisionMode.ADAPTIVE ? TemporalPrecisionMode.ADAPTIVE : TemporalPrecisionMode.CONNECT,
                CommonConnectorConfig.BinaryHandlingMode.valueOf(binary.name()));
        SchemaBuilder expectedBuilder = debezium.schemaBuilder(c.debeziumColumn());
        Schema expected = expectedBuilder.build();
        ValueConverter converter = debezium.converter(c.debeziumColumn(), new Field("c", 0, expected));

        ColumnMapping ours = new SqlServerTypeMapper(decimal, time, binary).map(new TableId("dbo", "t"), c.column());

        assertThat(ours.schema().type()).as("type").isEqualTo(expected.type());
        assertThat(ours.schema().name()).as("logical name").isEqualTo(expected.name());
        assertThat(ours.schema().parameters()).as("parameters").isEqualTo(expected.parameters());
        assertThat(normalize(ours.converter().convert(c.ours()))).as("value")
                .isEqualTo(normalize(converter.convert(c.debeziums())));
    }

    private static Object normalize(Object value) {
        if (value instanceof byte[] bytes) {
            return ByteBuffer.wrap(bytes);
        }
        return value;
    }
}
