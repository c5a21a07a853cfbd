package io.ctsync.sink.conflict;

import io.ctsync.contract.sink.ConflictFields;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Writes every conflict to {@code conflict.topic} ({@link ConflictFields}) with a producer of the task's own,
 * configured by {@code conflict.kafka.*}: idempotent, {@code acks=all}. A batch's conflicts are sent and acknowledged
 * before the batch commits, so none is lost; a batch retried after a failure sends its conflicts again (at least
 * once; consumers de-duplicate by the change event's topic, partition and offset).
 */
public final class ConflictTopic implements AutoCloseable {

    private final String topic;
    private final Map<String, Object> producerProperties;
    private final String connectorName;
    private final JsonConverter converter = new JsonConverter();
    private final Map<Schema, Map<Schema, Schema>> schemas = new IdentityHashMap<>();
    private KafkaProducer<byte[], byte[]> producer;

    public ConflictTopic(String topic, Map<String, Object> producerProperties, String connectorName) {
        this.topic = topic;
        this.producerProperties = producerProperties;
        this.connectorName = connectorName;
        converter.configure(Map.of("schemas.enable", "true", "replace.null.with.default", "false"), false);
    }

    public String topic() {
        return topic;
    }

    /** Sends the conflicts and waits until Kafka has them all. */
    public void publish(List<ConflictNotice> notices) throws InterruptedException {
        if (notices.isEmpty()) {
            return;
        }
        List<Future<RecordMetadata>> sent = new ArrayList<>(notices.size());
        for (ConflictNotice notice : notices) {
            Struct value = value(notice);
            byte[] key = (notice.table() + "|" + notice.rowKey()).getBytes(StandardCharsets.UTF_8);
            sent.add(producer().send(new ProducerRecord<>(topic, key, converter.fromConnectData(topic, value.schema(), value))));
        }
        producer().flush();
        for (Future<RecordMetadata> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new ConnectException("Could not write a conflict to " + topic + ": " + e.getCause(), e.getCause());
            }
        }
    }

    @Override
    public void close() {
        if (producer != null) {
            producer.close();
            producer = null;
        }
    }

    Struct value(ConflictNotice notice) {
        var record = notice.event().record();
        Schema rowSchema = notice.event().row() == null ? null : notice.event().row().schema();
        Struct value = new Struct(schema(record.keySchema(), rowSchema))
                .put(ConflictFields.CONNECTOR, connectorName)
                .put(ConflictFields.TABLE, notice.table().toString())
                .put(ConflictFields.ROW_KEY, notice.rowKey())
                .put(ConflictFields.SITUATION, notice.situation().label())
                .put(ConflictFields.RULE, notice.rule())
                .put(ConflictFields.OUTCOME, notice.resolution().outcome().label())
                .put(ConflictFields.REASON, notice.resolution().reason())
                .put(ConflictFields.OP, notice.event().sourceOp())
                .put(ConflictFields.EVENT_VERSION, notice.event().version())
                .put(ConflictFields.TARGET, notice.target() == null ? null : notice.target().text())
                .put(ConflictFields.SOURCE_CHANGED, list(notice.sourceChanged()))
                .put(ConflictFields.TARGET_CHANGED, list(notice.targetChanged()))
                .put(ConflictFields.WRITTEN_COLUMNS, notice.resolution().columns())
                .put(ConflictFields.KAFKA_TOPIC, record.originalTopic())
                .put(ConflictFields.KAFKA_PARTITION, record.originalKafkaPartition())
                .put(ConflictFields.KAFKA_OFFSET, record.originalKafkaOffset())
                .put(ConflictFields.DETECTED_MS, notice.detectedMs());
        if (record.keySchema() != null) {
            // The key and row travel with their own schemas (present only when the event has them).
            value.put(ConflictFields.KEY, record.key());
        }
        if (rowSchema != null) {
            value.put(ConflictFields.SOURCE, notice.event().row());
        }
        return value;
    }

    private Schema schema(Schema keySchema, Schema rowSchema) {
        return schemas.computeIfAbsent(keySchema == null ? Schema.OPTIONAL_STRING_SCHEMA : keySchema, k -> new IdentityHashMap<>())
                .computeIfAbsent(rowSchema == null ? Schema.OPTIONAL_STRING_SCHEMA : rowSchema, r -> build(keySchema, rowSchema));
    }

    private static Schema build(Schema keySchema, Schema rowSchema) {
        Schema text = Schema.STRING_SCHEMA;
        Schema optionalText = Schema.OPTIONAL_STRING_SCHEMA;
        Schema names = SchemaBuilder.array(Schema.STRING_SCHEMA).optional().build();
        SchemaBuilder builder = SchemaBuilder.struct().name(ConflictFields.SCHEMA_NAME)
                .field(ConflictFields.CONNECTOR, text)
                .field(ConflictFields.TABLE, text)
                .field(ConflictFields.ROW_KEY, text);
        if (keySchema != null) {
            builder.field(ConflictFields.KEY, keySchema);
        }
        builder.field(ConflictFields.SITUATION, text)
                .field(ConflictFields.RULE, text)
                .field(ConflictFields.OUTCOME, text)
                .field(ConflictFields.REASON, text)
                .field(ConflictFields.OP, optionalText)
                .field(ConflictFields.EVENT_VERSION, Schema.OPTIONAL_INT64_SCHEMA);
        if (rowSchema != null) {
            builder.field(ConflictFields.SOURCE, rowSchema);
        }
        return builder.field(ConflictFields.TARGET, SchemaBuilder.map(text, optionalText).optional().build())
                .field(ConflictFields.SOURCE_CHANGED, names)
                .field(ConflictFields.TARGET_CHANGED, names)
                .field(ConflictFields.WRITTEN_COLUMNS, names)
                .field(ConflictFields.KAFKA_TOPIC, text)
                .field(ConflictFields.KAFKA_PARTITION, Schema.INT32_SCHEMA)
                .field(ConflictFields.KAFKA_OFFSET, Schema.INT64_SCHEMA)
                .field(ConflictFields.DETECTED_MS, Schema.INT64_SCHEMA)
                .build();
    }

    private static List<String> list(java.util.Set<String> names) {
        return names == null ? null : List.copyOf(names);
    }

    private KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Map<String, Object> properties = new HashMap<>(producerProperties);
            properties.putIfAbsent(ProducerConfig.ACKS_CONFIG, "all");
            properties.putIfAbsent(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            properties.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, "5");
            producer = new KafkaProducer<>(properties, new ByteArraySerializer(), new ByteArraySerializer());
        }
        return producer;
    }
}
