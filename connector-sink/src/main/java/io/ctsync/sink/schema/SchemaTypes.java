package io.ctsync.sink.schema;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;

/**
 * Resolves a field's Connect schema, including Connect's logical types and Debezium's semantic types, into a
 * {@link TypedField}. Precision and length come from the schema where it says them (Decimal's
 * {@code connect.decimal.precision}, Debezium's {@code __debezium.source.column.length}/{@code .scale} when the
 * source propagates column types).
 */
public final class SchemaTypes {

    private static final String DBZ = "io.debezium.";
    private static final String SOURCE_LENGTH = "__debezium.source.column.length";
    private static final String SOURCE_SCALE = "__debezium.source.column.scale";
    private static final String DECIMAL_PRECISION = "connect.decimal.precision";
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private SchemaTypes() {
    }

    public static TypedField resolve(String fieldName, Schema schema) {
        String name = schema.name();
        if (name != null) {
            TypedField semantic = semantic(name, schema);
            if (semantic != null) {
                return semantic;
            }
        }
        return switch (schema.type()) {
            case BOOLEAN -> plain(Kind.BOOLEAN);
            case INT8 -> plain(Kind.INT8);
            case INT16 -> plain(Kind.INT16);
            case INT32 -> plain(Kind.INT32);
            case INT64 -> plain(Kind.INT64);
            case FLOAT32 -> plain(Kind.FLOAT32);
            case FLOAT64 -> plain(Kind.FLOAT64);
            case STRING -> new TypedField(FieldType.string(intParameter(schema, SOURCE_LENGTH)), ValueConverter.IDENTITY);
            case BYTES -> new TypedField(FieldType.of(Kind.BYTES), SchemaTypes::bytes);
            case STRUCT, ARRAY, MAP -> throw new UnmappableTypeException("field '" + fieldName + "' has Connect type "
                    + schema.type() + (name == null ? "" : " (" + name + ")")
                    + ", which no column type holds; flatten it with an SMT (e.g. Flatten) or drop it (ReplaceField)");
        };
    }

    private static TypedField semantic(String name, Schema schema) {
        return switch (name) {
            case Decimal.LOGICAL_NAME -> new TypedField(FieldType.decimal(intParameter(schema, DECIMAL_PRECISION),
                    intParameter(schema, Decimal.SCALE_FIELD)), ValueConverter.IDENTITY);
            case Date.LOGICAL_NAME -> new TypedField(FieldType.of(Kind.DATE),
                    v -> LocalDate.ofEpochDay(Math.floorDiv(((java.util.Date) v).getTime(), 86_400_000L)));
            case Time.LOGICAL_NAME -> new TypedField(FieldType.temporal(Kind.TIME, 3),
                    v -> LocalTime.ofNanoOfDay(Math.floorMod(((java.util.Date) v).getTime(), 86_400_000L) * NANOS_PER_MILLI));
            case Timestamp.LOGICAL_NAME -> new TypedField(FieldType.temporal(Kind.TIMESTAMP, 3),
                    v -> epochNanos(((java.util.Date) v).getTime(), NANOS_PER_MILLI));
            case DBZ + "time.Date" -> new TypedField(FieldType.of(Kind.DATE), v -> LocalDate.ofEpochDay(((Number) v).longValue()));
            case DBZ + "time.Time" -> new TypedField(FieldType.temporal(Kind.TIME, 3),
                    v -> LocalTime.ofNanoOfDay(((Number) v).longValue() * NANOS_PER_MILLI));
            case DBZ + "time.MicroTime" -> new TypedField(FieldType.temporal(Kind.TIME, 6),
                    v -> LocalTime.ofNanoOfDay(((Number) v).longValue() * 1_000L));
            case DBZ + "time.NanoTime" -> new TypedField(FieldType.temporal(Kind.TIME, 9),
                    v -> LocalTime.ofNanoOfDay(((Number) v).longValue()));
            case DBZ + "time.Timestamp" -> new TypedField(FieldType.temporal(Kind.TIMESTAMP, 3),
                    v -> epochNanos(((Number) v).longValue(), NANOS_PER_MILLI));
            case DBZ + "time.MicroTimestamp" -> new TypedField(FieldType.temporal(Kind.TIMESTAMP, 6),
                    v -> epochNanos(((Number) v).longValue(), 1_000L));
            case DBZ + "time.NanoTimestamp" -> new TypedField(FieldType.temporal(Kind.TIMESTAMP, 9),
                    v -> epochNanos(((Number) v).longValue(), 1L));
            case DBZ + "time.ZonedTimestamp" -> new TypedField(FieldType.temporal(Kind.TIMESTAMP_TZ, 9),
                    v -> OffsetDateTime.parse((String) v));
            case DBZ + "time.ZonedTime" -> new TypedField(FieldType.temporal(Kind.TIME_TZ, 9), v -> OffsetTime.parse((String) v));
            case DBZ + "data.Uuid" -> new TypedField(FieldType.of(Kind.UUID), v -> java.util.UUID.fromString((String) v));
            case DBZ + "data.Json" -> new TypedField(FieldType.of(Kind.JSON), ValueConverter.IDENTITY);
            case DBZ + "data.Xml" -> new TypedField(FieldType.of(Kind.XML), ValueConverter.IDENTITY);
            case DBZ + "data.VariableScaleDecimal" -> new TypedField(FieldType.decimal(FieldType.UNKNOWN, FieldType.VARIABLE),
                    SchemaTypes::variableScaleDecimal);
            case DBZ + "data.Bits" -> new TypedField(FieldType.of(Kind.BYTES), SchemaTypes::bytes);
            default -> null;
        };
    }

    private static TypedField plain(Kind kind) {
        return new TypedField(FieldType.of(kind), ValueConverter.IDENTITY);
    }

    private static LocalDateTime epochNanos(long amount, long nanosPerUnit) {
        long unitsPerSecond = 1_000_000_000L / nanosPerUnit;
        long seconds = Math.floorDiv(amount, unitsPerSecond);
        long nanos = Math.floorMod(amount, unitsPerSecond) * nanosPerUnit;
        return LocalDateTime.ofEpochSecond(seconds, (int) nanos, ZoneOffset.UTC);
    }

    private static Object bytes(Object value) {
        if (value instanceof ByteBuffer buffer) {
            byte[] out = new byte[buffer.remaining()];
            buffer.duplicate().get(out);
            return out;
        }
        return value;
    }

    private static Object variableScaleDecimal(Object value) {
        Struct struct = (Struct) value;
        byte[] unscaled = (byte[]) bytes(struct.get("value"));
        return new BigDecimal(new BigInteger(unscaled), struct.getInt32("scale"));
    }

    private static int intParameter(Schema schema, String parameter) {
        Map<String, String> parameters = schema.parameters();
        String text = parameters == null ? null : parameters.get(parameter);
        if (text == null) {
            return FieldType.UNKNOWN;
        }
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            return FieldType.UNKNOWN;
        }
    }
}
