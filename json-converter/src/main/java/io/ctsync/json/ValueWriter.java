package io.ctsync.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.Map;
import org.apache.kafka.connect.data.ConnectSchema;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes a Connect value as JSON, token for token what Kafka's JsonConverter writes for it (same number forms, same
 * base64, same map encodings), straight to a generator instead of through a tree.
 */
final class ValueWriter {

    private final DecimalEncoding decimalEncoding;
    private final boolean replaceNullWithDefault;

    ValueWriter(DecimalEncoding decimalEncoding, boolean replaceNullWithDefault) {
        this.decimalEncoding = decimalEncoding;
        this.replaceNullWithDefault = replaceNullWithDefault;
    }

    void write(Schema schema, Object value, JsonGenerator out) throws IOException {
        if (value == null) {
            writeNull(schema, out);
            return;
        }
        if (schema != null && schema.name() != null && writeLogical(schema, value, out)) {
            return;
        }
        Schema.Type type = schema == null ? inferType(value) : schema.type();
        try {
            writeTyped(schema, type, value, out);
        } catch (ClassCastException e) {
            throw new DataException("Invalid type for " + (schema != null ? schema.type().toString() : "unknown schema")
                    + ": " + value.getClass());
        }
    }

    private void writeNull(Schema schema, JsonGenerator out) throws IOException {
        if (schema == null) {
            out.writeNull();
        } else if (schema.defaultValue() != null && replaceNullWithDefault) {
            write(schema, schema.defaultValue(), out);
        } else if (schema.isOptional()) {
            out.writeNull();
        } else {
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
    }

    private boolean writeLogical(Schema schema, Object value, JsonGenerator out) throws IOException {
        switch (schema.name()) {
            case Decimal.LOGICAL_NAME:
                if (!(value instanceof BigDecimal)) {
                    throw new DataException("Invalid type for Decimal, expected BigDecimal but was " + value.getClass());
                }
                if (decimalEncoding == DecimalEncoding.NUMERIC) {
                    out.writeNumber((BigDecimal) value);
                } else {
                    out.writeBinary(Decimal.fromLogical(schema, (BigDecimal) value));
                }
                return true;
            case Date.LOGICAL_NAME:
                out.writeNumber(Date.fromLogical(schema, asDate(value, "Date")));
                return true;
            case Time.LOGICAL_NAME:
                out.writeNumber(Time.fromLogical(schema, asDate(value, "Time")));
                return true;
            case Timestamp.LOGICAL_NAME:
                out.writeNumber(Timestamp.fromLogical(schema, asDate(value, "Timestamp")));
                return true;
            default:
                return false;
        }
    }

    private static java.util.Date asDate(Object value, String logical) {
        if (!(value instanceof java.util.Date)) {
            throw new DataException("Invalid type for " + logical + ", expected Date but was " + value.getClass());
        }
        return (java.util.Date) value;
    }

    private static Schema.Type inferType(Object value) {
        Schema.Type type = ConnectSchema.schemaType(value.getClass());
        if (type == null) {
            throw new DataException("Java class " + value.getClass() + " does not have corresponding schema type.");
        }
        return type;
    }

    private void writeTyped(Schema schema, Schema.Type type, Object value, JsonGenerator out) throws IOException {
        switch (type) {
            case INT8:
                out.writeNumber((Byte) value);
                break;
            case INT16:
                out.writeNumber((Short) value);
                break;
            case INT32:
                out.writeNumber((Integer) value);
                break;
            case INT64:
                out.writeNumber((Long) value);
                break;
            case FLOAT32:
                out.writeNumber((Float) value);
                break;
            case FLOAT64:
                out.writeNumber((Double) value);
                break;
            case BOOLEAN:
                out.writeBoolean((Boolean) value);
                break;
            case STRING:
                out.writeString(((CharSequence) value).toString());
                break;
            case BYTES:
                writeBytes(value, out);
                break;
            case ARRAY:
                writeArray(schema == null ? null : schema.valueSchema(), (Collection<?>) value, out);
                break;
            case MAP:
                writeMap(schema, (Map<?, ?>) value, out);
                break;
            case STRUCT:
                writeStruct(schema, (Struct) value, out);
                break;
            default:
                throw new DataException("Couldn't convert " + value + " to JSON.");
        }
    }

    private static void writeBytes(Object value, JsonGenerator out) throws IOException {
        if (value instanceof byte[]) {
            out.writeBinary((byte[]) value);
        } else if (value instanceof ByteBuffer) {
            // Kafka writes the whole backing array, whatever the buffer's position and limit.
            out.writeBinary(((ByteBuffer) value).array());
        } else {
            throw new DataException("Invalid type for bytes type: " + value.getClass());
        }
    }

    private void writeArray(Schema elementSchema, Collection<?> values, JsonGenerator out) throws IOException {
        out.writeStartArray();
        for (Object element : values) {
            write(elementSchema, element, out);
        }
        out.writeEndArray();
    }

    private void writeMap(Schema schema, Map<?, ?> map, JsonGenerator out) throws IOException {
        Schema keySchema = schema == null ? null : schema.keySchema();
        Schema valueSchema = schema == null ? null : schema.valueSchema();
        if (schema == null ? allKeysAreStrings(map) : keySchema.type() == Schema.Type.STRING) {
            out.writeStartObject();
            for (Map.Entry<?, ?> entry : map.entrySet()) {
                out.writeFieldName(keyText(keySchema, entry.getKey()));
                write(valueSchema, entry.getValue(), out);
            }
            out.writeEndObject();
            return;
        }
        out.writeStartArray();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
            out.writeStartArray();
            write(keySchema, entry.getKey(), out);
            write(valueSchema, entry.getValue(), out);
            out.writeEndArray();
        }
        out.writeEndArray();
    }

    private static boolean allKeysAreStrings(Map<?, ?> map) {
        for (Object key : map.keySet()) {
            if (!(key instanceof String)) {
                return false;
            }
        }
        return true;
    }

    /** A key of a map written as a JSON object: the text Kafka takes from the key's JSON form. */
    private String keyText(Schema keySchema, Object key) {
        if (key == null) {
            if (keySchema.defaultValue() != null && replaceNullWithDefault) {
                return keyText(keySchema, keySchema.defaultValue());
            }
            if (keySchema.isOptional()) {
                return "null";
            }
            throw new DataException("Conversion error: null value for field that is required and has no default value");
        }
        if (!(key instanceof CharSequence)) {
            throw new DataException("Invalid type for STRING: " + key.getClass());
        }
        return key.toString();
    }

    private void writeStruct(Schema schema, Struct struct, JsonGenerator out) throws IOException {
        if (schema == null || (struct.schema() != schema && !struct.schema().equals(schema))) {
            throw new DataException("Mismatching schema.");
        }
        out.writeStartObject();
        for (Field field : schema.fields()) {
            out.writeFieldName(field.name());
            write(field.schema(), struct.getWithoutDefault(field.name()), out);
        }
        out.writeEndObject();
    }
}
