package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.connect.storage.Converter;

/** Writes the workload to a topic once, converted as the worker will read it back. */
final class TopicLoader {

    private TopicLoader() {
    }

    /** Returns the number of Kafka records written (deletes add a tombstone). */
    static long load(String bootstrapServers, String topic, Workload workload, Converter keyConverter,
                     Converter valueConverter) {
        Map<String, Object> props = Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.LINGER_MS_CONFIG, 20,
                ProducerConfig.BATCH_SIZE_CONFIG, 512 * 1024,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        long records = 0;
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(props, new ByteArraySerializer(),
                new ByteArraySerializer())) {
            for (Change change : workload.changes()) {
                byte[] key = keyConverter.fromConnectData(topic, OrderEvents.KEY, OrderEvents.key(change.id()));
                byte[] value = valueConverter.fromConnectData(topic, OrderEvents.ENVELOPE.schema(), OrderEvents.value(change));
                producer.send(new ProducerRecord<>(topic, key, value));
                records++;
                if (change.op() == Operation.DELETE) {
                    producer.send(new ProducerRecord<>(topic, key, null));
                    records++;
                }
            }
            producer.flush();
        }
        return records;
    }
}
