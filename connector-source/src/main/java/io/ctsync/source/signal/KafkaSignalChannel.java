package io.ctsync.source.signal;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads the signal topic's partition 0 with a consumer of the task's own: assigned, not subscribed (no consumer group,
 * nothing committed to Kafka), positioned where the task's tables say signals still apply. Where each table got to is
 * committed in the table's own offset, not here.
 */
public final class KafkaSignalChannel implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaSignalChannel.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);

    private final KafkaConsumer<String, String> consumer;
    private final TopicPartition partition;
    private final Duration pollTimeout;
    /** KafkaConsumer is single-threaded; Connect may stop the task from another thread than the one that polls. */
    private final Object lock = new Object();
    private boolean closed;

    /** @param settings consumer settings (bootstrap.servers and signal.consumer.*) */
    public KafkaSignalChannel(Map<String, Object> settings, String topic, long pollTimeoutMs, String clientId) {
        Map<String, Object> config = new HashMap<>(settings);
        config.putIfAbsent(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        // A position retention has removed reads from the oldest signal left (seek warns), never from the end.
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.remove(ConsumerConfig.GROUP_ID_CONFIG);
        config.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        this.consumer = new KafkaConsumer<>(config);
        this.partition = new TopicPartition(topic, 0);
        this.pollTimeout = Duration.ofMillis(pollTimeoutMs);
        checkPartitions(topic);
        consumer.assign(List.of(partition));
    }

    /** The position after the last signal now in the topic: signals from here on are new. */
    public long end() {
        try {
            return consumer.endOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        } catch (KafkaException e) {
            throw new ConnectException("Cannot read the end of signal topic " + partition.topic() + " (signal.kafka.*); "
                    + "check that it exists (create it with one partition) and that the brokers are reachable: "
                    + e.getMessage(), e);
        }
    }

    /** Reads from {@code position} on (the earliest still kept, if retention removed it). */
    public void seek(long position) {
        long earliest = consumer.beginningOffsets(List.of(partition), METADATA_TIMEOUT).get(partition);
        if (position < earliest) {
            LOG.warn("Signal topic {} no longer holds positions {} to {} (retention removed them); signals sent there "
                    + "while the task was down are lost. Reading from {}", partition.topic(), position, earliest - 1, earliest);
        }
        consumer.seek(partition, Math.max(position, earliest));
    }

    /** The signals that arrived since the last call, in topic order. */
    public List<SignalMessage> poll() {
        List<SignalMessage> messages = new ArrayList<>();
        synchronized (lock) {
            if (closed) {
                return messages;
            }
            try {
                for (ConsumerRecord<String, String> record : consumer.poll(pollTimeout)) {
                    messages.add(new SignalMessage(record.offset(), record.key(), record.value()));
                }
            } catch (WakeupException e) {
                // close() interrupted the wait: the task is stopping.
            }
        }
        return messages;
    }

    private void checkPartitions(String topic) {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, METADATA_TIMEOUT);
        if (partitions == null || partitions.isEmpty()) {
            LOG.warn("Signal topic {} does not exist yet; create it with one partition (signals sent before it exists "
                    + "cannot arrive)", topic);
        } else if (partitions.size() > 1) {
            LOG.warn("Signal topic {} has {} partitions; only partition 0 is read, so signals sent to the others are "
                    + "ignored. Give the signal topic a single partition", topic, partitions.size());
        }
    }

    @Override
    public void close() {
        consumer.wakeup();
        synchronized (lock) {
            if (!closed) {
                closed = true;
                consumer.close(Duration.ofSeconds(5));
            }
        }
    }
}
