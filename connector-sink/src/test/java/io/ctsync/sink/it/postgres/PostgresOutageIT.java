package io.ctsync.sink.it.postgres;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.it.SinkIT;
import io.ctsync.sink.testing.Await;
import io.ctsync.testkit.db.PrivatePostgresExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A PostgreSQL of the test's own goes down under a running sink (immediate stop: connections break, open transactions
 * are lost) and comes back: the sink retries with backoff, reconnects and applies everything exactly once, and sends
 * nothing to its dead-letter topic (a transient failure is never a record's fault). When the outage outlasts
 * {@code max.retries}, the task fails with the cause.
 */
class PostgresOutageIT extends SinkIT {

    @RegisterExtension
    static final PrivatePostgresExtension PG = new PrivatePostgresExtension();

    @Override
    protected TestDatabase database() {
        return PG.database();
    }

    private static final Schema KEY = SchemaBuilder.struct().name("out.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema VALUE = SchemaBuilder.struct().name("out.Value").field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.STRING_SCHEMA).build();

    @Test
    void aDatabaseRestartedMidStreamIsSurvivedByRetries() throws Exception {
        String topic = "outage.survived";
        PG.database().execute("CREATE TABLE survived (id INT PRIMARY KEY, name VARCHAR(40), writes INT NOT NULL DEFAULT 0)",
                "CREATE FUNCTION survived_count() RETURNS trigger LANGUAGE plpgsql AS "
                        + "$$ BEGIN NEW.writes := OLD.writes + 1; RETURN NEW; END $$",
                "CREATE TRIGGER survived_count BEFORE UPDATE ON survived FOR EACH ROW EXECUTE FUNCTION survived_count()");
        produce(topic, 1, 2_000);
        Map<String, String> config = config(topic, "survived");
        config.put("max.retries", "30");
        config.put("retry.backoff.ms", "300");
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", "outage.survived.dlq");
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        start("outage-survived", config);
        Await.value("first rows", () -> target.count("survived"), n -> n >= 2_000);

        PG.stop();
        produce(topic, 2_001, 4_000);
        // The server stays down for several retry rounds of the task.
        org.awaitility.Awaitility.await().pollDelay(Duration.ofSeconds(3)).until(() -> true);
        PG.start();

        Await.value("every row after the restart", () -> target.count("survived"), n -> n == 4_000);
        CONNECT.awaitRunning("outage-survived", 1);
        assertThat(((Number) PG.database().value("SELECT SUM(writes) FROM survived")).longValue()).as("rows written twice").isZero();
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

        PG.stop();
        try {
            produce(topic, 11, 20);
            String trace = CONNECT.awaitTaskFailure("outage-fatal", Duration.ofSeconds(60));
            assertThat(trace).contains("Giving up after 2 retries (max.retries)").contains("Connection");
        } finally {
            PG.start();
        }
    }

    private void produce(String topic, int from, int to) {
        for (int id = from; id <= to; id++) {
            producer.send(topic, KEY, new Struct(KEY).put("id", id), VALUE, new Struct(VALUE).put("id", id).put("name", "n" + id));
        }
        producer.flush();
    }

}
