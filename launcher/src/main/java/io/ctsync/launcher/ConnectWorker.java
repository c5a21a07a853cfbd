package io.ctsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.cli.ConnectDistributed;
import org.apache.kafka.connect.runtime.Connect;

/**
 * A Kafka Connect worker in distributed mode, in this process, started through Kafka's own entry point
 * ({@link ConnectDistributed#startConnect}, what {@code connect-distributed.sh} runs), with the plugins on
 * {@code plugin.path}. In-process so the launcher reads the worker's JMX metrics (and the demo's simulation) directly.
 */
final class ConnectWorker implements AutoCloseable {

    static final String SOURCE_CLASS = "io.ctsync.source.ChangeTrackingSourceConnector";
    static final String SINK_CLASS = "io.ctsync.sink.JdbcSinkConnector";
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final WorkDirectory work;
    private final String bootstrapServers;
    private final int restPort;
    private final String group;
    private Connect<?> connect;

    ConnectWorker(WorkDirectory work, String bootstrapServers, int restPort, String group) {
        this.work = work;
        this.bootstrapServers = bootstrapServers;
        this.restPort = restPort;
        this.group = group;
    }

    ConnectRest rest() {
        return new ConnectRest("http://localhost:" + restPort);
    }

    /** The worker properties, as a connect-distributed.properties file would hold them. */
    Map<String, String> properties() {
        Map<String, String> p = new HashMap<>();
        p.put("bootstrap.servers", bootstrapServers);
        p.put("group.id", group);
        p.put("config.storage.topic", group + "-configs");
        p.put("offset.storage.topic", group + "-offsets");
        p.put("status.storage.topic", group + "-status");
        p.put("config.storage.replication.factor", "1");
        p.put("offset.storage.replication.factor", "1");
        p.put("status.storage.replication.factor", "1");
        p.put("offset.storage.partitions", "1");
        p.put("status.storage.partitions", "1");
        p.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        p.put("plugin.path", work.plugins().toString());
        p.put("plugin.discovery", "service_load");
        p.put("listeners", "http://localhost:" + restPort);
        p.put("offset.flush.interval.ms", "1000");
        p.put("config.providers", "file");
        p.put("config.providers.file.class", "org.apache.kafka.common.config.provider.FileConfigProvider");
        return p;
    }

    void start() {
        Ports.requireFree(restPort, "--rest-port");
        try {
            connect = new ConnectDistributed().startConnect(properties());
        } catch (RuntimeException e) {
            throw new LaunchFailure("The Connect worker did not start (" + e.getMessage() + "): see "
                    + work.logs().resolve("launcher.log"), e);
        }
        awaitPlugins();
    }

    private void awaitPlugins() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        ConnectRest rest = rest();
        while (Instant.now().isBefore(deadline)) {
            try {
                Set<String> classes = new HashSet<>();
                for (JsonNode plugin : rest.get("/connector-plugins")) {
                    classes.add(plugin.path("class").asText());
                }
                if (classes.contains(SOURCE_CLASS) && classes.contains(SINK_CLASS)) {
                    return;
                }
                if (!classes.isEmpty()) {
                    throw new LaunchFailure("The worker runs but did not load both plugins from " + work.plugins()
                            + " (it sees " + classes + "): see " + work.logs().resolve("launcher.log"));
                }
            } catch (ConnectRest.RestFailure notYet) {
                // the REST server answers 404 until the herder has started
            }
            Sleeps.sleep(250);
        }
        throw new LaunchFailure("The Connect worker did not answer on port " + restPort + " in "
                + READY_TIMEOUT.toSeconds() + " s: see " + work.logs().resolve("launcher.log"));
    }

    @Override
    public void close() {
        if (connect != null) {
            connect.stop();
        }
    }
}
