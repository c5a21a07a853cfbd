package io.ctsync.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.json.JsonReadFeature;
import java.nio.charset.StandardCharsets;

/** The names JsonConverter's wire format uses, and the one Jackson factory configured as Kafka's reads it. */
final class WireFormat {

    static final String SCHEMA = "schema";
    static final String PAYLOAD = "payload";

    static final String TYPE = "type";
    static final String OPTIONAL = "optional";
    static final String NAME = "name";
    static final String VERSION = "version";
    static final String DOC = "doc";
    static final String PARAMETERS = "parameters";
    static final String DEFAULT = "default";
    static final String ITEMS = "items";
    static final String KEYS = "keys";
    static final String VALUES = "values";
    static final String FIELDS = "fields";
    static final String FIELD = "field";

    /** Kafka's JsonDeserializer accepts numbers with leading zeros; so must we. */
    static final JsonFactory JSON = JsonFactory.builder().enable(JsonReadFeature.ALLOW_LEADING_ZEROS_FOR_NUMBERS).build();

    /** The bytes a canonical envelope (as Kafka's converter writes it) starts with, before the schema. */
    static final byte[] ENVELOPE_START = "{\"schema\":".getBytes(StandardCharsets.UTF_8);
    /** The bytes between the schema and the payload in a canonical envelope. */
    static final byte[] PAYLOAD_START = ",\"payload\":".getBytes(StandardCharsets.UTF_8);

    private WireFormat() {
    }
}
