package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.PluginMetricValues;
import io.ctsync.sink.testing.SourceTable;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Records the target refuses, through a real worker and a real dead-letter topic: a poison record is set aside with
 * its reason in headers read back from the topic while the rest of its batch applies; the error budget trips at N+1;
 * structural failures fail the task instead; children that arrive before their parents (on another topic) are parked
 * durably, survive a worker restart and apply once the parents come, or are dead-lettered after fk.retry.max.ms; with
 * fk.defer a child and its parent apply in any order in one batch without a retry pass.
 */
public abstract class AbstractRecordFailureIT extends SinkIT {

    private static final Schema KEY = SchemaBuilder.struct().name("rf.Key").field("id", Schema.INT32_SCHEMA).build();
    private static final Schema ROW = SchemaBuilder.struct().name("rf.Value").field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    private static final Schema CHILD = SchemaBuilder.struct().name("rf.Child").field("id", Schema.INT32_SCHEMA)
            .field("parent_id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();

    /** The SQLSTATE the database gives a NULL in a NOT NULL column, or null when its driver gives none. */
    protected abstract String notNullState();

    /** True when the database can defer foreign key checks to the commit. */
    protected boolean defersForeignKeys() {
        return false;
    }

    /** DDL of {@code <prefix>parents (id, name)} and {@code <prefix>children (id, parent_id → parents, name)}. */
    protected String[] parentAndChildTables(String prefix, boolean deferrable) {
        return new String[] {
            "CREATE TABLE " + prefix + "parents (id INT PRIMARY KEY, name VARCHAR(40))",
            "CREATE TABLE " + prefix + "children (id INT PRIMARY KEY, parent_id INT NOT NULL, name VARCHAR(40), "
                    + "FOREIGN KEY (parent_id) REFERENCES " + prefix + "parents (id))"};
    }

    /** A sink whose bad records go to {@code dlq}, with Connect's context headers. */
    protected Map<String, String> tolerant(Map<String, String> config, String dlq) {
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", dlq);
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.put("errors.deadletterqueue.context.headers.enable", "true");
        return config;
    }

    @Test
    void aPoisonRecordIsDeadLetteredWithItsReasonAndTheRestOfItsBatchApplies() throws Exception {
        database().execute("CREATE TABLE rf_poison (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        String topic = "rf.poison";
        send(topic, 1, "one");
        send(topic, 2, null);
        send(topic, 3, "three");
        producer.send(topic, null, null, ROW, new Struct(ROW).put("id", 4).put("name", "keyless"));
        send(topic, 5, "five");
        producer.flush();
        Map<String, String> config = tolerant(config(topic, "rf_poison"), "rf.poison.dlq");
        config.put("schema.evolution", "none");
        start("rf-poison", config);

        Await.value("the good rows", () -> target.rowsById("rf_poison", "name"), rows -> rows.size() == 3);
        assertThat(target.rowsById("rf_poison", "name")).isEqualTo(Map.of(1, List.of("one"), 3, List.of("three"),
                5, List.of("five")));
        Map<String, ConsumerRecord<byte[], byte[]>> letters = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> letter : CONNECT.consume(2, Duration.ofSeconds(60), "rf.poison.dlq")) {
            letters.put(header(letter, "__connect.errors.offset"), letter);
        }
        assertThat(letters).containsOnlyKeys("1", "3");

        ConsumerRecord<byte[], byte[]> notNull = letters.get("1");
        assertThat(new String(notNull.value(), StandardCharsets.UTF_8)).contains("\"id\":2");
        assertThat(header(notNull, DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_WRITE);
        assertThat(header(notNull, DeadLetterHeaders.CLASS)).contains("SQL").doesNotContain("ctsync");
        assertThat(header(notNull, DeadLetterHeaders.SQLSTATE)).isEqualTo(notNullState());
        assertThat(header(notNull, DeadLetterHeaders.TABLE)).isEqualTo("rf_poison");
        assertThat(header(notNull, DeadLetterHeaders.COLUMN)).isEqualTo("name");
        assertThat(header(notNull, DeadLetterHeaders.MESSAGE)).contains("topic=rf.poison", "offset=1", "table rf_poison",
                "column name");
        assertThat(header(notNull, "__connect.errors.topic")).isEqualTo(topic);

        ConsumerRecord<byte[], byte[]> keyless = letters.get("3");
        assertThat(header(keyless, DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_READ);
        assertThat(header(keyless, DeadLetterHeaders.MESSAGE)).contains("offset=3", "has no key");
        assertThat(header(keyless, DeadLetterHeaders.SQLSTATE)).isNull();

        assertThat(target.storedOffsets("rf-poison")).isEqualTo(Map.of(topic + "-0", 5L));
        Await.value("dead-letter metric", () -> PluginMetricValues.value("rf-poison", "dead-letter-total"), n -> n == 2L);
        assertThat(PluginMetricValues.value("rf-poison", "isolated-batch-total")).isPositive();
    }

    @Test
    void theErrorBudgetTripsAtNPlusOneNamingTheCount() throws Exception {
        database().execute("CREATE TABLE rf_budget (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        String topic = "rf.budget";
        send(topic, 1, null);
        send(topic, 2, "two");
        send(topic, 3, null);
        send(topic, 4, "four");
        producer.flush();
        Map<String, String> config = tolerant(config(topic, "rf_budget"), "rf.budget.dlq");
        config.put("errors.max.dead.letters", "2");
        start("rf-budget", config);
        Await.value("two of four applied", () -> target.storedOffsets("rf-budget"), o -> Long.valueOf(4).equals(o.get(topic + "-0")));
        assertThat(target.rowsById("rf_budget", "name")).containsOnlyKeys(2, 4);

        send(topic, 5, null);
        send(topic, 6, "six");
        producer.flush();
        String trace = CONNECT.awaitTaskFailure("rf-budget", Duration.ofSeconds(60));
        assertThat(trace).contains("3 records could not be applied, more than errors.max.dead.letters=2", "offset=4");
        assertThat(CONNECT.consumeAll(Duration.ofSeconds(30), "rf.budget.dlq")).hasSize(2);
        assertThat(target.rowsById("rf_budget", "name")).as("the batch over the budget is rolled back").containsOnlyKeys(2, 4);
        assertThat(target.storedOffsets("rf-budget")).isEqualTo(Map.of(topic + "-0", 4L));
    }

    @Test
    void aDeadLetterKafkaRefusesFailsTheTaskWithoutStoringOffsetsPastIt() throws Exception {
        // The batch commits only once Kafka acknowledged its dead letters: here Kafka refuses the dead letter (too
        // large for its topic), so nothing of the batch may be stored, or the record would be lost.
        CONNECT.cluster().kafka().createTopic("rf.refused.dlq", 1, 1, Map.of("max.message.bytes", "64"));
        database().execute("CREATE TABLE rf_refused (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL)");
        String topic = "rf.refused";
        send(topic, 1, "one");
        send(topic, 2, null);
        send(topic, 3, "three");
        producer.flush();
        Map<String, String> config = tolerant(config(topic, "rf_refused"), "rf.refused.dlq");
        config.put("max.retries", "0");
        String failure = failure("rf-refused", config);
        assertThat(failure).contains("dead-letter topic");
        assertThat(target.count("rf_refused")).isZero();
        assertThat(target.storedOffsets("rf-refused")).isEmpty();
    }

    @Test
    void structuralFailuresFailTheTaskInsteadOfFloodingTheDeadLetterTopic() throws Exception {
        String topic = "rf.structural";
        send(topic, 1, "one");
        producer.flush();
        Map<String, String> config = tolerant(config(topic, "rf_missing_table"), "rf.structural.dlq");
        config.put("schema.evolution", "none");
        assertThat(failure("rf-structural", config)).contains("table rf_missing_table", "does not exist");
        assertThat(CONNECT.consumeAll(Duration.ofSeconds(30), "rf.structural.dlq")).isEmpty();
    }

    @Test
    void childrenBeforeTheirParentsAcrossTwoTopicsAreParkedThroughARestartAndConverge() throws Exception {
        database().execute(parentAndChildTables("rf_", false));
        for (int id = 1; id <= 10; id++) {
            sendChild("rf.children", id, 1 + id % 5);
        }
        producer.flush();
        Map<String, String> config = tolerant(withForeignKeys(target.sinkConfig("rf.parents,rf.children")), "rf.fk.dlq");
        config.put("table.name.format", "${topic}");
        config.put("schema.evolution", "none");
        start("rf-fk", config);
        Await.value("children parked past their offsets", () -> target.storedOffsets("rf-fk"),
                o -> Long.valueOf(10).equals(o.get("rf.children-0")));
        assertThat(parked("rf-fk")).isEqualTo(10);
        assertThat(target.count("rf_children")).isZero();

        // The parked records live in the target: a restarted worker reloads them.
        CONNECT.restartWorkers();
        CONNECT.awaitRunning("rf-fk", 1);
        for (int id = 1; id <= 5; id++) {
            send("rf.parents", id, "parent " + id);
        }
        producer.flush();
        Await.value("children applied after their parents", () -> target.count("rf_children"), n -> n == 10);
        assertThat(parked("rf-fk")).isZero();
        assertThat(target.count("rf_parents")).isEqualTo(5);
        assertThat(CONNECT.consumeAll(Duration.ofSeconds(30), "rf.fk.dlq")).isEmpty();
    }

    @Test
    void aChildWhoseParentNeverComesIsDeadLetteredAfterTheRetryTime() throws Exception {
        database().execute(parentAndChildTables("rf_orphan_", false));
        sendChild("rf.orphans", 1, 42);
        producer.flush();
        Map<String, String> config = tolerant(withForeignKeys(config("rf.orphans", "rf_orphan_children")), "rf.orphan.dlq");
        config.put("fk.retry.max.ms", "1500");
        start("rf-orphan", config);
        ConsumerRecord<byte[], byte[]> letter = CONNECT.consume(1, Duration.ofSeconds(60), "rf.orphan.dlq").get(0);
        assertThat(header(letter, DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_FOREIGN_KEY);
        assertThat(header(letter, DeadLetterHeaders.MESSAGE)).contains("offset=0", "foreign key", "fk.retry.max.ms=1500");
        Await.value("the parked record released", () -> parked("rf-orphan"), n -> n == 0);
        assertThat(target.count("rf_orphan_children")).isZero();
    }

    @Test
    void withDeferredForeignKeysAChildBeforeItsParentInOneBatchAppliesWithoutARetryPass() throws Exception {
        Assumptions.assumeTrue(defersForeignKeys(), "this database cannot defer foreign key checks (fk.defer is refused)");
        database().execute(parentAndChildTables("rf_defer_", true));
        SourceTable parents = new SourceTable("parents", SchemaBuilder.struct().optional().field("id", Schema.INT32_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build());
        SourceTable children = new SourceTable("children", SchemaBuilder.struct().optional()
                .field("id", Schema.INT32_SCHEMA).field("parent_id", Schema.INT32_SCHEMA)
                .field("name", Schema.OPTIONAL_STRING_SCHEMA).build());
        children.send(producer, "rf.defer", children.create(children.newRow().put("id", 1).put("parent_id", 7).put("name", "c"), 1));
        parents.send(producer, "rf.defer", parents.create(parents.newRow().put("id", 7).put("name", "p"), 2));
        producer.flush();
        Map<String, String> config = withForeignKeys(config("rf.defer", "rf_defer_${source.table}"));
        config.put("fk.defer", "true");
        start("rf-defer", config);
        Await.value("both rows", () -> target.count("rf_defer_children"), n -> n == 1);
        assertThat(target.count("rf_defer_parents")).isEqualTo(1);
        assertThat(PluginMetricValues.value("rf-defer", "isolated-batch-total")).isZero();
        assertThat(PluginMetricValues.value("rf-defer", "parked-total")).isZero();
    }

    /** Foreign keys enforced on the sink's connections (SQLite needs asking). */
    protected Map<String, String> withForeignKeys(Map<String, String> config) {
        return config;
    }

    private long parked(String connector) {
        return ((Number) database().value("SELECT COUNT(*) FROM " + target.quote("ctsync_sink_parked") + " WHERE "
                + target.quote("connector_name") + " = '" + connector + "'")).longValue();
    }

    private void send(String topic, int id, String name) {
        producer.send(topic, KEY, new Struct(KEY).put("id", id), ROW, new Struct(ROW).put("id", id).put("name", name));
    }

    private void sendChild(String topic, int id, int parent) {
        producer.send(topic, KEY, new Struct(KEY).put("id", id), CHILD,
                new Struct(CHILD).put("id", id).put("parent_id", parent).put("name", "child " + id));
    }

    private static String header(ConsumerRecord<byte[], byte[]> record, String name) {
        Header header = record.headers().lastHeader(name);
        return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    }
}
