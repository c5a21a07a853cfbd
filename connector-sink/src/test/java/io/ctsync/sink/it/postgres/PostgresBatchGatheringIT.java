package io.ctsync.sink.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.it.SinkIT;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.PluginMetricValues;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.testkit.db.PostgresDatabaseExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.Statement;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Connect's deliveries gather into batches of {@code batch.size} records, each written in one transaction; a quiet
 * stream is written once its first record has waited {@code batch.linger.ms}; the next batch gathers while the target
 * writes the last one; records still gathering when the task stops were never committed anywhere, so they are read
 * again and none is lost.
 */
class PostgresBatchGatheringIT extends SinkIT {

    @RegisterExtension
    static final PostgresDatabaseExtension DB = new PostgresDatabaseExtension();

    private static final Schema ROW = SchemaBuilder.struct().name("gather.Value").optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .build();
    private static final SourceTable TABLE = new SourceTable("gather", ROW);

    @Override
    protected TestDatabase database() {
        return DB.database();
    }

    @Test
    void deliveriesGatherIntoOneTransactionUntilTheBatchIsFull() throws Exception {
        String topic = "gather.full";
        Map<String, String> config = gathering(topic, "gather_full", 600, 60_000);
        config.put("consumer.override.max.poll.records", "100");
        start("gather-full", config);
        send(topic, 1, 250);
        send(topic, 251, 500);
        Await.value("500 records gathered", () -> PluginMetricValues.value("gather-full", "gathered-records"),
                n -> n != null && n == 500L);
        assertThat(target.storedOffsets("gather-full")).as("nothing written while the batch is not full").isEmpty();

        send(topic, 501, 600);
        Await.value("the batch written", () -> target.storedOffsets("gather-full").get(topic + "-0"),
                next -> next != null && next == 600L);
        assertThat(target.count("gather_full")).isEqualTo(600);
        assertThat(PluginMetricValues.value("gather-full", "batch-total")).as("one transaction for six deliveries")
                .isEqualTo(1L);
        assertThat(PluginMetricValues.value("gather-full", "gathered-records")).isZero();
    }

    @Test
    void aQuietStreamIsWrittenOnceItsFirstRecordHasWaitedTheLinger() throws Exception {
        String topic = "gather.linger";
        start("gather-linger", gathering(topic, "gather_linger", 5000, 1500));
        long sent = System.nanoTime();
        send(topic, 1, 10);
        Await.value("the quiet records written", () -> target.storedOffsets("gather-linger").get(topic + "-0"),
                next -> next != null && next == 10L);
        long waitedMs = (System.nanoTime() - sent) / 1_000_000;

        assertThat(waitedMs).as("written after the linger, though no more records came").isGreaterThanOrEqualTo(1500);
        assertThat(target.count("gather_linger")).isEqualTo(10);
        assertThat(PluginMetricValues.value("gather-linger", "batch-total")).isEqualTo(1L);
    }

    @Test
    void recordsGatheredWhenTheTaskRestartsAreReadAgainAndNoneIsLost() throws Exception {
        String topic = "gather.restart";
        start("gather-restart", gathering(topic, "gather_restart", 1000, 60_000));
        send(topic, 1, 400);
        Await.value("400 records gathered", () -> PluginMetricValues.value("gather-restart", "gathered-records"),
                n -> n != null && n == 400L);

        CONNECT.cluster().restartConnectorAndTasks("gather-restart", false, true, false);
        CONNECT.awaitRunning("gather-restart", 1);
        send(topic, 401, 1000);
        Await.value("all records written", () -> target.storedOffsets("gather-restart").get(topic + "-0"),
                next -> next != null && next == 1000L);
        assertThat(target.count("gather_restart")).isEqualTo(1000);
        assertThat(PluginMetricValues.value("gather-restart", "batch-total")).as("the restarted task's one batch")
                .isEqualTo(1L);
    }

    @Test
    void theNextBatchGathersWhileTheTargetWritesTheLastOne() throws Exception {
        String topic = "gather.overlap";
        database().execute("CREATE TABLE gather_overlap (id INT PRIMARY KEY, name TEXT, __ctsync_version BIGINT)");
        start("gather-overlap", gathering(topic, "gather_overlap", 100, 60_000));
        try (Connection lock = database().open()) {
            lock.setAutoCommit(false);
            try (Statement statement = lock.createStatement()) {
                statement.execute("LOCK TABLE gather_overlap IN EXCLUSIVE MODE");
            }
            send(topic, 1, 100);
            Await.value("the first batch's writer waiting for the lock", () -> ((Number) database().value(
                    "SELECT COUNT(*) FROM pg_locks WHERE NOT granted")).longValue(), n -> n >= 1);
            send(topic, 101, 200);
            Await.value("the second batch gathered while the first is blocked",
                    () -> PluginMetricValues.value("gather-overlap", "gathered-records"), n -> n != null && n == 100L);
            assertThat(target.storedOffsets("gather-overlap")).as("nothing committed yet").isEmpty();
            lock.rollback();
        }
        Await.value("both batches written", () -> target.storedOffsets("gather-overlap").get(topic + "-0"),
                next -> next != null && next == 200L);
        assertThat(target.count("gather_overlap")).isEqualTo(200);
        assertThat(PluginMetricValues.value("gather-overlap", "batch-total")).isEqualTo(2L);
    }

    private Map<String, String> gathering(String topic, String table, int batchSize, long lingerMs) {
        Map<String, String> config = config(topic, table);
        config.put("batch.size", String.valueOf(batchSize));
        config.put("batch.linger.ms", String.valueOf(lingerMs));
        return config;
    }

    private void send(String topic, int from, int to) {
        for (int id = from; id <= to; id++) {
            TABLE.send(producer, topic, TABLE.create(TABLE.newRow().put("id", id).put("name", "n" + id), id));
        }
        producer.flush();
    }
}
