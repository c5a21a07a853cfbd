package io.ctsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/**
 * What the pipeline has done, read the ways an operator reads it: the source's anchors from the REST offsets API,
 * events per topic from the broker, connector and task states from the REST status API.
 */
final class PipelineView implements AutoCloseable {

    /** A table's anchor: its phase ("snapshot" or "incremental") and the version it stands on. */
    record Anchor(String phase, long version) {
        static final Anchor NONE = new Anchor("waiting", -1);

        boolean incremental() {
            return phase.equals("incremental");
        }
    }

    private final ConnectRest rest;
    private final Admin admin;

    PipelineView(ConnectRest rest, String bootstrapServers) {
        this.rest = rest;
        this.admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers));
    }

    Map<String, Anchor> anchors(String connector) {
        Map<String, Anchor> anchors = new HashMap<>();
        try {
            for (JsonNode entry : rest.get("/connectors/" + connector + "/offsets").path("offsets")) {
                String table = entry.path("partition").path("table").asText(null);
                JsonNode offset = entry.path("offset");
                if (table != null && !offset.isNull()) {
                    String phase = offset.path("phase").asText("?");
                    long version = phase.equals("snapshot") ? offset.path("snapshot_version").asLong(-1) : offset.path("version").asLong(-1);
                    anchors.put(table, new Anchor(phase, version));
                }
            }
        } catch (ConnectRest.RestFailure notYet) {
            // no offsets before the connector's first commit
        }
        return anchors;
    }

    /** Records in each topic (all partitions), 0 for a topic not created yet. */
    Map<String, Long> events(List<String> topics) {
        Map<String, Long> events = new HashMap<>();
        try {
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (var description : admin.describeTopics(admin.listTopics().names().get(5, TimeUnit.SECONDS).stream()
                    .filter(topics::contains).toList()).allTopicNames().get(5, TimeUnit.SECONDS).values()) {
                description.partitions().forEach(p -> request.put(new TopicPartition(description.name(), p.partition()), OffsetSpec.latest()));
            }
            admin.listOffsets(request).all().get(5, TimeUnit.SECONDS)
                    .forEach((tp, info) -> events.merge(tp.topic(), info.offset(), Long::sum));
        } catch (Exception e) {
            // a slow broker answer: this round shows no counts
        }
        return events;
    }

    /** Throws when the connector or one of its tasks failed, with the worker's first line of why. */
    void requireRunning(String connector) {
        JsonNode status;
        try {
            status = rest.get("/connectors/" + connector + "/status");
        } catch (ConnectRest.RestFailure notYet) {
            return;
        }
        if (status.path("connector").path("state").asText().equals("FAILED")) {
            throw new LaunchFailure("Connector " + connector + " failed: " + firstLine(status.path("connector").path("trace").asText()));
        }
        for (JsonNode task : status.path("tasks")) {
            if (task.path("state").asText().equals("FAILED")) {
                throw new LaunchFailure("Task " + task.path("id").asInt() + " of " + connector + " failed: "
                        + firstLine(task.path("trace").asText()));
            }
        }
    }

    private static String firstLine(String trace) {
        int newline = trace.indexOf('\n');
        return newline < 0 ? trace : trace.substring(0, newline);
    }

    @Override
    public void close() {
        admin.close();
    }
}
