package io.ctsync.it.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.connect.ConnectClusterExtension.RestResponse;
import io.ctsync.testkit.db.PrivatePostgresExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The faults operators meet, each a scenario of its own ending in the row-by-row comparison, on one Connect cluster of
 * three workers and one PostgreSQL of the class's own (so the target can be stopped without touching the shared
 * server). One target database for these: the faults are in Kafka, the workers and the source, and the sink's
 * handling of them is the same code for every dialect (its per-dialect failure classification is covered by the sink
 * module's outage and record-failure tests); the three databases run the main scenario ({@code *ConvergenceIT}).
 */
class PostgresFaultsIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create().workers(3);

    @RegisterExtension
    static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    private static final int INITIAL_CUSTOMERS = 150;
    private static final int TRANSACTIONS = 600;
    private static final int TRANSACTIONS_PER_SECOND = 100;
    private static final Duration CONVERGENCE = Duration.ofSeconds(240);

    private Pipeline pipeline;

    private Pipeline pipeline(TestInfo test) {
        String name = test.getTestMethod().orElseThrow().getName().replaceAll("[A-Z]", "_$0").toLowerCase(java.util.Locale.ROOT);
        name = name.substring(0, Math.min(24, name.length()));
        pipeline = new Pipeline(CONNECT, PG.database(), name, Seeds.next(name));
        return pipeline;
    }

    @AfterEach
    void deletePipeline() {
        if (pipeline != null) {
            pipeline.delete();
        }
    }

    @Test
    void brokerRestartedUnderLoad(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        // Slower, so that the workload runs on while the broker is down (stopping it takes seconds here).
        convergesAfterAFault(p, TRANSACTIONS_PER_SECOND / 3, TRANSACTIONS / 5, load -> {
            System.out.println("E2E " + p.name() + ": stopping the broker after " + load.done() + " transactions");
            CONNECT.stopBrokers();
            System.out.println("E2E " + p.name() + ": broker stopped after " + load.done() + " transactions");
            Thread.sleep(5_000);
            CONNECT.restartBrokers();
            System.out.println("E2E " + p.name() + ": broker back after " + load.done() + " transactions");
        });
    }

    @Test
    void targetDatabaseRestartedMidBatch(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        convergesAfterAFault(p, TRANSACTIONS_PER_SECOND, TRANSACTIONS / 3, load -> {
            PG.stop();
            System.out.println("E2E " + p.name() + ": target stopped (immediate) after " + load.done() + " transactions");
            Thread.sleep(4_000);
            PG.start();
            System.out.println("E2E " + p.name() + ": target back after " + load.done() + " transactions");
        });
    }

    @Test
    void sourceDatabaseUnreachableForAWhile(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        p.sourceOption("retry.backoff.ms", "100");
        convergesAfterAFault(p, TRANSACTIONS_PER_SECOND, TRANSACTIONS / 3, load -> {
            // Every change page read in the next 4 s fails as a lost connection would.
            long until = System.nanoTime() + Duration.ofSeconds(4).toNanos();
            while (System.nanoTime() < until) {
                p.model().faults().failChangePage(1, true);
                Thread.sleep(10);
            }
            System.out.println("E2E " + p.name() + ": source reachable again after " + load.done() + " transactions");
        });
    }

    /** What a scenario does to the running pipeline once the workload is under way. */
    @FunctionalInterface
    private interface Fault {
        void inject(BackgroundLoad load) throws Exception;
    }

    /**
     * The skeleton of the fault scenarios: the pipeline started, the workload running at {@code perSecond}, the fault
     * after {@code faultAfter} transactions, the rest of the workload, then the comparison and every task running.
     */
    private static void convergesAfterAFault(Pipeline p, int perSecond, int faultAfter, Fault fault) throws Exception {
        p.workload().initialRows(INITIAL_CUSTOMERS);
        p.start();
        try (BackgroundLoad load = BackgroundLoad.start(p.workload(), TRANSACTIONS, perSecond)) {
            load.awaitDone(faultAfter);
            fault.inject(load);
            load.finish(Duration.ofSeconds(120));
        }
        p.awaitConvergence(CONVERGENCE);
        assertAllTasksRunning(p);
    }

    @Test
    void operatorRewindsOneTableThroughTheSourceOffsetsApi(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        p.workload().initialRows(INITIAL_CUSTOMERS);
        p.start();
        long rewindTo = p.model().currentVersion();
        p.workload().run(TRANSACTIONS / 2);
        p.awaitConvergence(CONVERGENCE);
        awaitSourceCommitted(p, p.model().currentVersion());
        String table = SourceTables.ORDERS;
        long eventsBefore = endOffsets(p.topic(table));
        Map<Integer, Long> endsBefore = endOffsetsByPartition(p.topic(table));
        List<Map<String, Object>> targetBefore = p.target().rows(table);
        long duplicatesBefore = SinkMetrics.total(p.sink(), "duplicate-total");

        assertThat(CONNECT.rest("PUT", "connectors/" + p.source() + "/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped(p.source(), "source did not stop");
        RestResponse rewound = CONNECT.rest("PATCH", "connectors/" + p.source() + "/offsets", "{\"offsets\":[{\"partition\":"
                + "{\"server\":\"" + Pipeline.TOPIC_PREFIX + "\",\"database\":\"" + p.name() + "\",\"schema\":\"dbo\","
                + "\"table\":\"" + table + "\"},\"offset\":{\"phase\":\"incremental\",\"version\":" + rewindTo + "}}]}");
        assertThat(rewound.status()).as(rewound.body()).isEqualTo(200);
        CONNECT.rest("PUT", "connectors/" + p.source() + "/resume", null);
        CONNECT.awaitRunning(p.source(), Pipeline.TASKS);

        long replayed = Awaitility.await("changes of " + table + " after version " + rewindTo + " emitted again")
                .atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> endOffsets(p.topic(table)) - eventsBefore, n -> n > 0 && stable(p, table, eventsBefore + n));
        long replayedEvents = countEvents(p.topic(table), endsBefore);
        long duplicates = Awaitility.await("the sink to hold back the replayed events").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> SinkMetrics.total(p.sink(), "duplicate-total") - duplicatesBefore, n -> n >= replayedEvents);
        System.out.printf("E2E %s: rewound %s to version %d: %d records again on the topic (%d change events), "
                + "%d duplicates counted by the sink%n", p.name(), table, rewindTo, replayed, replayedEvents, duplicates);
        assertThat(replayedEvents).as("change events emitted again").isPositive();
        assertThat(p.target().rows(table)).as("target rows after the replay").isEqualTo(targetBefore);
        p.awaitConvergence(Duration.ofSeconds(30));
    }

    @Test
    void retentionCleanupPastTheAnchorWithDeletesInTheGap(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        p.workload().initialRows(INITIAL_CUSTOMERS);
        p.start();
        p.workload().run(TRANSACTIONS / 3);
        p.awaitConvergence(CONVERGENCE);
        awaitSourceCommitted(p, p.model().currentVersion());

        CONNECT.rest("PUT", "connectors/" + p.source() + "/stop", null);
        CONNECT.cluster().assertions().assertConnectorIsStopped(p.source(), "source did not stop");
        p.workload().run(TRANSACTIONS / 3);
        p.model().cleanupUpTo(p.model().currentVersion());
        CONNECT.rest("PUT", "connectors/" + p.source() + "/resume", null);
        try (BackgroundLoad load = BackgroundLoad.start(p.workload(), TRANSACTIONS / 3, TRANSACTIONS_PER_SECOND)) {
            load.finish(Duration.ofSeconds(120));
        }
        p.awaitConvergence(CONVERGENCE);
    }

    @Test
    void truncateOfATrackedTableWhileThePipelineRuns(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        p.workload().initialRows(INITIAL_CUSTOMERS);
        p.start();
        try (BackgroundLoad load = BackgroundLoad.start(p.workload(), TRANSACTIONS, TRANSACTIONS_PER_SECOND)) {
            load.awaitDone(TRANSACTIONS / 3);
            load.pauseAndRun(() -> p.workload().truncateLines());
            load.finish(Duration.ofSeconds(120));
        }
        p.awaitConvergence(CONVERGENCE);
    }

    @Test
    void operatorResetsTheSinkOffsetsThroughTheApi(TestInfo test) throws Exception {
        Pipeline p = pipeline(test);
        p.workload().initialRows(INITIAL_CUSTOMERS);
        p.start();
        p.workload().run(TRANSACTIONS / 2);
        p.awaitConvergence(CONVERGENCE);
        Map<String, List<String>> targetBefore = targetRows(p);
        Map<String, Long> ends = new java.util.TreeMap<>();
        for (String topic : p.topics()) {
            endOffsetsByPartition(topic).forEach((partition, end) -> ends.put(topic + "-" + partition, end));
        }
        long records = ends.values().stream().mapToLong(Long::longValue).sum();
        long duplicatesBefore = SinkMetrics.total(p.sink(), "duplicate-total");

        assertThat(CONNECT.rest("PUT", "connectors/" + p.sink() + "/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped(p.sink(), "sink did not stop");
        RestResponse reset = CONNECT.rest("DELETE", "connectors/" + p.sink() + "/offsets", null);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(storedSinkOffsets(p)).as("the sink's offsets table after the reset").isEmpty();
        long started = System.nanoTime();
        CONNECT.rest("PUT", "connectors/" + p.sink() + "/resume", null);
        CONNECT.awaitRunning(p.sink(), Pipeline.TASKS);

        // Done when the sink's own offsets (its offsets table, which it seeks to) reach every partition's end again.
        // Not a count of duplicates: deletes re-applied to absent rows, records parked again and snapshot markers are
        // not duplicates, so the count stays below the number of records.
        Awaitility.await("the sink to read every topic again up to its end").atMost(Duration.ofSeconds(120))
                .pollInterval(Duration.ofMillis(500)).ignoreExceptions()
                .until(() -> storedSinkOffsets(p), stored -> ends.keySet().stream()
                        .allMatch(tp -> stored.getOrDefault(tp, 0L).equals(ends.get(tp))));
        long duplicates = SinkMetrics.total(p.sink(), "duplicate-total");
        System.out.printf("E2E %s: sink offsets reset: %d records read again in %d ms, %d duplicates counted by the "
                        + "restarted tasks (%d before the reset)%n", p.name(), records,
                (System.nanoTime() - started) / 1_000_000, duplicates, duplicatesBefore);
        assertThat(duplicates).as("the replayed events the version gate held back").isPositive();
        assertThat(targetRows(p)).as("target rows after the replay").isEqualTo(targetBefore);
        p.awaitConvergence(Duration.ofSeconds(30));
    }

    /**
     * Every target table's rows, by source table, each row as text (binary values as their bytes), sorted: the
     * physical order of the rows is not the target's content.
     */
    private static Map<String, List<String>> targetRows(Pipeline p) throws Exception {
        Map<String, List<String>> rows = new java.util.TreeMap<>();
        for (String table : p.tables().tables()) {
            rows.put(table, p.target().rows(table).stream().map(PostgresFaultsIT::rowText).sorted().toList());
        }
        return rows;
    }

    private static String rowText(Map<String, Object> row) {
        StringBuilder text = new StringBuilder();
        row.forEach((column, value) -> text.append(column).append('=')
                .append(value instanceof byte[] bytes ? java.util.Arrays.toString(bytes) : String.valueOf(value)).append("; "));
        return text.toString();
    }

    /** The sink's offsets table (the offsets it seeks to): topic-partition to the next offset to apply. */
    private static Map<String, Long> storedSinkOffsets(Pipeline p) {
        Map<String, Long> stored = new java.util.TreeMap<>();
        for (Map<String, Object> row : p.target().db().rows("SELECT topic, kafka_partition, next_offset FROM "
                + "ctsync_sink_offsets WHERE connector_name = '" + p.sink() + "'")) {
            stored.put(row.get("topic") + "-" + row.get("kafka_partition"), ((Number) row.get("next_offset")).longValue());
        }
        return stored;
    }

    private static void assertAllTasksRunning(Pipeline p) throws InterruptedException {
        CONNECT.awaitRunning(p.source(), Pipeline.TASKS);
        CONNECT.awaitRunning(p.sink(), Pipeline.TASKS);
    }

    private static void awaitSourceCommitted(Pipeline p, long version) {
        Awaitility.await("every anchor of " + p.source() + " committed at " + version).atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(300)).ignoreExceptions().until(() -> {
                    JsonNode offsets = new ObjectMapper().readTree(CONNECT.restGet("connectors/" + p.source() + "/offsets").body());
                    int atVersion = 0;
                    for (JsonNode offset : offsets.path("offsets")) {
                        if (offset.path("offset").path("version").asLong() == version
                                && !offset.path("offset").has("cursor_version")) {
                            atVersion++;
                        }
                    }
                    return atVersion == p.tables().tables().size();
                });
    }

    /** Records in the topic (every partition). */
    private static long endOffsets(String topic) throws Exception {
        return endOffsetsByPartition(topic).values().stream().mapToLong(Long::longValue).sum();
    }

    private static Map<Integer, Long> endOffsetsByPartition(String topic) throws Exception {
        Map<Integer, Long> ends = new java.util.HashMap<>();
        for (int partition = 0; partition < Pipeline.PARTITIONS; partition++) {
            ends.put(partition, CONNECT.cluster().kafka().endOffset(new TopicPartition(topic, partition)));
        }
        return ends;
    }

    /** True when no more records arrived in the topic within 1.5 s. */
    private static boolean stable(Pipeline p, String table, long expectedEnd) {
        try {
            Thread.sleep(1_500);
            return endOffsets(p.topic(table)) == expectedEnd;
        } catch (Exception e) {
            return false;
        }
    }

    /** Change events (tombstones not counted) in the topic at or after the given offsets per partition. */
    private static long countEvents(String topic, Map<Integer, Long> from) throws Exception {
        return CONNECT.consumeAll(Duration.ofSeconds(30), topic).stream()
                .filter(r -> r.value() != null && r.offset() >= from.getOrDefault(r.partition(), 0L)).count();
    }
}
