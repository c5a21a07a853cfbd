package io.ctsync.compat;

import java.io.IOException;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Properties;

/**
 * A single-node Kafka broker in KRaft combined mode ({@code kafka.Kafka}), its storage formatted first by the
 * version's own {@code kafka.tools.StorageTool}. A static controller quorum ({@code controller.quorum.voters}) is
 * what every version from 3.6 (before dynamic quorums, KIP-853) to 4.4 accepts.
 */
final class KafkaBroker implements AutoCloseable {

    private final ChildJvm jvm;
    private final int port;

    private KafkaBroker(ChildJvm jvm, int port) {
        this.jvm = jvm;
        this.port = port;
    }

    static KafkaBroker start(String version, Path library, Path directory) throws IOException, InterruptedException {
        int port = FreePorts.next();
        int controllerPort = FreePorts.next();
        Path config = directory.resolve("server.properties");
        Properties server = new Properties();
        server.setProperty("process.roles", "broker,controller");
        server.setProperty("node.id", "1");
        server.setProperty("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
        server.setProperty("listeners", "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
        server.setProperty("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        server.setProperty("controller.listener.names", "CONTROLLER");
        server.setProperty("inter.broker.listener.name", "PLAINTEXT");
        server.setProperty("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        server.setProperty("log.dirs", directory.resolve("kafka-logs").toString());
        server.setProperty("num.partitions", "1");
        server.setProperty("offsets.topic.replication.factor", "1");
        server.setProperty("offsets.topic.num.partitions", "1");
        server.setProperty("transaction.state.log.replication.factor", "1");
        server.setProperty("transaction.state.log.min.isr", "1");
        server.setProperty("group.initial.rebalance.delay.ms", "0");
        try (Writer writer = Files.newBufferedWriter(config)) {
            server.store(writer, "Kafka " + version + " broker of the compatibility matrix");
        }
        ChildJvm.run("Kafka " + version + " StorageTool", library, ChildLogging.systemProperties(),
                "kafka.tools.StorageTool", List.of("format", "-t", clusterId(), "-c", config.toString()),
                directory.resolve("storage-format.log"));
        ChildJvm jvm = ChildJvm.start("Kafka " + version + " broker", library, ChildLogging.systemProperties(),
                "kafka.Kafka", List.of(config.toString()), directory.resolve("broker.log"));
        return new KafkaBroker(jvm, port);
    }

    String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    ChildJvm jvm() {
        return jvm;
    }

    /** Waits until the broker accepts connections; a worker started meanwhile retries until then. */
    void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + 90_000_000_000L;
        while (System.nanoTime() < deadline) {
            if (!jvm.isAlive()) {
                throw new IllegalStateException(jvm.name() + " exited during start\n" + jvm.tail(60));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
                return;
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException(jvm.name() + " does not listen on " + port + " after 90 s\n" + jvm.tail(60));
    }

    /** A cluster id as Kafka writes them (16 random bytes, URL-safe Base64), not starting with '-' (an option). */
    private static String clusterId() {
        byte[] bytes = new byte[16];
        String id;
        do {
            new SecureRandom().nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    @Override
    public void close() {
        jvm.close();
    }
}
