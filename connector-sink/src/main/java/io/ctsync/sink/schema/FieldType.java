package io.ctsync.sink.schema;

/**
 * The database-independent type of one column: its kind, and where they matter the declared length
 * ({@link #UNKNOWN} when the record does not say), precision and scale.
 */
public record FieldType(Kind kind, int length, int precision, int scale) {

    public static final int UNKNOWN = -1;
    /** The scale of a decimal whose every value carries its own scale (Debezium {@code VariableScaleDecimal}). */
    public static final int VARIABLE = -2;

    public static FieldType of(Kind kind) {
        return new FieldType(kind, UNKNOWN, UNKNOWN, UNKNOWN);
    }

    public static FieldType string(int length) {
        return new FieldType(Kind.STRING, length, UNKNOWN, UNKNOWN);
    }

    public static FieldType decimal(int precision, int scale) {
        return new FieldType(Kind.DECIMAL, UNKNOWN, precision, scale);
    }

    public static FieldType temporal(Kind kind, int precision) {
        return new FieldType(kind, UNKNOWN, precision, UNKNOWN);
    }

    public boolean hasLength() {
        return length > 0;
    }

    public boolean hasPrecision() {
        return precision > 0;
    }

    @Override
    public String toString() {
        StringBuilder out = new StringBuilder(kind.name());
        if (hasLength()) {
            out.append('(').append(length).append(')');
        } else if (hasPrecision()) {
            out.append('(').append(precision);
            if (scale >= 0) {
                out.append(',').append(scale);
            }
            out.append(')');
        } else if (scale == VARIABLE) {
            out.append("(variable scale)");
        }
        return out.toString();
    }
}
