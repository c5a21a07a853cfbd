package io.ctsync.json;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.errors.DataException;

/**
 * Writes records in JsonConverter's format: with schemas enabled {@code {"schema":S,"payload":P}}, where S is
 * serialized once per schema and then copied as bytes, and P is generated straight from the Connect value.
 */
final class EnvelopeWriter {

    /** Identity first: connectors reuse schema instances, and ConnectSchema's hashCode walks the whole schema. */
    private record SameInstance(Schema schema) {
        @Override
        public boolean equals(Object o) {
            return o instanceof SameInstance && ((SameInstance) o).schema == schema;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(schema);
        }
    }

    private static final byte[] NULL_SCHEMA = {'n', 'u', 'l', 'l'};

    private final ValueWriter values;
    private final SchemaWriter schemas;
    private final boolean schemasEnabled;
    private final SchemaCache<SameInstance, byte[]> byInstance;
    private final SchemaCache<Schema, byte[]> byValue;

    EnvelopeWriter(FastJsonConverterConfig config) {
        values = new ValueWriter(config.decimalEncoding(), config.replaceNullWithDefault());
        schemas = new SchemaWriter(values);
        schemasEnabled = config.schemasEnabled();
        byInstance = new SchemaCache<>(config.schemaCacheSize());
        byValue = new SchemaCache<>(config.schemaCacheSize());
    }

    byte[] write(Schema schema, Object value) {
        if (schema == null && value == null) {
            return null;
        }
        RecordBuffer out = RecordBuffer.forThisThread();
        try {
            if (schemasEnabled) {
                out.write(WireFormat.ENVELOPE_START);
                out.write(schemaJson(schema));
                out.write(WireFormat.PAYLOAD_START);
            }
            try (JsonGenerator generator = WireFormat.JSON.createGenerator(out)) {
                values.write(schema, value, generator);
            }
            if (schemasEnabled) {
                out.write('}');
            }
            return out.toByteArray();
        } catch (IOException e) {
            throw new DataException("Converting Kafka Connect data to byte[] failed due to serialization error: ", e);
        }
    }

    int cachedSchemas() {
        return byValue.size();
    }

    private byte[] schemaJson(Schema schema) throws IOException {
        if (schema == null) {
            return NULL_SCHEMA;
        }
        SameInstance instance = new SameInstance(schema);
        byte[] json = byInstance.get(instance);
        if (json == null) {
            json = byValue.get(schema);
            if (json == null) {
                json = serialize(schema);
                byValue.put(schema, json);
            }
            byInstance.put(instance, json);
        }
        return json;
    }

    private byte[] serialize(Schema schema) throws IOException {
        try (ByteArrayBuilder out = new ByteArrayBuilder(512)) {
            try (JsonGenerator generator = WireFormat.JSON.createGenerator(out)) {
                schemas.write(schema, generator);
            }
            return out.toByteArray();
        }
    }
}
