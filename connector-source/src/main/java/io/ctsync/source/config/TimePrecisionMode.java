package io.ctsync.source.config;

/** {@code time.precision.mode}, as Debezium defines it for SQL Server. */
public enum TimePrecisionMode {
    /** Debezium's semantic types, matching the column's precision (milli, micro or nano). */
    ADAPTIVE,
    /** Kafka Connect's Date, Time and Timestamp: millisecond precision. */
    CONNECT;

    public static TimePrecisionMode of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
