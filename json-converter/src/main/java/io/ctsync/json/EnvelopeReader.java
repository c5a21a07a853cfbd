package io.ctsync.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;

/**
 * Reads records in JsonConverter's format. With schemas enabled each record is an envelope
 * {@code {"schema": ..., "payload": ...}}; the schema is parsed once per distinct byte sequence and cached, and the
 * payload is parsed in one streaming pass straight into Connect values.
 *
 * <p>Records written by Kafka's converter (or this one) have the canonical layout {@code {"schema":S,"payload":P}}
 * and, within a topic, mostly the same S. For those the schema is recognised by comparing bytes with the last one
 * seen, without tokenizing it at all; anything else takes the general path, which accepts what Kafka accepts.
 */
final class EnvelopeReader {

    private static final String ENVELOPE_REQUIRED = "JsonConverter with schemas.enable requires \"schema\" and \"payload\" "
            + "fields and may not contain additional fields. If you are trying to deserialize plain JSON data, set "
            + "schemas.enable=false in your converter configuration.";

    /** A parsed schema with the bytes it was parsed from; the schema is null for {@code "schema": null}. */
    private record KnownSchema(SchemaBytes bytes, Schema schema) {
    }

    private final ValueReader values;
    private final SchemaParser schemas;
    private final SchemaCache<SchemaBytes, KnownSchema> cache;
    private final boolean schemasEnabled;
    private final Schema fixedSchema;
    private volatile KnownSchema last;

    EnvelopeReader(FastJsonConverterConfig config) {
        values = new ValueReader(config.replaceNullWithDefault());
        schemas = new SchemaParser(values);
        cache = new SchemaCache<>(config.schemaCacheSize());
        schemasEnabled = config.schemasEnabled();
        byte[] content = config.schemaContent();
        fixedSchema = content == null ? null : schemas.parse(content, 0, content.length);
    }

    SchemaAndValue read(byte[] record) {
        if (record == null) {
            return SchemaAndValue.NULL;
        }
        try {
            if (!schemasEnabled) {
                return new SchemaAndValue(null, readWhole(null, record));
            }
            if (fixedSchema != null) {
                return new SchemaAndValue(fixedSchema, readWhole(fixedSchema, record));
            }
            SchemaAndValue canonical = readCanonical(record);
            return canonical != null ? canonical : readEnvelope(record);
        } catch (IOException e) {
            throw new DataException("Converting byte[] to Kafka Connect data failed due to serialization error: ", e);
        }
    }

    int cachedSchemas() {
        return cache.size();
    }

    /** The record as one value; like Kafka, anything after the first value is ignored. */
    private Object readWhole(Schema schema, byte[] record) throws IOException {
        try (JsonParser parser = WireFormat.JSON.createParser(record)) {
            parser.nextToken();
            return values.read(schema, parser);
        }
    }

    /** The fast path: a canonical envelope around the last schema seen; null when the record is anything else. */
    private SchemaAndValue readCanonical(byte[] record) {
        KnownSchema known = last;
        if (known == null) {
            return null;
        }
        int schemaStart = WireFormat.ENVELOPE_START.length;
        int payloadStart = schemaStart + known.bytes().length() + WireFormat.PAYLOAD_START.length;
        int payloadEnd = record.length - 1;
        if (payloadEnd <= payloadStart || record[payloadEnd] != '}'
                || !startsWith(record, 0, WireFormat.ENVELOPE_START)
                || !known.bytes().occursIn(record, schemaStart)
                || !startsWith(record, payloadStart - WireFormat.PAYLOAD_START.length, WireFormat.PAYLOAD_START)) {
            return null;
        }
        try (JsonParser parser = WireFormat.JSON.createParser(record, payloadStart, payloadEnd - payloadStart)) {
            if (parser.nextToken() == null) {
                return null;
            }
            Object value = values.read(known.schema(), parser);
            return parser.nextToken() == null ? new SchemaAndValue(known.schema(), value) : null;
        } catch (IOException notCanonical) {
            // Not a well-formed payload between these bounds: the general path decides what the record is.
            return null;
        }
    }

    /** The general path: any whitespace; unusual layouts (payload first, repeated members) go to the tree path. */
    private SchemaAndValue readEnvelope(byte[] record) throws IOException {
        try (JsonParser parser = WireFormat.JSON.createParser(record)) {
            if (parser.nextToken() != JsonToken.START_OBJECT) {
                throw new DataException(ENVELOPE_REQUIRED);
            }
            KnownSchema schema = null;
            Object payload = null;
            boolean payloadRead = false;
            for (String name = parser.nextFieldName(); name != null; name = parser.nextFieldName()) {
                parser.nextToken();
                if (WireFormat.SCHEMA.equals(name) && schema == null) {
                    schema = schemaAt(record, parser);
                } else if (WireFormat.PAYLOAD.equals(name) && schema != null && !payloadRead) {
                    payload = values.read(schema.schema(), parser);
                    payloadRead = true;
                } else if (WireFormat.SCHEMA.equals(name) || WireFormat.PAYLOAD.equals(name)) {
                    return readTree(record);
                } else {
                    throw new DataException(ENVELOPE_REQUIRED);
                }
            }
            if (!payloadRead) {
                throw new DataException(ENVELOPE_REQUIRED);
            }
            return new SchemaAndValue(schema.schema(), payload);
        }
    }

    /** The tree path, as Kafka reads every record: the whole record as a tree, the last of repeated members wins. */
    private SchemaAndValue readTree(byte[] record) {
        JsonNode tree = schemas.tree(record, 0, record.length);
        if (!tree.isObject() || tree.size() != 2 || !tree.has(WireFormat.SCHEMA) || !tree.has(WireFormat.PAYLOAD)) {
            throw new DataException(ENVELOPE_REQUIRED);
        }
        Schema schema = schemas.toSchema(tree.get(WireFormat.SCHEMA));
        return new SchemaAndValue(schema, schemas.readValue(schema, tree.get(WireFormat.PAYLOAD)));
    }

    /** The schema the parser stands on, from the cache when its bytes were seen before. */
    private KnownSchema schemaAt(byte[] record, JsonParser parser) throws IOException {
        JsonToken token = parser.currentToken();
        if (token == JsonToken.VALUE_NULL) {
            return new KnownSchema(null, null);
        }
        if (token != JsonToken.START_OBJECT) {
            parser.skipChildren();
            throw new DataException("Schema must contain 'type' field");
        }
        int start = (int) parser.currentTokenLocation().getByteOffset();
        parser.skipChildren();
        int end = (int) parser.currentTokenLocation().getByteOffset() + 1;
        SchemaBytes key = SchemaBytes.view(record, start, end);
        KnownSchema known = cache.get(key);
        if (known == null) {
            SchemaBytes stored = key.copy();
            known = new KnownSchema(stored, schemas.parse(record, start, end - start));
            cache.put(stored, known);
        }
        last = known;
        return known;
    }

    private static boolean startsWith(byte[] record, int offset, byte[] expected) {
        int end = offset + expected.length;
        return offset >= 0 && end <= record.length && java.util.Arrays.equals(record, offset, end, expected, 0, expected.length);
    }
}
