package io.ctsync.source.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A worker with exactly-once source support runs the connector ({@code exactlyOnceSupport() = SUPPORTED}): records
 * and anchors commit in one Kafka transaction, so across a worker restart a read_committed consumer sees every change
 * exactly once.
 */
class ExactlyOnceSourceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create()
            .workerProperty("exactly.once.source.support", "enabled")
            // A single broker: the transaction log must fit on it.
            .brokerProperty("transaction.state.log.replication.factor", "1")
            .brokerProperty("transaction.state.log.min.isr", "1");

    private static List<String> committedEvents(String topic) throws Exception {
        return CONNECT.cluster().kafka().consumeAll(30_000,
                        Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null, topic)
                .records(new org.apache.kafka.common.TopicPartition(topic, 0)).stream()
                .filter(r -> r.value() != null && r.headers().lastHeader("ctsync.control") == null).map(ChangeEvents::parse).map(ChangeEvents.Event::toString).toList();
    }

    @Test
    void everyChangeArrivesExactlyOnceAcrossAWorkerRestart() throws Exception {
        ChangeTrackingModel model = ChangeTrackingModel.create("eos").enableChangeTracking();
        model.createTable("dbo", "orders", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                .track("dbo", "orders", false);
        model.transaction(tx -> IntStream.rangeClosed(1, 20).forEach(i -> tx.insert("dbo", "orders", Map.of("id", i, "name", "n"))));
        Map<String, String> config = ChangeEvents.connectorConfig("eos", "erp");
        config.put("exactly.once.support", "required");
        config.put("snapshot.chunk.rows", "7");
        String topic = ChangeEvents.topic("erp", "eos", "orders");
        CONNECT.startConnector("eos", config, 1);
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> committedEvents(topic).size() >= 20);

        CONNECT.restartWorkers();
        CONNECT.awaitRunning("eos", 1);
        model.transaction(tx -> IntStream.rangeClosed(21, 25).forEach(i -> tx.insert("dbo", "orders", Map.of("id", i, "name", "n"))));
        model.delete("dbo", "orders", List.of(1));

        List<String> expected = new java.util.ArrayList<>(IntStream.rangeClosed(1, 20).mapToObj(i -> i + ":r").toList());
        IntStream.rangeClosed(21, 25).forEach(i -> expected.add(i + ":c"));
        expected.add("1:d");
        Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
                .until(() -> committedEvents(topic).size() >= expected.size());
        Thread.sleep(1_000);
        assertThat(committedEvents(topic)).containsExactlyElementsOf(expected);
    }
}
