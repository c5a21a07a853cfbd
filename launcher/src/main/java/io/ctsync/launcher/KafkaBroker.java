package io.ctsync.launcher;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;

/**
 * A single-node Kafka broker in KRaft mode (broker and controller in one process), run as a child process through
 * Kafka's own entry points: {@code kafka.tools.StorageTool format --standalone} once, then {@code kafka.Kafka}.
 */
final class KafkaBroker implements AutoCloseable {

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(240);

    private final WorkDirectory work;
    private final int port;
    private Process process;
    private OutputStream lifeline;

    KafkaBroker(WorkDirectory work, int port) {
        this.work = work;
        this.port = port;
    }

    String bootstrapServers() {
        return "localhost:" + port;
    }

    void start() {
        Ports.requireFree(port, "--kafka-port");
        Ports.requireFree(port + 1, "--kafka-port (its controller listens on kafka port + 1)");
        Path properties = writeProperties();
        if (!Files.exists(work.kafkaData().resolve("data").resolve("meta.properties"))) {
            format(properties);
        }
        process = ChildJava.start(List.of(BrokerProcess.class.getName(), properties.toString()), work.logs(), "broker");
        lifeline = process.getOutputStream();
        awaitReady();
    }

    private Path writeProperties() {
        Properties p = new Properties();
        p.putAll(Map.ofEntries(
                Map.entry("process.roles", "broker,controller"),
                Map.entry("node.id", "1"),
                Map.entry("listeners", "PLAINTEXT://localhost:" + port + ",CONTROLLER://localhost:" + (port + 1)),
                Map.entry("advertised.listeners", "PLAINTEXT://localhost:" + port),
                Map.entry("controller.listener.names", "CONTROLLER"),
                Map.entry("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT"),
                Map.entry("controller.quorum.bootstrap.servers", "localhost:" + (port + 1)),
                Map.entry("log.dirs", work.kafkaData().resolve("data").toString()),
                Map.entry("num.partitions", "1"),
                Map.entry("offsets.topic.replication.factor", "1"),
                // One partition for the internal topics: a one-node broker starts and loads them several times faster.
                Map.entry("offsets.topic.num.partitions", "1"),
                Map.entry("transaction.state.log.num.partitions", "1"),
                Map.entry("transaction.state.log.replication.factor", "1"),
                Map.entry("transaction.state.log.min.isr", "1"),
                Map.entry("share.coordinator.state.topic.replication.factor", "1"),
                Map.entry("share.coordinator.state.topic.min.isr", "1"),
                Map.entry("group.initial.rebalance.delay.ms", "0")));
        Path file = work.kafkaData().resolve("server.properties");
        try {
            Files.createDirectories(work.kafkaData());
            try (var out = Files.newBufferedWriter(file)) {
                p.store(out, "Written by ./ctsync: a single-node KRaft broker");
            }
        } catch (IOException e) {
            throw new LaunchFailure("Cannot write " + file + ": " + e.getMessage(), e);
        }
        return file;
    }

    private void format(Path properties) {
        List<String> args = new ArrayList<>(List.of("kafka.tools.StorageTool", "format", "--standalone", "-t",
                Uuid.randomUuid().toString(), "-c", properties.toString()));
        Process format = ChildJava.start(args, work.logs(), "broker-format");
        try {
            if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
                format.destroyForcibly();
                throw new LaunchFailure("Formatting the broker's storage failed: see " + work.logs().resolve("broker-format.out"));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("Interrupted while formatting the broker's storage", e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_TIMEOUT);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new LaunchFailure("The Kafka broker stopped while starting: see " + work.logs().resolve("broker.log"));
            }
            if (answers() && clusterReady()) {
                return;
            }
            sleep(250);
        }
        throw new LaunchFailure("The Kafka broker did not get ready in " + READY_TIMEOUT.toSeconds() + " s: see "
                + work.logs().resolve("broker.log"));
    }

    private boolean answers() {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("localhost", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean clusterReady() {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "3000", AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "3000"))) {
            return !admin.describeCluster().nodes().get(3, TimeUnit.SECONDS).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        try {
            lifeline.close();
        } catch (IOException ignored) {
            // the broker watches for this end of stream; a broken pipe is the same signal
        }
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LaunchFailure("Interrupted while waiting for the broker", e);
        }
    }
}
