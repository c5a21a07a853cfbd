package io.ctsync.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads one JSON value from a streaming parser straight into its Connect form, as Kafka's JsonConverter reads the
 * same value from a Jackson tree. The parser stands on the value's first token; afterwards it stands on its last.
 *
 * <p>Kafka's reading is lenient where the JSON type does not fit the schema (a string where an int32 belongs reads
 * as 0, a number where a string belongs as null, a scalar where an array belongs as an empty list); this reader
 * gives the same results, so a record reads the same whichever converter the worker uses. A token of {@code null}
 * stands for an empty document (Jackson's missing node).
 */
final class ValueReader {

    private static final Object ABSENT = new Object();

    private final boolean replaceNullWithDefault;

    ValueReader(boolean replaceNullWithDefault) {
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    Object read(Schema schema, JsonParser p) throws IOException {
        JsonToken token = p.currentToken();
        if (schema == null) {
            return readSchemaless(p, token);
        }
        if (token == JsonToken.VALUE_NULL) {
            return nullValue(schema);
        }
        String name = schema.name();
        if (name != null) {
            switch (name) {
                case Decimal.LOGICAL_NAME:
                    return readDecimal(schema, p, token);
                case Date.LOGICAL_NAME:
                    return Date.toLogical(schema, intForLogical(p, token, "Date"));
                case Time.LOGICAL_NAME:
                    return Time.toLogical(schema, intForLogical(p, token, "Time"));
                case Timestamp.LOGICAL_NAME:
                    return Timestamp.toLogical(schema, longForTimestamp(p, token));
                default:
                    break;
            }
        }
        switch (schema.type()) {
            case BOOLEAN:
                return booleanValue(p, token);
            case INT8:
                return (byte) intValue(p, token);
            case INT16:
                return (short) intValue(p, token);
            case INT32:
                return intValue(p, token);
            case INT64:
                return longValue(p, token);
            case FLOAT32:
                return floatValue(p, token);
            case FLOAT64:
                return doubleValue(p, token);
            case STRING:
                if (token == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                skip(p);
                return null;
            case BYTES:
                return readBytes(p, token);
            case ARRAY:
                return readArray(schema.valueSchema(), p, token);
            case MAP:
                return readMap(schema, p, token);
            case STRUCT:
                return readStruct(schema, p, token);
            default:
                throw new DataException("Unknown schema type: " + schema.type());
        }
    }

    /** A value that is null or absent: the schema's default, or null where allowed. */
    Object nullValue(Schema schema) {
        if (schema.defaultValue() != null && replaceNullWithDefault) {
            return schema.defaultValue();
        }
        if (schema.isOptional()) {
            return null;
        }
        throw new DataException("Invalid null value for required " + schema.type() + " field");
    }

    private Object readSchemaless(JsonParser p, JsonToken token) throws IOException {
        if (token == null) {
            return null;
        }
        switch (token) {
            case VALUE_NULL:
                return null;
            case VALUE_TRUE:
                return Boolean.TRUE;
            case VALUE_FALSE:
                return Boolean.FALSE;
            case VALUE_NUMBER_INT:
                return longValue(p, token);
            case VALUE_NUMBER_FLOAT:
                return doubleValue(p, token);
            case VALUE_STRING:
                return p.getText();
            case START_ARRAY: {
                List<Object> list = new ArrayList<>();
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    list.add(readSchemaless(p, p.currentToken()));
                }
                return list;
            }
            case START_OBJECT: {
                Map<Object, Object> map = new HashMap<>();
                for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                    p.nextToken();
                    map.put(key, readSchemaless(p, p.currentToken()));
                }
                return map;
            }
            default:
                throw new DataException("Unknown schema type: null");
        }
    }

    private Object readDecimal(Schema schema, JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT || token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue();
        }
        if (token == JsonToken.VALUE_STRING) {
            try {
                return Decimal.toLogical(schema, p.getBinaryValue());
            } catch (Exception e) {
                throw new DataException("Invalid bytes for Decimal field", e);
            }
        }
        throw new DataException("Invalid type for Decimal, underlying representation should be numeric or bytes but was "
                + describe(token));
    }

    private static int intForLogical(JsonParser p, JsonToken token, String logical) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
            return p.getIntValue();
        }
        throw new DataException("Invalid type for " + logical + ", underlying representation should be integer but was "
                + describe(token));
    }

    private static long longForTimestamp(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return longValue(p, token);
        }
        throw new DataException("Invalid type for Timestamp, underlying representation should be integral but was "
                + describe(token));
    }

    private static byte[] readBytes(JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.VALUE_STRING) {
            skip(p);
            return null;
        }
        try {
            return p.getBinaryValue();
        } catch (IOException | IllegalArgumentException e) {
            throw new DataException("Invalid bytes field", e);
        }
    }

    private List<Object> readArray(Schema elementSchema, JsonParser p, JsonToken token) throws IOException {
        List<Object> list = new ArrayList<>();
        if (token == JsonToken.START_ARRAY) {
            while (p.nextToken() != JsonToken.END_ARRAY) {
                list.add(read(elementSchema, p));
            }
        } else if (token == JsonToken.START_OBJECT) {
            // Jackson iterates an object node's values: Kafka reads {"a":1,"b":2} under an array schema as [1, 2].
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                p.nextToken();
                list.add(read(elementSchema, p));
            }
        }
        return list;
    }

    private Map<Object, Object> readMap(Schema schema, JsonParser p, JsonToken token) throws IOException {
        Schema keySchema = schema.keySchema();
        Schema valueSchema = schema.valueSchema();
        Map<Object, Object> map = new HashMap<>();
        if (keySchema.type() == Schema.Type.STRING) {
            if (token != JsonToken.START_OBJECT) {
                throw new DataException("Maps with string fields should be encoded as JSON objects, but found " + describe(token));
            }
            for (String key = p.nextFieldName(); key != null; key = p.nextFieldName()) {
                p.nextToken();
                map.put(key, read(valueSchema, p));
            }
            return map;
        }
        if (token != JsonToken.START_ARRAY) {
            throw new DataException("Maps with non-string fields should be encoded as JSON array of tuples, but found "
                    + describe(token));
        }
        while (p.nextToken() != JsonToken.END_ARRAY) {
            if (p.currentToken() != JsonToken.START_ARRAY) {
                throw new DataException("Found invalid map entry instead of array tuple: " + describe(p.currentToken()));
            }
            if (p.nextToken() == JsonToken.END_ARRAY) {
                throw new DataException("Found invalid map entry, expected length 2 but found :0");
            }
            Object key = read(keySchema, p);
            if (p.nextToken() == JsonToken.END_ARRAY) {
                throw new DataException("Found invalid map entry, expected length 2 but found :1");
            }
            Object value = read(valueSchema, p);
            if (p.nextToken() != JsonToken.END_ARRAY) {
                throw new DataException("Found invalid map entry, expected length 2 but found more");
            }
            map.put(key, value);
        }
        return map;
    }

    private Struct readStruct(Schema schema, JsonParser p, JsonToken token) throws IOException {
        if (token != JsonToken.START_OBJECT) {
            throw new DataException("Structs should be encoded as JSON objects, but found " + describe(token));
        }
        List<Field> fields = schema.fields();
        Object[] values = new Object[fields.size()];
        Arrays.fill(values, ABSENT);
        for (String name = p.nextFieldName(); name != null; name = p.nextFieldName()) {
            p.nextToken();
            Field field = schema.field(name);
            if (field == null) {
                p.skipChildren();
            } else {
                values[field.index()] = read(field.schema(), p);
            }
        }
        Struct struct = new Struct(schema.schema());
        for (Field field : fields) {
            Object value = values[field.index()];
            struct.put(field, value == ABSENT ? nullValue(field.schema()) : value);
        }
        return struct;
    }

    private static boolean booleanValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_TRUE || token == JsonToken.VALUE_FALSE) {
            return token == JsonToken.VALUE_TRUE;
        }
        skip(p);
        return false;
    }

    private static int intValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            switch (p.getNumberType()) {
                case INT:
                    return p.getIntValue();
                case LONG:
                    return (int) p.getLongValue();
                default:
                    return p.getBigIntegerValue().intValue();
            }
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue().intValue();
        }
        skip(p);
        return 0;
    }

    private static long longValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            return p.getNumberType() == JsonParser.NumberType.BIG_INTEGER ? p.getBigIntegerValue().longValue()
                    : p.getLongValue();
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            return p.getDecimalValue().longValue();
        }
        skip(p);
        return 0L;
    }

    private static float floatValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            switch (p.getNumberType()) {
                case INT:
                    return (float) p.getIntValue();
                case LONG:
                    return (float) p.getLongValue();
                default:
                    return p.getBigIntegerValue().floatValue();
            }
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            // Kafka reads every fraction as BigDecimal first; rounding from it keeps every float the same.
            return p.getDecimalValue().floatValue();
        }
        skip(p);
        return 0f;
    }

    private static double doubleValue(JsonParser p, JsonToken token) throws IOException {
        if (token == JsonToken.VALUE_NUMBER_INT) {
            switch (p.getNumberType()) {
                case INT:
                    return p.getIntValue();
                case LONG:
                    return (double) p.getLongValue();
                default:
                    return p.getBigIntegerValue().doubleValue();
            }
        }
        if (token == JsonToken.VALUE_NUMBER_FLOAT) {
            double value = p.getDoubleValue();
            // Both parse to the same nearest double, except zeros: Kafka goes through BigDecimal, which has no -0.0
            // ("-0.0" reads as 0.0) while an underflowing "-1e-400" still reads as -0.0.
            return value == 0.0 ? p.getDecimalValue().doubleValue() : value;
        }
        skip(p);
        return 0.0;
    }

    /** Passes over a value of a type the schema does not expect. */
    private static void skip(JsonParser p) throws IOException {
        if (p.currentToken() != null) {
            p.skipChildren();
        }
    }

    private static String describe(JsonToken token) {
        if (token == null) {
            return "MISSING";
        }
        switch (token) {
            case START_OBJECT:
                return "OBJECT";
            case START_ARRAY:
                return "ARRAY";
            case VALUE_STRING:
                return "STRING";
            case VALUE_NUMBER_INT:
            case VALUE_NUMBER_FLOAT:
                return "NUMBER";
            case VALUE_TRUE:
            case VALUE_FALSE:
                return "BOOLEAN";
            case VALUE_NULL:
                return "NULL";
            default:
                return token.name();
        }
    }
}
