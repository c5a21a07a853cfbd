package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.SnapshotStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * Reconciliation after a re-snapshot through a real worker: a topic of four partitions, two sink tasks each owning
 * two, a first snapshot, changes, then a second snapshot that no longer brings the rows deleted while their changes
 * were lost (retention cleanup, TRUNCATE, an offset reset). Once both tasks have passed the second snapshot's end on
 * all four partitions, the rows it did not bring are deleted (versions in a column or in the state table), rows of
 * later events stay, and a replay changes nothing; {@code keep} and {@code report} leave them, and a row the target
 * changed meanwhile is a {@code delete-modified} conflict for the table's rule.
 */
public abstract class AbstractReconcileIT extends SinkIT {

    private static final int PARTITIONS = 4;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** DDL of a table {@code name} with columns id (key), name, balance, and no version column. */
    protected abstract String plainTableDdl(String name);

    private SnapshotStream stream(String topic) {
        createTopic(topic, PARTITIONS);
        return new SnapshotStream(producer, topic, PARTITIONS);
    }

    private static List<Integer> ids(int from, int to, int... without) {
        List<Integer> ids = IntStream.rangeClosed(from, to).boxed().collect(Collectors.toCollection(ArrayList::new));
        for (int id : without) {
            ids.remove(Integer.valueOf(id));
        }
        return ids;
    }

    private void startTwoTasks(String name, Map<String, String> config) throws InterruptedException {
        config.put("tasks.max", "2");
        create(name, config);
        CONNECT.awaitRunning(name, 2);
    }

    private void awaitApplied(String connector, SnapshotStream stream) {
        Await.value(connector + " applied everything", () -> target.storedOffsets(connector),
                offsets -> offsets.equals(stream.endOffsets()));
    }

    private Map<String, Long> reconciledRows(String connector) {
        Map<String, Long> out = new TreeMap<>();
        for (Map<String, Object> row : database().rows("SELECT " + target.quote("snapshot_id") + ", "
                + target.quote("reconciled_rows") + " FROM " + target.quote("ctsync_sink_snapshots") + " WHERE "
                + target.quote("connector_name") + " = '" + connector + "' AND " + target.quote("kafka_partition") + " = -1")) {
            List<Object> values = new ArrayList<>(row.values());
            out.put(String.valueOf(values.get(0)), values.get(1) == null ? null : ((Number) values.get(1)).longValue());
        }
        return out;
    }

    @Test
    void rowsTheReSnapshotNoLongerBringsAreDeletedOnceBothTasksPassedItsEndOnEveryPartition() throws Exception {
        SnapshotStream topic = stream("rc.column");
        topic.snapshot(10, ids(1, 40), id -> "s1-" + id);
        topic.update(5, "u20", 20);
        topic.delete(6, 21);
        List<Integer> second = ids(1, 25, 6);                          // 26..40 were deleted while changes were lost
        second.add(41);                                                 // and 41 inserted
        topic.snapshot(100, second, id -> "s2-" + id);
        topic.create(50, "c101", 101);
        topic.update(1, "u102", 102);
        producer.flush();

        long started = System.nanoTime();
        startTwoTasks("rc-column", config("rc.column", "rc_column"));
        awaitApplied("rc-column", topic);
        System.out.printf("RECONCILE rc-column: %d records over %d partitions, 2 tasks, converged in %d ms%n",
                topic.endOffsets().values().stream().mapToLong(Long::longValue).sum(), PARTITIONS,
                (System.nanoTime() - started) / 1_000_000);

        Map<Integer, List<String>> expected = new TreeMap<>();
        ids(1, 25, 6).forEach(id -> expected.put(id, List.of("s2-" + id, "100")));
        expected.put(41, List.of("s2-41", "100"));
        expected.put(50, List.of("c101", "101"));
        expected.put(1, List.of("u102", "102"));
        assertThat(target.rowsById("rc_column", "name", "__ctsync_version")).isEqualTo(expected);
        assertThat(reconciledRows("rc-column")).as("the first snapshot found nothing older, the second 26..40")
                .containsEntry("v10", 0L).containsEntry("v100", 15L);
        long tombstones = ((Number) database().value("SELECT COUNT(*) FROM " + target.quote("ctsync_sink_state") + " WHERE "
                + target.quote("table_name") + " = 'rc_column' AND " + target.quote("version") + " = 99")).longValue();
        assertThat(tombstones).as("each deleted row leaves a tombstone at V0 - 1").isEqualTo(15);
    }

