package io.ctsync.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.errors.DataException;

/**
 * Turns a schema in JsonConverter's JSON form into a Connect schema, with Kafka's rules (which fields are required,
 * which are ignored when of the wrong JSON type). Runs only when a schema's bytes are not cached yet, so it may use
 * Jackson's tree model; the tree is read exactly as Kafka's converter reads it.
 */
final class SchemaParser {

    private static final ObjectMapper TREE_READER = new ObjectMapper(WireFormat.JSON.copy())
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));

    private final ValueReader values;

    SchemaParser(ValueReader values) {
        this.values = values;
    }

    /** The schema in {@code length} bytes of {@code json} from {@code offset}; null for a JSON null. */
    Schema parse(byte[] json, int offset, int length) {
        return toSchema(tree(json, offset, length));
    }

    /** JSON as Kafka's converter reads it into a tree: fractions as exact BigDecimals. */
    JsonNode tree(byte[] json, int offset, int length) {
        try {
            return TREE_READER.readTree(json, offset, length);
        } catch (IOException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }
    }

    /** A value held as a tree, read as the streaming reader reads it. */
    Object readValue(Schema schema, JsonNode json) {
        try (JsonParser parser = json.traverse(TREE_READER)) {
            parser.nextToken();
            return values.read(schema, parser);
        } catch (IOException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }
    }

    Schema toSchema(JsonNode json) {
        if (json == null || json.isNull() || json.isMissingNode()) {
            return null;
        }
        JsonNode typeNode = json.get(WireFormat.TYPE);
        if (typeNode == null || !typeNode.isTextual()) {
            throw new DataException("Schema must contain 'type' field");
        }
        SchemaBuilder builder = builderFor(typeNode.textValue(), json);
        JsonNode optional = json.get(WireFormat.OPTIONAL);
        if (optional != null && optional.isBoolean() && optional.booleanValue()) {
            builder.optional();
        } else {
            builder.required();
        }
        JsonNode name = json.get(WireFormat.NAME);
        if (name != null && name.isTextual()) {
            builder.name(name.textValue());
        }
        JsonNode version = json.get(WireFormat.VERSION);
        if (version != null && version.isIntegralNumber()) {
            builder.version(version.intValue());
        }
        JsonNode doc = json.get(WireFormat.DOC);
        if (doc != null && doc.isTextual()) {
            builder.doc(doc.textValue());
        }
        JsonNode parameters = json.get(WireFormat.PARAMETERS);
        if (parameters != null && parameters.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = parameters.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> parameter = it.next();
                if (!parameter.getValue().isTextual()) {
                    throw new DataException("Schema parameters must have string values.");
                }
                builder.parameter(parameter.getKey(), parameter.getValue().textValue());
            }
        }
        JsonNode defaultValue = json.get(WireFormat.DEFAULT);
        if (defaultValue != null) {
            builder.defaultValue(readDefault(builder, defaultValue));
        }
        return builder.build();
    }

    private SchemaBuilder builderFor(String type, JsonNode json) {
        switch (type) {
            case "boolean":
                return SchemaBuilder.bool();
            case "int8":
                return SchemaBuilder.int8();
            case "int16":
                return SchemaBuilder.int16();
            case "int32":
                return SchemaBuilder.int32();
            case "int64":
                return SchemaBuilder.int64();
            case "float":
                return SchemaBuilder.float32();
            case "double":
                return SchemaBuilder.float64();
            case "bytes":
                return SchemaBuilder.bytes();
            case "string":
                return SchemaBuilder.string();
            case "array": {
                JsonNode items = json.get(WireFormat.ITEMS);
                if (items == null || items.isNull()) {
                    throw new DataException("Array schema did not specify the element type");
                }
                return SchemaBuilder.array(toSchema(items));
            }
            case "map": {
                JsonNode keys = json.get(WireFormat.KEYS);
                if (keys == null) {
                    throw new DataException("Map schema did not specify the key type");
                }
                JsonNode values = json.get(WireFormat.VALUES);
                if (values == null) {
                    throw new DataException("Map schema did not specify the value type");
                }
                return SchemaBuilder.map(toSchema(keys), toSchema(values));
            }
            case "struct":
                return structBuilder(json);
            default:
                throw new DataException("Unknown schema type: " + type);
        }
    }

    private SchemaBuilder structBuilder(JsonNode json) {
        SchemaBuilder builder = SchemaBuilder.struct();
        JsonNode fields = json.get(WireFormat.FIELDS);
        if (fields == null || !fields.isArray()) {
            throw new DataException("Struct schema's \"fields\" argument is not an array.");
        }
        for (JsonNode field : fields) {
            JsonNode fieldName = field.get(WireFormat.FIELD);
            if (fieldName == null || !fieldName.isTextual()) {
                throw new DataException("Struct schema's field name not specified properly");
            }
            builder.field(fieldName.asText(), toSchema(field));
        }
        return builder;
    }

    /** A default is read like any value of the schema being built (so a Decimal default may be base64 or numeric). */
    private Object readDefault(SchemaBuilder schema, JsonNode json) {
        return readValue(schema, json);
    }
}
