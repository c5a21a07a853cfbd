package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.UpdateCountingTable;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * A database server of the test's own goes down under a running sink (killed: connections break, open transactions
 * are lost) and comes back: the sink retries with backoff, reconnects and applies everything exactly once, and sends
 * nothing to its dead-letter topic (a transient failure is never a record's fault). When the outage outlasts
 * {@code max.retries}, the task fails with the cause.
 */
public abstract class AbstractOutageIT extends SinkIT {

    private static final Schema KEY = SchemaBuilder.struct().name("out.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("out.Value").field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA).build();


    /** Stops the server as a crash would. */
    protected abstract void stopServer() throws Exception;

    protected abstract void startServer() throws Exception;

    @Test
    void aDatabaseRestartedMidStreamIsSurvivedByRetries() throws Exception {
        String topic = "outage.survived";
        database().execute(UpdateCountingTable.ddl(database().kind(), "survived"));
        produce(topic, 1, 2_000);
        Map<String, String> config = config(topic, "survived");
        config.put("max.retries", "30");
        config.put("retry.backoff.ms", "300");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "outage.survived.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        start("outage-survived", config);
        Await.value("first rows", () -> target.count("survived"), n -> n >= 2_000);

        stopServer();
        produce(topic, 2_001, 4_000);
        // The server stays down for several retry rounds of the task.
        Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        startServer();

        Await.value("every row after the restart", () -> target.count("survived"), n -> n == 4_000);
        CONNECT.awaitRunning("outage-survived", 1);
        assertThat(((Number) database().value("SELECT SUM(writes) FROM survived")).longValue()).as("rows written twice")
                .isZero();
        assertThat(target.storedOffsets("outage-survived")).isEqualTo(Map.of(topic + "-0", 4_000L));
        assertThat(CONNECT.consumeAll(Duration.ofSeconds(30), "outage.survived.dlq")).as("dead letters").isEmpty();
    }

    @Test
    void anOutageLongerThanTheRetriesFailsTheTaskWithTheCause() throws Exception {
        String topic = "outage.fatal";
        produce(topic, 1, 10);
        Map<String, String> config = config(topic, "fatal");
        config.put("max.retries", "2");
        config.put("retry.backoff.ms", "100");
        start("outage-fatal", config);
        Await.value("first rows", () -> target.count("fatal"), n -> n == 10);

        stopServer();
        try {
            produce(topic, 11, 20);
            String trace = CONNECT.awaitTaskFailure("outage-fatal", Duration.ofSeconds(60));
            System.out.println("OUTAGE FAILURE: " + trace.lines().filter(l -> l.contains("Giving up")).findFirst().orElse(trace));
            assertThat(trace).contains("Giving up after 2 retries (max.retries)").containsIgnoringCase("connect");
        } finally {
            startServer();
        }
    }

    private void produce(String topic, int from, int to) {
        for (int id = from; id <= to; id++) {
            producer.send(topic, KEY, new Struct(KEY).put("id", id), VALUE, new Struct(VALUE).put("id", id).put("name", "n" + id));
        }
        producer.flush();
    }
}
