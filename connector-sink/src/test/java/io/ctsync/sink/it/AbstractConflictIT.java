package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.PluginMetricValues;
import io.ctsync.sink.testing.SourceTable;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

/**
 * Conflict rules through a real worker, with the conflict topic read back from Kafka. One connector, one table per rule
 * ({@code conflict.policy.<table>}), and in every table the same story per key: the sink writes version 1, someone
 * edits the target, version 2 meets the edit: an update of a row changed in the target (1), an update of a row deleted
 * there (2), a delete of a row changed there (3), an insert of a row inserted there (4), a delete of a row that never
 * was (5), and an update nobody interfered with (6). Version 3 of row 1 then meets no new edit: no conflict.
 */
public abstract class AbstractConflictIT extends SinkIT {

    private static final Schema ROW = SchemaBuilder.struct().optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("name", Schema.OPTIONAL_STRING_SCHEMA)
            .field("qty", Schema.OPTIONAL_INT32_SCHEMA)
            .field("modified_at", Timestamp.builder().optional().build())
            .build();
    private static final Map<String, String> RULES = Map.of("sw", "source-wins", "tw", "target-wins", "nw", "newer-wins",
            "mc", "merge-changed-columns", "mn", "manual");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void everyRuleMeetsEverySituationAndEveryConflictIsOnTheTopic() throws Exception {
        String topic = "cf.events";
        Map<String, SourceTable> tables = new HashMap<>();
        RULES.keySet().forEach(t -> tables.put(t, new SourceTable(t, ROW)));
        for (SourceTable table : tables.values()) {
            for (int id : new int[] {1, 2, 3, 6}) {
                table.send(producer, topic, table.create(row(table, id, "a", 1, "2030-01-01T00:00:00Z"), 1));
            }
        }
        producer.flush();
        Map<String, String> config = withConflictTopic(config(topic, "cf_${source.table}"), "cf.conflicts");
        RULES.forEach((table, rule) -> config.put("conflict.policy.cf_" + table, rule));
        config.put("conflict.newer.column", "modified_at");
        config.put("conflict.merge.fallback", "target-wins");
        start("cf-rules", config);
        awaitOffset("cf-rules", topic, 20);

        for (String table : RULES.keySet()) {
            String t = "cf_" + table;
            database().execute(
                    "UPDATE " + t + " SET qty = 100, modified_at = '2031-01-01 00:00:00' WHERE id = 1",
                    "DELETE FROM " + t + " WHERE id = 2",
                    "UPDATE " + t + " SET qty = 300 WHERE id = 3",
                    "INSERT INTO " + t + " (id, name, qty, modified_at) VALUES (4, 'target', 4, '2029-01-01 00:00:00')");
        }
        for (SourceTable table : tables.values()) {
            table.send(producer, topic, table.update(row(table, 1, "b", 1, "2030-06-01T00:00:00Z"), 2, "name", "modified_at"));
            table.send(producer, topic, table.update(row(table, 2, "b", 2, "2030-06-01T00:00:00Z"), 2, "name"));
            table.send(producer, topic, table.delete(3, 2));
            table.send(producer, topic, table.create(row(table, 4, "source", 40, "2030-06-01T00:00:00Z"), 2));
            table.send(producer, topic, table.delete(5, 2));
            table.send(producer, topic, table.update(row(table, 6, "b", 1, "2030-06-01T00:00:00Z"), 2, "name"));
        }
        producer.flush();
        awaitOffset("cf-rules", topic, 50);

        Map<Integer, List<String>> updated = Map.of(1, List.of("b", "1"), 2, List.of("b", "2"), 4, List.of("source", "40"),
                6, List.of("b", "1"));
        assertThat(rows("cf_sw")).isEqualTo(updated);
        Map<Integer, List<String>> targetKept = Map.of(1, List.of("a", "100"), 2, List.of("b", "2"), 3, List.of("a", "300"),
                4, List.of("target", "4"), 6, List.of("b", "1"));
        assertThat(rows("cf_tw")).isEqualTo(targetKept);
        assertThat(rows("cf_mn")).isEqualTo(targetKept);
        assertThat(rows("cf_nw")).as("the target's row 1 is newer, the source's row 4; a delete has no time")
                .isEqualTo(Map.of(1, List.of("a", "100"), 2, List.of("b", "2"), 3, List.of("a", "300"),
                        4, List.of("source", "40"), 6, List.of("b", "1")));
        assertThat(rows("cf_mc")).as("row 1: the source's name merged, the target's qty kept")
                .isEqualTo(Map.of(1, List.of("b", "100"), 2, List.of("b", "2"), 3, List.of("a", "300"),
                        4, List.of("target", "4"), 6, List.of("b", "1")));

        Map<String, JsonNode> conflicts = conflicts(25);
        for (String table : RULES.keySet()) {
            String rule = RULES.get(table);
            assertConflict(conflicts, table, 1, "update-modified", rule, switch (table) {
                case "sw" -> "applied";
                case "mc" -> "merged";
                case "mn" -> "manual";
                default -> "skipped";
            });
            assertConflict(conflicts, table, 2, "update-missing", "conflict.update.missing=insert", "applied");
            assertConflict(conflicts, table, 3, "delete-modified", rule,
                    table.equals("sw") ? "applied" : table.equals("mn") ? "manual" : "skipped");
            assertConflict(conflicts, table, 4, "insert-exists", rule,
                    table.equals("sw") || table.equals("nw") ? "applied" : table.equals("mn") ? "manual" : "skipped");
            assertConflict(conflicts, table, 5, "delete-missing", "conflict.delete.missing=ignore", "skipped");
        }
        JsonNode manual = conflicts.get("cf_mn|1");
        assertThat(manual.at("/target/qty").asText()).isEqualTo("100");
        assertThat(manual.at("/source/name").asText()).isEqualTo("b");
        assertThat(manual.at("/event_version").asLong()).isEqualTo(2);
        assertThat(manual.at("/kafka_topic").asText()).isEqualTo(topic);
        assertThat(conflicts.get("cf_mc|1").at("/written_columns").toString()).isEqualTo("[\"name\"]");
        assertThat(conflicts.get("cf_mc|1").at("/reason").asText()).contains("modified_at", "changed on both sides");
        assertThat(conflicts).doesNotContainKeys("cf_sw|6", "cf_tw|6");
        Await.value("conflict metric", () -> PluginMetricValues.value("cf-rules", "conflict-total",
                Map.of("rule", "target-wins", "outcome", "skipped")), n -> n == 3L);

        // Version 3 of row 1 meets no new edit: the decision of version 2 is the new baseline.
        for (SourceTable table : tables.values()) {
            table.send(producer, topic, table.update(row(table, 1, "b", 7, "2032-01-01T00:00:00Z"), 3, "qty", "modified_at"));
        }
        producer.flush();
        awaitOffset("cf-rules", topic, 55);
        for (String table : RULES.keySet()) {
            assertThat(rows("cf_" + table).get(1)).as(table).isEqualTo(List.of("b", "7"));
        }
        assertThat(CONNECT.consumeAll(Duration.ofSeconds(30), "cf.conflicts")).as("no new conflicts").hasSize(25);
    }

