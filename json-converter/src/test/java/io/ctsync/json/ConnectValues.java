package io.ctsync.json;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;

/** Connect values in a form whose equals() compares content: byte arrays by bytes, structs field by field. */
final class ConnectValues {

    /** Schemas compare as Kafka's JSON text of them: equals() fails on defaults that hold byte arrays. */
    private static final JsonConverter SCHEMA_TEXT = new JsonConverter();

    static {
        SCHEMA_TEXT.configure(Map.of(), false);
    }

    private ConnectValues() {
    }

    static String schemaText(Schema schema) {
        return schema == null ? null : SCHEMA_TEXT.asJsonSchema(schema).toString();
    }

    static Object comparable(Object value) {
        if (value instanceof byte[]) {
            return ByteBuffer.wrap((byte[]) value);
        }
        if (value instanceof Struct) {
            Struct struct = (Struct) value;
            List<Object> fields = new ArrayList<>();
            fields.add(schemaText(struct.schema()));
            for (Field field : struct.schema().fields()) {
                fields.add(field.name());
                fields.add(comparable(struct.getWithoutDefault(field.name())));
            }
            return fields;
        }
        if (value instanceof List) {
            List<Object> list = new ArrayList<>();
            for (Object element : (List<?>) value) {
                list.add(comparable(element));
            }
            return list;
        }
        if (value instanceof Map) {
            Map<Object, Object> map = new HashMap<>();
            ((Map<?, ?>) value).forEach((k, v) -> map.put(comparable(k), comparable(v)));
            return map;
        }
        return value;
    }
}
