package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.UpdateCountingTable;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;

/**
 * Exactly once into the target: the offsets live in the target, written with the data, and a restarted task resumes
 * from them whatever Kafka's consumer group says. The target tables count their own updates with a trigger and the
 * version gate is off, so a record applied twice would show as an update: none may happen.
 */
public abstract class AbstractExactlyOnceIT extends SinkIT {

    private static final Schema KEY = SchemaBuilder.struct().name("eo.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("eo.Value").field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA).build();


    /** Takes a lock that blocks every write to the table until the connection is closed (its transaction rolled back). */
    protected abstract Connection lockAgainstWrites(String table) throws SQLException;

    /** Waits until {@code writers} writers are blocked on that lock. */
    protected abstract void awaitBlockedWriters(int writers) throws Exception;

    @Test
    void workersRestartedMidStreamLoseAndDuplicateNothing() throws Exception {
        String topic = "eo.restart";
        int total = 20_000;
        CONNECT.cluster().kafka().createTopic(topic, 2);
        database().execute(UpdateCountingTable.ddl(database().kind(), "eo_restart"));
        int first = 1_000;
        produceSpread(topic, 1, first);
        long started = System.nanoTime();
        Map<String, String> config = config(topic, "eo_restart");
        config.put("consumer.override.max.poll.records", "1000");
        // A put blocked longer than this loses the task its partitions while it still holds an open transaction:
        // the zombie case the stored offsets' compare-and-set must handle.
        config.put("consumer.override.max.poll.interval.ms", "4000");
        start("eo-restart", config);
        Await.value("the first rows applied", () -> target.count("eo_restart"), n -> n == first);
        long before;
        // The task blocks inside the next batch's transaction; the worker is killed under it and a new one takes
        // over. The old task lives on as a zombie with its open transaction until the lock goes: whichever commits
        // second finds the stored offsets moved and rolls back.
        try (Connection lock = lockAgainstWrites("eo_restart")) {
            produceSpread(topic, first + 1, total);
            before = countWith(lock, "eo_restart");
            awaitBlockedWriters(1);
            CONNECT.restartWorkers();
            CONNECT.awaitRunning("eo-restart", 1);
            awaitBlockedWriters(2);
        }
        long released = System.nanoTime();
        CONNECT.awaitRunning("eo-restart", 1);
        Await.value("all rows applied", () -> target.count("eo_restart"), n -> n == total);
        long done = System.nanoTime();
        long after = total - before;
        System.out.printf("EXACTLY-ONCE RUN %s: %d rows in %.1f s including the blocked restart; after the lock was "
                        + "released, %d rows in %.2f s = %.0f rows/s (fencing retry included)%n", target.kind(), total,
                (done - started) / 1e9, after, (done - released) / 1e9, after / ((done - released) / 1e9));

        assertThat(before).as("the restart came mid-stream").isLessThan(total);
        assertThat(sumOfWrites("eo_restart")).as("rows written twice").isZero();
        assertThat(target.storedOffsets("eo-restart")).isEqualTo(Map.of(topic + "-0", (long) total / 2, topic + "-1", (long) total / 2));
    }

    @Test
    void kafkaOffsetsRewoundBehindTheTargetDoNotApplyAnythingTwice() throws Exception {
        String topic = "eo.rewind";
        database().execute(UpdateCountingTable.ddl(database().kind(), "eo_rewind"));
        produce(topic, 1, 1_000);
        start("eo-rewind", config(topic, "eo_rewind"));
        Await.value("all rows applied", () -> target.storedOffsets("eo-rewind"), o -> Long.valueOf(1_000).equals(o.get(topic + "-0")));

        // As after a crash between the database commit and Kafka's offset commit: Kafka's group says 0. Set on the
        // group directly: the REST offsets API would change the target's offsets too (AbstractOffsetsApiIT).
        String connector = "eo-rewind";
        CONNECT.cluster().stopConnector(connector);
        CONNECT.cluster().assertions().assertConnectorIsStopped(connector, "connector did not stop");
        try (Admin admin = CONNECT.cluster().kafka().createAdminClient()) {
            admin.alterConsumerGroupOffsets("connect-" + connector, Map.of(new TopicPartition(topic, 0),
                    new OffsetAndMetadata(0L))).all().get(30, TimeUnit.SECONDS);
        }
        CONNECT.cluster().resumeConnector(connector);
        CONNECT.awaitRunning(connector, 1);
        produce(topic, 1_001, 1_010);

        Await.value("new rows applied", () -> target.count("eo_rewind"), n -> n == 1_010);
        Await.value("Kafka's group follows the target", () -> CONNECT.cluster().connectorOffsets(connector).offsets().get(0)
                .offset().get("kafka_offset"), offset -> Long.valueOf(1_010).equals(((Number) offset).longValue()));
        assertThat(sumOfWrites("eo_rewind")).as("rows written twice").isZero();
        assertThat(target.storedOffsets("eo-rewind")).isEqualTo(Map.of(topic + "-0", 1_010L));
    }

    /** Rows {@code from..to} over two partitions by id parity. */
    private void produceSpread(String topic, int from, int to) {
        for (int id = from; id <= to; id++) {
            producer.send(topic, id % 2, KEY, new Struct(KEY).put("id", id), VALUE, new Struct(VALUE).put("id", id).put("name", "n" + id));
        }
        producer.flush();
    }

    private long countWith(Connection connection, String table) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT COUNT(*) FROM " + target.quote(table))) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private void produce(String topic, int from, int to) {
        for (int id = from; id <= to; id++) {
            producer.send(topic, KEY, new Struct(KEY).put("id", id), VALUE, new Struct(VALUE).put("id", id).put("name", "n" + id));
        }
        producer.flush();
    }

    private long sumOfWrites(String table) {
        Object sum = database().value("SELECT SUM(" + target.quote("writes") + ") FROM " + target.quote(table));
        return sum == null ? 0 : ((Number) sum).longValue();
    }

    /** The gate off, so that a record applied twice shows as an update; the table is the test's. */
    @Override
    protected Map<String, String> config(String topic, String table) {
        Map<String, String> config = super.config(topic, table);
        config.put("sync.version.mode", "off");
        config.put("schema.evolution", "none");
        return config;
    }

}