    @Test
    void manualMissingRowsGoToTheTopicAndStayMissing() throws Exception {
        String topic = "cf.missing";
        SourceTable items = new SourceTable("items", ROW);
        items.send(producer, topic, items.create(row(items, 1, "a", 1, "2030-01-01T00:00:00Z"), 1));
        producer.flush();
        Map<String, String> config = withConflictTopic(config(topic, "cfm_${source.table}"), "cf.missing.conflicts");
        config.put("conflict.update.missing", "manual");
        config.put("conflict.delete.missing", "manual");
        start("cf-missing", config);
        awaitOffset("cf-missing", topic, 1);

        database().execute("DELETE FROM cfm_items WHERE id = 1");
        items.send(producer, topic, items.update(row(items, 1, "b", 2, "2030-06-01T00:00:00Z"), 2, "name", "qty"));
        items.send(producer, topic, items.delete(9, 3));
        producer.flush();
        awaitOffset("cf-missing", topic, 3);

        assertThat(target.count("cfm_items")).isZero();
        List<JsonNode> conflicts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : CONNECT.consume(2, Duration.ofSeconds(60), "cf.missing.conflicts")) {
            conflicts.add(JSON.readTree(record.value()).get("payload"));
        }
        assertThat(conflicts).extracting(c -> c.get("situation").asText() + " " + c.get("rule").asText() + " "
                + c.get("outcome").asText()).containsExactly("update-missing conflict.update.missing=manual manual",
                "delete-missing conflict.delete.missing=manual manual");
        assertThat(conflicts.get(0).get("target").isNull()).isTrue();
        assertThat(conflicts.get(0).at("/source/name").asText()).isEqualTo("b");
    }

    /** Conflicts to {@code conflictTopic} (created, one partition: in order) on the embedded Kafka. */
    private static Map<String, String> withConflictTopic(Map<String, String> config, String conflictTopic) {
        CONNECT.cluster().kafka().createTopic(conflictTopic, 1);
        config.put("conflict.topic", conflictTopic);
        config.put("conflict.kafka.bootstrap.servers", CONNECT.bootstrapServers());
        return config;
    }

    private static Struct row(SourceTable table, int id, String name, int qty, String modifiedAt) {
        return table.newRow().put("id", id).put("name", name).put("qty", qty)
                .put("modified_at", Date.from(Instant.parse(modifiedAt)));
    }

    private Map<Integer, List<String>> rows(String table) {
        return target.rowsById(table, "name", "qty");
    }

    private Map<String, JsonNode> conflicts(int count) throws Exception {
        Map<String, JsonNode> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> record : CONNECT.consume(count, Duration.ofSeconds(60), "cf.conflicts")) {
            JsonNode payload = JSON.readTree(record.value()).get("payload");
            out.put(payload.get("table").asText() + "|" + payload.get("row_key").asText(), payload);
        }
        return out;
    }

    private static void assertConflict(Map<String, JsonNode> conflicts, String table, int id, String situation, String rule,
                                       String outcome) {
        JsonNode conflict = conflicts.get("cf_" + table + "|" + id);
        assertThat(conflict).as("conflict of cf_%s row %d", table, id).isNotNull();
        assertThat(List.of(conflict.get("situation").asText(), conflict.get("rule").asText(), conflict.get("outcome").asText()))
                .as("cf_%s row %d", table, id).containsExactly(situation, rule, outcome);
    }

    private void awaitOffset(String connector, String topic, long next) {
        Await.value(connector + " applied up to offset " + next, () -> target.storedOffsets(connector),
                offsets -> Long.valueOf(next).equals(offsets.get(topic + "-0")));
    }
}