    @Test
    void versionsInTheStateTableAreReconciledAndRowsTheSinkNeverWroteStay() throws Exception {
        database().execute(plainTableDdl("rc_state"),
                "INSERT INTO " + target.quote("rc_state") + " (id, name, balance) VALUES (999, 'not the sink''s', 1)");
        SnapshotStream topic = stream("rc.state");
        topic.snapshot(10, ids(1, 12), id -> "s1-" + id);
        topic.snapshot(50, ids(1, 6), id -> "s2-" + id);
        producer.flush();

        startTwoTasks("rc-state", config("rc.state", "rc_state"));
        awaitApplied("rc-state", topic);

        Map<Integer, List<String>> expected = new TreeMap<>();
        ids(1, 6).forEach(id -> expected.put(id, List.of("s2-" + id)));
        expected.put(999, List.of("not the sink's"));
        assertThat(target.rowsById("rc_state", "name")).isEqualTo(expected);
        assertThat(reconciledRows("rc-state")).containsEntry("v50", 6L);
    }

    @Test
    void keepLeavesTheRowsAndAReplayOfTheWholeTopicChangesNothing() throws Exception {
        SnapshotStream topic = stream("rc.keep");
        topic.snapshot(10, ids(1, 8), id -> "s1-" + id);
        topic.snapshot(20, ids(1, 4), id -> "s2-" + id);
        producer.flush();
        Map<String, String> keep = config("rc.keep", "rc_keep");
        keep.put("reconcile.after.snapshot", "keep");
        startTwoTasks("rc-keep", keep);
        awaitApplied("rc-keep", topic);
        assertThat(target.count("rc_keep")).isEqualTo(8);

        // A second connector with the default (delete) replays the topic onto the same table: it deletes 5..8 once.
        startTwoTasks("rc-replay", config("rc.keep", "rc_keep"));
        awaitApplied("rc-replay", topic);
        assertThat(target.rowsById("rc_keep", "name")).containsOnlyKeys(1, 2, 3, 4);
        assertThat(reconciledRows("rc-replay")).containsEntry("v20", 4L);
        assertThat(reconciledRows("rc-keep")).containsEntry("v20", 0L);
    }

    @Test
    void reportListsTheRowsOnTheConflictTopicAndARowTheTargetChangedIsADeleteModifiedConflict() throws Exception {
        createTopic("rc.conflicts", 1);
        SnapshotStream reported = stream("rc.report");
        reported.snapshot(10, ids(1, 5), id -> "s1-" + id);
        reported.snapshot(20, ids(1, 3), id -> "s2-" + id);
        SnapshotStream guarded = stream("rc.guarded");
        guarded.snapshot(10, ids(1, 5), id -> "s1-" + id);
        producer.flush();
        Map<String, String> report = withConflictTopic(config("rc.report", "rc_report"));
        report.put("reconcile.after.snapshot", "report");
        startTwoTasks("rc-report", report);
        Map<String, String> targetWins = withConflictTopic(config("rc.guarded", "rc_guarded"));
        targetWins.put("conflict.policy", "target-wins");
        startTwoTasks("rc-guarded", targetWins);
        awaitApplied("rc-report", reported);
        awaitApplied("rc-guarded", guarded);

        database().execute("UPDATE " + target.quote("rc_guarded") + " SET name = 'edited in the target' WHERE id = 5");
        guarded.snapshot(20, ids(1, 3), id -> "s2-" + id);
        producer.flush();
        awaitApplied("rc-guarded", guarded);

        assertThat(target.rowsById("rc_report", "name")).containsOnlyKeys(1, 2, 3, 4, 5);
        assertThat(target.rowsById("rc_guarded", "name")).containsOnlyKeys(1, 2, 3, 5)
                .containsEntry(5, List.of("edited in the target"));
        List<String> conflicts = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : CONNECT.consume(3, Duration.ofSeconds(60), "rc.conflicts")) {
            JsonNode c = JSON.readTree(record.value()).get("payload");
            conflicts.add(c.get("table").asText() + " " + c.get("row_key").asText() + " " + c.get("situation").asText() + " "
                    + c.get("rule").asText() + " " + c.get("outcome").asText());
        }
        assertThat(conflicts).containsExactlyInAnyOrder(
                "rc_report 4 snapshot-missing reconcile.after.snapshot=report skipped",
                "rc_report 5 snapshot-missing reconcile.after.snapshot=report skipped",
                "rc_guarded 5 delete-modified target-wins skipped");
    }

    private static Map<String, String> withConflictTopic(Map<String, String> config) {
        config.put("conflict.topic", "rc.conflicts");
        config.put("conflict.kafka.bootstrap.servers", CONNECT.bootstrapServers());
        return config;
    }
}
