package io.ctsync.source.connect;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/** Reading the connector's JSON-converted events back from Kafka, for assertions. */
final class ChangeEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ChangeEvents() {
    }

    /** One change event as a consumer sees it. */
    record Event(String op, int id, long changeVersion, JsonNode payload) {
        @Override
        public String toString() {
            return id + ":" + op;
        }
    }

    static Map<String, String> connectorConfig(String modelName, String topicPrefix) {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.ctsync.source.ChangeTrackingSourceConnector");
        config.put("tasks.max", "1");
        config.put("connection.url", ModelDatabaseFactory.URL_PREFIX + modelName);
        config.put("ctsync.database.factory", ModelDatabaseFactory.class.getName());
        config.put("topic.prefix", topicPrefix);
        config.put("poll.interval.ms", "50");
        config.put("heartbeat.interval.ms", "300");
        config.put("table.monitor.interval.ms", "300");
        // The worker creates the topics with these, and the snapshot markers go to each of their partitions.
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "1");
        return config;
    }

    static String topic(String prefix, String model, String table) {
        return prefix + "." + model + ".dbo." + table;
    }

    /** Every event currently in the topic (tombstones and snapshot markers skipped), in order. */
    static List<Event> all(ConnectClusterExtension connect, String topic) {
        try {
            return connect.consumeAll(Duration.ofSeconds(30), topic).stream().filter(r -> r.value() != null)
                    .filter(r -> r.headers().lastHeader(SnapshotControl.HEADER) == null)
                    .map(ChangeEvents::parse).toList();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + topic, e);
        }
    }

    static Event parse(ConsumerRecord<byte[], byte[]> record) {
        try {
            JsonNode payload = JSON.readTree(record.value()).get("payload");
            JsonNode row = payload.get("after").isNull() ? payload.get("before") : payload.get("after");
            return new Event(payload.get("op").asText(), row.get("id").asInt(),
                    payload.get("source").get("change_version").asLong(), payload);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
