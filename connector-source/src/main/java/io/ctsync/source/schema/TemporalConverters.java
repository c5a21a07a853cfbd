package io.ctsync.source.schema;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;

/**
 * Date and time columns as Debezium's SQL Server connector represents them. SQL Server's date/time types carry no
 * zone, so, like Debezium, a {@code datetime2} value is read as if it were UTC.
 */
final class TemporalConverters {

    static final String DATE = "io.debezium.time.Date";
    static final String TIME = "io.debezium.time.Time";
    static final String MICRO_TIME = "io.debezium.time.MicroTime";
    static final String NANO_TIME = "io.debezium.time.NanoTime";
    static final String TIMESTAMP = "io.debezium.time.Timestamp";
    static final String MICRO_TIMESTAMP = "io.debezium.time.MicroTimestamp";
    static final String NANO_TIMESTAMP = "io.debezium.time.NanoTimestamp";
    static final String ZONED_TIMESTAMP = "io.debezium.time.ZonedTimestamp";

    private TemporalConverters() {
    }

    static ColumnMapping adaptiveDate() {
        return new ColumnMapping(named(SchemaBuilder.int32(), DATE), v -> (int) asDate(v).toEpochDay());
    }

    static ColumnMapping connectDate() {
        return new ColumnMapping(org.apache.kafka.connect.data.Date.SCHEMA,
                v -> java.util.Date.from(asDate(v).atStartOfDay(ZoneOffset.UTC).toInstant()));
    }

    /** {@code time(p)}: milliseconds (p ≤ 3), microseconds (p ≤ 6) or nanoseconds of the day. */
    static ColumnMapping adaptiveTime(int precision) {
        if (precision <= 3) {
            return new ColumnMapping(named(SchemaBuilder.int32(), TIME), v -> (int) (asTime(v).toNanoOfDay() / 1_000_000));
        }
        if (precision <= 6) {
            return new ColumnMapping(named(SchemaBuilder.int64(), MICRO_TIME), v -> asTime(v).toNanoOfDay() / 1_000);
        }
        return new ColumnMapping(named(SchemaBuilder.int64(), NANO_TIME), v -> asTime(v).toNanoOfDay());
    }

    static ColumnMapping connectTime() {
        return new ColumnMapping(org.apache.kafka.connect.data.Time.SCHEMA,
                v -> new java.util.Date(asTime(v).toNanoOfDay() / 1_000_000));
    }

    /** {@code datetime2(p)}, {@code datetime}, {@code smalldatetime}: epoch milli, micro or nanoseconds. */
    static ColumnMapping adaptiveTimestamp(int precision) {
        if (precision <= 3) {
            return new ColumnMapping(named(SchemaBuilder.int64(), TIMESTAMP), v -> epochNanos(v) / 1_000_000);
        }
        if (precision <= 6) {
            return new ColumnMapping(named(SchemaBuilder.int64(), MICRO_TIMESTAMP), v -> epochNanos(v) / 1_000);
        }
        return new ColumnMapping(named(SchemaBuilder.int64(), NANO_TIMESTAMP), TemporalConverters::epochNanos);
    }

    static ColumnMapping connectTimestamp() {
        return new ColumnMapping(org.apache.kafka.connect.data.Timestamp.SCHEMA,
                v -> java.util.Date.from(asDateTime(v).toInstant(ZoneOffset.UTC)));
    }

    /** {@code datetimeoffset}: ISO-8601 text with the offset, as Debezium's ZonedTimestamp. */
    static ColumnMapping zonedTimestamp() {
        return new ColumnMapping(named(SchemaBuilder.string(), ZONED_TIMESTAMP),
                v -> ((OffsetDateTime) v).format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
    }

    private static Schema named(SchemaBuilder builder, String name) {
        return builder.name(name).version(1).build();
    }

    private static long epochNanos(Object value) {
        LocalDateTime dateTime = asDateTime(value);
        long seconds = dateTime.toEpochSecond(ZoneOffset.UTC);
        return Math.addExact(Math.multiplyExact(seconds, 1_000_000_000L), dateTime.getNano());
    }

    private static LocalDate asDate(Object value) {
        return value instanceof LocalDateTime dt ? dt.toLocalDate() : (LocalDate) value;
    }

    private static LocalTime asTime(Object value) {
        return value instanceof LocalDateTime dt ? dt.toLocalTime() : (LocalTime) value;
    }

    private static LocalDateTime asDateTime(Object value) {
        return value instanceof LocalDate d ? d.atStartOfDay() : ((LocalDateTime) value).truncatedTo(ChronoUnit.NANOS);
    }
}
