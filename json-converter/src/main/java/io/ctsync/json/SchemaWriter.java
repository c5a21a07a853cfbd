package io.ctsync.json;

import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/** Writes a Connect schema in JsonConverter's JSON form, member for member in Kafka's order. */
final class SchemaWriter {

    private final ValueWriter defaults;

    SchemaWriter(ValueWriter defaults) {
        this.defaults = defaults;
    }

    void write(Schema schema, JsonGenerator out) throws IOException {
        if (schema == null) {
            out.writeNull();
            return;
        }
        write(schema, null, out);
    }

    /** A struct field's schema carries the field's name as its last member. */
    private void write(Schema schema, String fieldName, JsonGenerator out) throws IOException {
        out.writeStartObject();
        out.writeStringField(WireFormat.TYPE, typeName(schema.type()));
        switch (schema.type()) {
            case ARRAY:
                out.writeFieldName(WireFormat.ITEMS);
                write(schema.valueSchema(), out);
                break;
            case MAP:
                out.writeFieldName(WireFormat.KEYS);
                write(schema.keySchema(), out);
                out.writeFieldName(WireFormat.VALUES);
                write(schema.valueSchema(), out);
                break;
            case STRUCT:
                out.writeArrayFieldStart(WireFormat.FIELDS);
                for (Field field : schema.fields()) {
                    write(field.schema(), field.name(), out);
                }
                out.writeEndArray();
                break;
            default:
                break;
        }
        out.writeBooleanField(WireFormat.OPTIONAL, schema.isOptional());
        if (schema.name() != null) {
            out.writeStringField(WireFormat.NAME, schema.name());
        }
        if (schema.version() != null) {
            out.writeNumberField(WireFormat.VERSION, schema.version());
        }
        if (schema.doc() != null) {
            out.writeStringField(WireFormat.DOC, schema.doc());
        }
        if (schema.parameters() != null) {
            out.writeObjectFieldStart(WireFormat.PARAMETERS);
            for (Map.Entry<String, String> parameter : schema.parameters().entrySet()) {
                out.writeStringField(parameter.getKey(), parameter.getValue());
            }
            out.writeEndObject();
        }
        if (schema.defaultValue() != null) {
            out.writeFieldName(WireFormat.DEFAULT);
            defaults.write(schema, schema.defaultValue(), out);
        }
        if (fieldName != null) {
            out.writeStringField(WireFormat.FIELD, fieldName);
        }
        out.writeEndObject();
    }

    private static String typeName(Schema.Type type) {
        switch (type) {
            case BOOLEAN:
                return "boolean";
            case INT8:
                return "int8";
            case INT16:
                return "int16";
            case INT32:
                return "int32";
            case INT64:
                return "int64";
            case FLOAT32:
                return "float";
            case FLOAT64:
                return "double";
            case BYTES:
                return "bytes";
            case STRING:
                return "string";
            case ARRAY:
                return "array";
            case MAP:
                return "map";
            case STRUCT:
                return "struct";
            default:
                throw new DataException("Couldn't translate unsupported schema type " + type + ".");
        }
    }
}
