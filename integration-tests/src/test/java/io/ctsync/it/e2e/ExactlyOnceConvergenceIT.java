package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Exactly-once source mode (workers with {@code exactly.once.source.support=enabled}, the source with
 * {@code exactly.once.support=required}): a worker running source tasks is killed mid-stream, its tasks move to the
 * others and the worker comes back; a read_committed consumer then sees every change event once (counted per table,
 * key, change version and operation), and the target equals the source. PostgreSQL only: the mode is the source's
 * and Kafka's; the sink reads committed records as with any source.
 */
class ExactlyOnceConvergenceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create().workers(3)
            .workerProperty("exactly.once.source.support", "enabled")
            .brokerProperty("transaction.state.log.replication.factor", "1")
            .brokerProperty("transaction.state.log.min.isr", "1");

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void noChangeEventIsDuplicatedAcrossAWorkerKill() throws Exception {
        Pipeline p = new Pipeline(CONNECT, DB.database(), "eos", Seeds.next("eos"));
        p.sourceOption("exactly.once.support", "required");
        p.sinkOption("consumer.override.isolation.level", "read_committed");
        p.workload().initialRows(150);
        try {
            p.start();
            try (BackgroundLoad load = BackgroundLoad.start(p.workload(), 800, 100)) {
                load.awaitDone(300);
                WorkerHandle worker = Tasks.awaitWorkerOfTask(CONNECT, p.source(), 0);
                String killed = worker.url().toString();
                List<Integer> left = CONNECT.killWorker(worker);
                System.out.println("E2E eos: killed worker " + killed + " running source task 0 after " + load.done()
                        + " transactions");
                Tasks.awaitTasksOn(CONNECT, p.source(), left);
                CONNECT.addWorker(3);
                load.finish(Duration.ofSeconds(120));
            }
            p.awaitConvergence(Duration.ofSeconds(240));

            Map<String, Integer> seen = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> record : CONNECT.cluster().kafka().consumeAll(60_000,
                    Map.of(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), null,
                    p.topics().toArray(String[]::new))) {
                if (record.value() != null && record.headers().lastHeader("ctsync.control") == null) {
                    JsonNode payload = JSON.readTree(record.value()).get("payload");
                    String event = record.topic() + " " + new String(record.key(), StandardCharsets.UTF_8).replaceAll(".*\"payload\":", "")
                            + " v" + payload.get("source").get("change_version").asLong() + " " + payload.get("op").asText();
                    seen.merge(event, 1, Integer::sum);
                }
            }
            Map<String, Integer> duplicated = new TreeMap<>(seen);
            duplicated.values().removeIf(n -> n == 1);
            System.out.printf("E2E eos: %d change events read committed, %d duplicated%n", seen.size(), duplicated.size());
            assertThat(seen).as("change events on the topics").isNotEmpty();
            assertThat(duplicated).as("change events seen more than once (seed " + p.seed() + ")").isEmpty();
        } finally {
            p.delete();
        }
    }
}
