package io.ctsync.json;

import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.connect.components.Versioned;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.ConverterConfig;
import org.apache.kafka.connect.storage.ConverterType;
import org.apache.kafka.connect.storage.HeaderConverter;

/**
 * A drop-in replacement for Kafka's {@code org.apache.kafka.connect.json.JsonConverter}: the same wire format
 * (schema + payload envelope, logical types, decimal formats) and the same options, but records are parsed with
 * Jackson's streaming parser straight into Connect values, and each distinct schema is parsed once (cached by its
 * bytes) instead of once per record. Works as key, value and header converter.
 *
 * <pre>
 * value.converter=io.ctsync.json.FastJsonConverter
 * value.converter.schemas.enable=true
 * </pre>
 */
public class FastJsonConverter implements Converter, HeaderConverter, Versioned {

    private EnvelopeReader reader;
    private EnvelopeWriter writer;

    @Override
    public String version() {
        String version = FastJsonConverter.class.getPackage().getImplementationVersion();
        return version != null ? version : "unknown";
    }

    @Override
    public ConfigDef config() {
        return FastJsonConverterConfig.configDef();
    }

    @Override
    public void configure(Map<String, ?> configs) {
        FastJsonConverterConfig config = new FastJsonConverterConfig(configs);
        try {
            reader = new EnvelopeReader(config);
        } catch (DataException e) {
            throw new ConfigException(FastJsonConverterConfig.SCHEMA_CONTENT_CONFIG, "(not shown)",
                    "not a schema in JsonConverter's JSON form: " + e.getMessage());
        }
        writer = new EnvelopeWriter(config);
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        Map<String, Object> withType = new HashMap<>(configs);
        withType.put(ConverterConfig.TYPE_CONFIG, (isKey ? ConverterType.KEY : ConverterType.VALUE).getName());
        configure(withType);
    }

    @Override
    public byte[] fromConnectData(String topic, Schema schema, Object value) {
        return writer().write(schema, value);
    }

    @Override
    public SchemaAndValue toConnectData(String topic, byte[] value) {
        return reader().read(value);
    }

    @Override
    public byte[] fromConnectHeader(String topic, String headerKey, Schema schema, Object value) {
        return fromConnectData(topic, schema, value);
    }

    @Override
    public SchemaAndValue toConnectHeader(String topic, String headerKey, byte[] value) {
        return toConnectData(topic, value);
    }

    @Override
    public void close() {
        // Nothing to release: parsers and generators are closed after every record.
    }

    /** Schemas parsed from records and kept for the next ones (for tests and monitoring). */
    int cachedReadSchemas() {
        return reader().cachedSchemas();
    }

    /** Schemas serialized for records and kept for the next ones. */
    int cachedWrittenSchemas() {
        return writer().cachedSchemas();
    }

    private EnvelopeReader reader() {
        if (reader == null) {
            throw new IllegalStateException("FastJsonConverter used before configure()");
        }
        return reader;
    }

    private EnvelopeWriter writer() {
        if (writer == null) {
            throw new IllegalStateException("FastJsonConverter used before configure()");
        }
        return writer;
    }
}
