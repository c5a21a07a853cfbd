package io.ctsync.source.config;

/** {@code decimal.handling.mode}, as Debezium defines it. */
public enum DecimalHandlingMode {
    /** {@code org.apache.kafka.connect.data.Decimal}: exact. */
    PRECISE,
    /** FLOAT64: may lose precision, easy for consumers. */
    DOUBLE,
    /** The plain decimal text. */
    STRING;

    public static DecimalHandlingMode of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
