package io.ctsync.source.marker;

import io.ctsync.source.config.SourceConnectorConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * The partition count snapshot markers are written for: Kafka's answer when {@code snapshot.markers.kafka.bootstrap.servers}
 * is set and the topic exists, else the connector's {@code topic.creation.*}. When neither can tell, writing markers to
 * some partitions only would let a sink reconcile before it saw the whole snapshot, so the task fails instead, saying
 * what to set.
 */
public final class MarkerPartitions implements AutoCloseable {

    private final List<PartitionCounts> sources;

    public MarkerPartitions(List<PartitionCounts> sources) {
        this.sources = List.copyOf(sources);
    }

    public static MarkerPartitions of(SourceConnectorConfig config) {
        List<PartitionCounts> sources = new ArrayList<>();
        if (!config.getString(SourceConnectorConfig.SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS).isBlank()) {
            sources.add(new AdminPartitionCounts(config.markerAdminSettings()));
        }
        sources.add(new TopicCreationPartitions(config.topicCreationSettings()));
        return new MarkerPartitions(sources);
    }

    /** A problem with the options when markers are on but no partition count can ever be known. */
    public static Optional<String> configProblem(SourceConnectorConfig config) {
        boolean admin = !config.getString(SourceConnectorConfig.SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS).isBlank();
        boolean creation = config.topicCreationSettings().keySet().stream().anyMatch(k -> k.endsWith(".partitions"));
        if (!config.snapshotMarkers() || admin || creation) {
            return Optional.empty();
        }
        return Optional.of("Snapshot markers go to every partition of a table's topic, but nothing tells the connector "
                + "how many partitions the topics have. Set " + SourceConnectorConfig.SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS
                + " (the task asks Kafka), or topic.creation.default.partitions and "
                + "topic.creation.default.replication.factor (the worker creates the topics with them), or "
                + SourceConnectorConfig.SNAPSHOT_MARKERS + "=false (then no sink can delete rows a re-snapshot no longer "
                + "brings)");
    }

    /** The topic's partition count. */
    public int of(String topic) {
        for (PartitionCounts source : sources) {
            OptionalInt count = source.of(topic);
            if (count.isPresent()) {
                return count.getAsInt();
            }
        }
        throw new ConnectException("Cannot tell how many partitions topic " + topic + " has, so its snapshot markers "
                + "cannot reach every partition (asked: " + String.join(", ", sources.stream().map(PartitionCounts::describe)
                .toList()) + "). Set " + SourceConnectorConfig.SNAPSHOT_MARKERS_BOOTSTRAP_SERVERS + " so the task asks "
                + "Kafka, or a topic.creation.* group with partitions that covers this topic, or "
                + SourceConnectorConfig.SNAPSHOT_MARKERS + "=false");
    }

    @Override
    public void close() {
        sources.forEach(PartitionCounts::close);
    }
}
