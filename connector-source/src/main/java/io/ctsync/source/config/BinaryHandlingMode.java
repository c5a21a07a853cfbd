package io.ctsync.source.config;

/** {@code binary.handling.mode}, as Debezium defines it. */
public enum BinaryHandlingMode {
    BYTES, BASE64, BASE64_URL_SAFE, HEX;

    public static BinaryHandlingMode of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    }
}
