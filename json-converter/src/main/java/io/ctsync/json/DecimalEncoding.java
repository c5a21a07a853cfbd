package io.ctsync.json;

/** How Decimal values travel in JSON: the values of {@code decimal.format}, as in Kafka's JsonConverter. */
public enum DecimalEncoding {
    /** The unscaled value's two's-complement bytes, base64-encoded in a JSON string (Kafka's default). */
    BASE64,
    /** A plain JSON number. */
    NUMERIC
}
