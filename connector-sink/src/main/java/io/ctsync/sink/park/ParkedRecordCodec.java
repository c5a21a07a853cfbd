package io.ctsync.sink.park;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * A parked record's key, value and headers as text for the parked table, and back: Connect's own JsonConverter with
 * schemas, which keeps every logical type, schema name and parameter, so the record reads back as the sink first saw
 * it. (connect-json ships with every Connect worker; it is loaded only once something is parked.)
 */
final class ParkedRecordCodec {

    private static final Schema HEADER = SchemaBuilder.struct().name("io.ctsync.sink.ParkedHeader")
            .field("key", Schema.STRING_SCHEMA).field("value", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema HEADERS = SchemaBuilder.array(HEADER).build();

    private final JsonConverter converter = new JsonConverter();

    ParkedRecordCodec() {
        converter.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
    }

    String encode(String topic, Schema schema, Object value) {
        return new String(converter.fromConnectData(topic, schema, value), StandardCharsets.UTF_8);
    }

    SchemaAndValue decode(String topic, String text) {
        return converter.toConnectData(topic, text == null ? null : text.getBytes(StandardCharsets.UTF_8));
    }

    String encodeHeaders(String topic, Iterable<Header> headers) {
        List<Struct> out = new ArrayList<>();
        for (Header header : headers) {
            byte[] value = converter.fromConnectHeader(topic, header.key(), header.schema(), header.value());
            out.add(new Struct(HEADER).put("key", header.key())
                    .put("value", value == null ? null : new String(value, StandardCharsets.UTF_8)));
        }
        return out.isEmpty() ? null : encode(topic, HEADERS, out);
    }

    ConnectHeaders decodeHeaders(String topic, String text) {
        ConnectHeaders headers = new ConnectHeaders();
        if (text == null) {
            return headers;
        }
        for (Object item : (List<?>) decode(topic, text).value()) {
            Struct header = (Struct) item;
            String value = header.getString("value");
            SchemaAndValue decoded = converter.toConnectHeader(topic, header.getString("key"),
                    value == null ? null : value.getBytes(StandardCharsets.UTF_8));
            headers.add(header.getString("key"), decoded);
        }
        return headers;
    }
}
