package io.ctsync.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/**
 * One embedded Kafka broker and Connect worker for the whole benchmark: ctsync's sink from the class path,
 * Debezium's JDBC sink isolated in its plugin directory, as it would be deployed.
 */
final class BenchCluster implements AutoCloseable {

    private final EmbeddedConnectCluster cluster;

    private BenchCluster(EmbeddedConnectCluster cluster) {
        this.cluster = cluster;
    }

    static BenchCluster start() {
        Path debeziumPlugins = Path.of(System.getProperty("ctsync.bench.debezium.plugin.dir",
                "benchmarks/debezium-jdbc-plugin/target/plugin"));
        if (!Files.isDirectory(debeziumPlugins.resolve("debezium-connector-jdbc"))) {
            throw new IllegalStateException("Debezium's plugin directory is missing under " + debeziumPlugins.toAbsolutePath()
                    + "; build it first: mvn -B -ntp -pl benchmarks -am package -DskipTests");
        }
        Map<String, String> worker = new HashMap<>();
        worker.put("plugin.path", debeziumPlugins.toAbsolutePath().toString());
        worker.put("plugin.discovery", "service_load");
        worker.put("offset.flush.interval.ms", "1000");
        worker.put("connector.client.config.override.policy", "All");
        Properties broker = new Properties();
        broker.put("group.initial.rebalance.delay.ms", "0");
        broker.put("log.segment.bytes", String.valueOf(256 * 1024 * 1024));
        EmbeddedConnectCluster cluster = new EmbeddedConnectCluster.Builder().name("ctsync-bench").numWorkers(1)
                .numBrokers(1).workerProps(worker).brokerProps(broker).maskExitProcedures(true).build();
        cluster.start();
        return new BenchCluster(cluster);
    }

    EmbeddedConnectCluster connect() {
        return cluster;
    }

    String bootstrapServers() {
        return cluster.kafka().bootstrapServers();
    }

    void createTopic(String topic, int partitions) {
        cluster.kafka().createTopic(topic, partitions);
    }

    @Override
    public void close() {
        cluster.stop();
    }
}
