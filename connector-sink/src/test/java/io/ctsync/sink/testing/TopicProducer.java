package io.ctsync.sink.testing;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.json.JsonConverter;

/**
 * Writes Connect data to a real topic of the embedded cluster as the worker's JsonConverter (schemas enabled) reads
 * it: serialised with a real JsonConverter and sent with a real producer.
 */
public final class TopicProducer implements AutoCloseable {

    private final KafkaProducer<byte[], byte[]> producer;
    private final JsonConverter keys = converter(true);
    private final JsonConverter values = converter(false);

    public TopicProducer(ConnectClusterExtension connect) {
        producer = connect.cluster().kafka().createProducer(Map.of(ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024, ProducerConfig.ACKS_CONFIG, "all"));
    }

    public void send(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value) {
        producer.send(new ProducerRecord<>(topic, partition, keys.fromConnectData(topic, keySchema, key),
                value == null ? null : values.fromConnectData(topic, valueSchema, value)));
    }

    /** With headers (string values), e.g. a snapshot marker's {@code ctsync.control}. */
    public void send(String topic, int partition, Schema keySchema, Object key, Schema valueSchema, Object value,
                     Map<String, String> headers) {
        List<Header> kafkaHeaders = new ArrayList<>();
        headers.forEach((name, text) -> kafkaHeaders.add(new RecordHeader(name, text.getBytes(StandardCharsets.UTF_8))));
        producer.send(new ProducerRecord<>(topic, partition, null, keys.fromConnectData(topic, keySchema, key),
                value == null ? null : values.fromConnectData(topic, valueSchema, value), kafkaHeaders));
    }

    public void send(String topic, Schema keySchema, Object key, Schema valueSchema, Object value) {
        send(topic, 0, keySchema, key, valueSchema, value);
    }

    /** A tombstone: the key, and a null value. */
    public void tombstone(String topic, Schema keySchema, Object key) {
        send(topic, 0, keySchema, key, null, null);
    }

    /** Waits until everything sent is acknowledged. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close();
    }

    private static JsonConverter converter(boolean isKey) {
        JsonConverter converter = new JsonConverter();
        converter.configure(Map.of("schemas.enable", "true"), isKey);
        return converter;
    }

    /** Sends synchronously, for tests that need one record in Kafka before the next step. */
    public void sendNow(String topic, Schema keySchema, Object key, Schema valueSchema, Object value)
            throws InterruptedException, ExecutionException, TimeoutException {
        producer.send(new ProducerRecord<>(topic, 0, keys.fromConnectData(topic, keySchema, key),
                value == null ? null : values.fromConnectData(topic, valueSchema, value))).get(30, TimeUnit.SECONDS);
    }
}
