package io.ctsync.sink.write;

import static io.ctsync.sink.write.WriterHarness.event;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.offset.OffsetsFencedException;
import io.ctsync.sink.testing.SourceTable;
import io.ctsync.sink.testing.Target;
import io.ctsync.testkit.db.TestDatabase;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.header.Header;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The batch pipeline ({@link SinkWriter} and the {@link BatchWriter} under it: version gate, conflict rules, parking,
 * offsets, dead letters) on a real database, fed {@link SinkRecord}s directly: no Kafka, no Connect worker. One
 * subclass per database. Every test uses its own tables, topics and connector name.
 */
public abstract class AbstractSinkWriterTest {

    static final Schema ROW = SchemaBuilder.struct().optional()
            .field("id", Schema.INT32_SCHEMA).field("name", Schema.OPTIONAL_STRING_SCHEMA).build();
    static final Schema CHILD = SchemaBuilder.struct().optional()
            .field("id", Schema.INT32_SCHEMA).field("parent_id", Schema.OPTIONAL_INT32_SCHEMA).build();

    protected Target target;

    protected abstract TestDatabase database();

    /** The options with foreign keys enforced (SQLite checks them only on connections that ask). */
    protected Map<String, String> withForeignKeys(Map<String, String> config) {
        return config;
    }

    @BeforeEach
    void target() {
        target = new Target(database());
    }

    @Test
    void anOlderEventNeverOverwritesANewerOneNorResurrectsADeletedRow() throws Exception {
        assertGateHoldsBackOlderEvents("w_gate_column", Map.of());
        assertThat(columns("w_gate_column")).contains("__ctsync_version");
    }

    @Test
    void theStateTableGatesATableWithoutAVersionColumn() throws Exception {
        assertGateHoldsBackOlderEvents("w_gate_table", Map.of("sync.version.mode", "table"));
        assertThat(columns("w_gate_table")).doesNotContain("__ctsync_version");
    }

    private void assertGateHoldsBackOlderEvents(String topic, Map<String, String> options) throws Exception {
        SourceTable t = new SourceTable(topic, ROW);
        Map<String, String> config = WriterHarness.config(database());
        config.putAll(options);
        try (WriterHarness sink = WriterHarness.open(config, topic, partition(topic))) {
            sink.write(event(topic, 0, t, t.create(row(t, 1, "v1"), 1)), event(topic, 1, t, t.update(row(t, 1, "v3"), 3)));
            sink.write(event(topic, 2, t, t.update(row(t, 1, "v2"), 2)));
            assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("v3")));
            assertThat(sink.writer.counters().duplicates()).isEqualTo(1);

            // A replay: the same version again, and an older delete.
            sink.write(event(topic, 3, t, t.update(row(t, 1, "v3 again"), 3)), event(topic, 4, t, t.delete(1, 2)));
            assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("v3")));

            sink.write(event(topic, 5, t, t.delete(1, 4)));
            sink.write(event(topic, 6, t, t.create(row(t, 1, "late"), 3)));
            assertThat(target.rowsById(topic, "name")).isEmpty();
            sink.write(event(topic, 7, t, t.create(row(t, 1, "v5"), 5)));
            assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("v5")));
            assertThat(sink.writer.counters().duplicates()).isEqualTo(4);
        }
    }

    /**
     * 300 deletes in one batch leave 300 tombstones (written as full multi-row statements and the rest in smaller ones
     * where the dialect writes state rows that way), so late older creates of every one of them stay out while newer
     * ones apply; in {@code table} mode the versions of the upserts go the same way.
     */
    @Test
    void everyDeleteOfALargeBatchLeavesATombstoneThatHoldsBackItsLateOlderEvents() throws Exception {
        for (String mode : List.of("column", "table")) {
            String topic = "w_many_tombs_" + mode;
            SourceTable t = new SourceTable(topic, ROW);
            Map<String, String> config = WriterHarness.config(database());
            config.put("sync.version.mode", mode);
            int rows = 300;
            try (WriterHarness sink = WriterHarness.open(config, topic, partition(topic))) {
                List<SinkRecord> creates = new ArrayList<>();
                List<SinkRecord> deletes = new ArrayList<>();
                List<SinkRecord> late = new ArrayList<>();
                for (int id = 0; id < rows; id++) {
                    creates.add(event(topic, id, t, t.create(row(t, id, "v1"), 10L + id)));
                    deletes.add(event(topic, rows + id, t, t.delete(id, 1_000L + id)));
                    // Late and older than its delete, except the first three, which are newer.
                    long version = id < 3 ? 2_000L + id : 500L + id;
                    late.add(event(topic, 2 * rows + id, t, t.create(row(t, id, "late"), version)));
                }
                sink.writer.write(creates);
                sink.writer.write(deletes);
                assertThat(target.rowsById(topic, "name")).as(mode).isEmpty();
                sink.writer.write(late);
                assertThat(target.rowsById(topic, "name")).as(mode)
                        .isEqualTo(Map.of(0, List.of("late"), 1, List.of("late"), 2, List.of("late")));
                assertThat(sink.writer.counters().duplicates()).as(mode).isEqualTo(rows - 3);
            }
        }
    }

    @Test
    void aKeysEventsInOneBatchApplyInArrivalOrderWithOrWithoutReduction() throws Exception {
        for (String reduction : List.of("true", "false")) {
            String topic = "w_order_" + reduction;
            SourceTable t = new SourceTable(topic, ROW);
            Map<String, String> config = WriterHarness.config(database());
            config.put("use.reduction", reduction);
            try (WriterHarness sink = WriterHarness.open(config, topic, partition(topic))) {
                sink.write(event(topic, 0, t, t.create(row(t, 1, "a"), 1)), event(topic, 1, t, t.delete(1, 2)),
                        event(topic, 2, t, t.create(row(t, 1, "b"), 3)), event(topic, 3, t, t.create(row(t, 2, "x"), 4)),
                        event(topic, 4, t, t.update(row(t, 2, "y"), 5)), event(topic, 5, t, t.delete(2, 6)),
                        event(topic, 6, t, t.create(row(t, 3, "only"), 7)));
            }
            assertThat(target.rowsById(topic, "name")).as("use.reduction=" + reduction)
                    .isEqualTo(Map.of(1, List.of("b"), 3, List.of("only")));
        }
    }

    @Test
    void aTombstoneDeletesOnATopicOfFlatRowsAndIsIgnoredOnATopicOfEnvelopes() throws Exception {
        String flat = "w_tomb_flat";
        String envelopes = "w_tomb_envelope";
        SourceTable f = new SourceTable(flat, ROW);
        SourceTable e = new SourceTable(envelopes, ROW);
        try (WriterHarness sink = WriterHarness.open(WriterHarness.config(database()), "w-tomb", partition(flat),
                partition(envelopes))) {
            sink.write(new SinkRecord(flat, 0, f.keySchema(), f.key(1), ROW, row(f, 1, "flat"), 0),
                    new SinkRecord(flat, 0, f.keySchema(), f.key(2), ROW, row(f, 2, "kept"), 1),
                    event(envelopes, 0, e, e.create(row(e, 1, "enveloped"), 1)));
            sink.write(new SinkRecord(flat, 0, f.keySchema(), f.key(1), null, null, 2),
                    new SinkRecord(envelopes, 0, e.keySchema(), e.key(1), null, null, 1));
        }
        assertThat(target.rowsById(flat, "name")).isEqualTo(Map.of(2, List.of("kept")));
        assertThat(target.rowsById(envelopes, "name")).isEqualTo(Map.of(1, List.of("enveloped")));
    }

    @Test
    void conflictRulesDecideWhatHappensToRowsSomeoneElseChanged() throws Exception {
        String targetWins = "w_conflict_target";
        String sourceWins = "w_conflict_source";
        SourceTable tw = new SourceTable(targetWins, ROW);
        SourceTable sw = new SourceTable(sourceWins, ROW);
        Map<String, String> config = WriterHarness.config(database());
        config.put("conflict.policy", "source-wins");
        config.put("conflict.policy." + targetWins, "target-wins");
        config.put("conflict.update.missing", "skip");
        try (WriterHarness sink = WriterHarness.open(config, "w-conflict", partition(targetWins), partition(sourceWins))) {
            sink.write(event(targetWins, 0, tw, tw.create(row(tw, 1, "source"), 1)),
                    event(sourceWins, 0, sw, sw.create(row(sw, 1, "source"), 1)),
                    event(sourceWins, 1, sw, sw.create(row(sw, 2, "source"), 2)));
            database().execute("UPDATE " + target.quote(targetWins) + " SET " + target.quote("name") + " = 'edited'",
                    "UPDATE " + target.quote(sourceWins) + " SET " + target.quote("name") + " = 'edited' WHERE "
                            + target.quote("id") + " = 1",
                    "DELETE FROM " + target.quote(sourceWins) + " WHERE " + target.quote("id") + " = 2");

            sink.write(event(targetWins, 1, tw, tw.update(row(tw, 1, "source 2"), 3)),
                    event(sourceWins, 2, sw, sw.update(row(sw, 1, "source 2"), 3)),
                    event(sourceWins, 3, sw, sw.update(row(sw, 2, "source 2"), 4)));

            assertThat(target.rowsById(targetWins, "name")).isEqualTo(Map.of(1, List.of("edited")));
            assertThat(target.rowsById(sourceWins, "name")).isEqualTo(Map.of(1, List.of("source 2")));
            assertThat(sink.writer.counters().conflicts()).containsOnly(Map.entry("target-wins/skipped", 1L),
                    Map.entry("source-wins/applied", 1L), Map.entry("conflict.update.missing=skip/skipped", 1L));

            // The decision is the new baseline: the next event meets no conflict.
            sink.write(event(targetWins, 2, tw, tw.update(row(tw, 1, "source 3"), 5)));
            assertThat(target.rowsById(targetWins, "name")).isEqualTo(Map.of(1, List.of("source 3")));
            assertThat(sink.writer.counters().conflictTotal()).isEqualTo(3);
        }
    }

    @Test
    void aChildBeforeItsParentIsParkedSurvivesARestartAndAppliesAfterTheParent() throws Exception {
        database().execute(parentAndChild("w_fk_"));
        SourceTable parents = new SourceTable("w_fk_parents", ROW);
        SourceTable children = new SourceTable("w_fk_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        try (WriterHarness sink = WriterHarness.open(config, "w-fk", partition("w_fk_children"))) {
            sink.write(event("w_fk_children", 0, children, children.create(child(children, 1, 7), 1)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            assertThat(sink.writer.committed()).containsEntry(partition("w_fk_children"), 1L);
        }
        assertThat(target.count("w_fk_children")).isZero();
        assertThat(target.count("ctsync_sink_parked")).isEqualTo(1);

        try (WriterHarness sink = WriterHarness.open(config, "w-fk", partition("w_fk_children"), partition("w_fk_parents"))) {
            assertThat(sink.writer.parkedRecords()).as("reloaded from the parked table").isEqualTo(1);
            sink.write(event("w_fk_parents", 0, parents, parents.create(row(parents, 7, "parent"), 2)));
            assertThat(sink.writer.parkedRecords()).isZero();
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.rowsById("w_fk_children", "parent_id")).isEqualTo(Map.of(1, List.of("7")));
        assertThat(target.count("ctsync_sink_parked")).isZero();
    }

    @Test
    void aStaleParentAForeignKeyKeptIsDeletedOnceItsChildrensReconciliationRemovedThem() throws Exception {
        database().execute(parentAndChild("w_rc_"));
        SourceTable parents = new SourceTable("w_rc_parents", ROW);
        SourceTable children = new SourceTable("w_rc_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        // Two tasks of one connector, one per topic: they share the pending deletes only through the target.
        try (WriterHarness parentTask = WriterHarness.open(config, "w-rc", partition("w_rc_parents"));
             WriterHarness childTask = WriterHarness.open(config, "w-rc", partition("w_rc_children"))) {
            Snapshots p = new Snapshots("w_rc_parents", parents);
            Snapshots c = new Snapshots("w_rc_children", children);
            parentTask.write(p.of(10, row(parents, 1, "s1"), row(parents, 2, "s1"), row(parents, 3, "s1")));
            childTask.write(c.of(10, child(children, 11, 1), child(children, 12, 2), child(children, 13, 3)));

            // The parents' table is re-snapshotted first: 2 and 3 are gone from the source, their children still here.
            parentTask.write(p.of(20, row(parents, 1, "s2")));
            assertThat(target.rowsById("w_rc_parents", "name")).containsOnlyKeys(1, 2, 3);
            assertThat(pendingDeletes("w-rc")).containsExactlyInAnyOrder("w_rc_parents 2", "w_rc_parents 3");
            // Parent 3 comes back in the source before the children's snapshot: no longer stale.
            parentTask.write(p.event(parents.update(row(parents, 3, "back"), 25)));

            // The children's re-snapshot removes 12 and 13; the parents' refused deletes are retried in its batch.
            childTask.write(c.of(30, child(children, 11, 1)));
            assertThat(childTask.writer.counters().deletes()).as("children 12, 13 and parent 2").isEqualTo(3);
        }
        assertThat(target.rowsById("w_rc_children", "parent_id")).isEqualTo(Map.of(11, List.of("1")));
        assertThat(target.rowsById("w_rc_parents", "name")).isEqualTo(Map.of(1, List.of("s2"), 3, List.of("back")));
        assertThat(pendingDeletes("w-rc")).isEmpty();
        assertThat(database().value("SELECT " + target.quote("version") + " FROM " + target.quote("ctsync_sink_state")
                + " WHERE " + target.quote("table_name") + " = 'w_rc_parents' AND " + target.quote("row_key") + " = '2'"))
                .as("the parent's tombstone at V0 - 1").satisfies(v -> assertThat(((Number) v).longValue()).isEqualTo(19L));
    }

    @Test
    void aRecordParkedBeforeASnapshotThatNoLongerBringsItsRowIsDroppedWhenItsParentComes() throws Exception {
        database().execute(parentAndChild("w_ob_"));
        SourceTable parents = new SourceTable("w_ob_parents", ROW);
        SourceTable children = new SourceTable("w_ob_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        try (WriterHarness sink = WriterHarness.open(config, "w-ob", partition("w_ob_parents"),
                partition("w_ob_children"))) {
            Snapshots c = new Snapshots("w_ob_children", children);
            sink.write(c.of(10, child(children, 1, 7), child(children, 2, 8)));
            assertThat(sink.writer.parkedRecords()).as("both children wait for their parents").isEqualTo(2);
            // The children's table is truncated in the source, child 2 inserted again, re-snapshotted.
            sink.write(c.of(20, child(children, 2, 8)));
            assertThat(sink.writer.parkedRecords()).as("child 2 at V0 20 waits in place of its version 10").isEqualTo(2);
            assertThat(sink.writer.counters().superseded()).as("child 2 at version 10").isEqualTo(1);
        }
        // Restarted, the task retries every parked record with its first batch: the one bringing the parents.
        try (WriterHarness sink = WriterHarness.open(config, "w-ob", partition("w_ob_parents"),
                partition("w_ob_children"))) {
            Snapshots p = new Snapshots("w_ob_parents", parents);
            sink.write(p.event(parents.create(row(parents, 7, "seven"), 5)), p.event(parents.create(row(parents, 8, "eight"), 6)));

            assertThat(sink.writer.parkedRecords()).isZero();
            assertThat(sink.writer.counters().duplicates()).as("child 1 at version 10, older than the reconciled V0 20")
                    .isEqualTo(1);
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.rowsById("w_ob_children", "parent_id")).as("child 1 (version 10 < V0 20) stays out")
                .isEqualTo(Map.of(2, List.of("8")));
        assertThat(database().rows("SELECT " + target.quote("row_key") + " FROM " + target.quote("ctsync_sink_parked")
                + " WHERE " + target.quote("connector_name") + " = 'w-ob'")).as("w-ob's parked records").isEmpty();
    }

    /** The pending reconciliation deletes of a connector, as {@code table row_key}. */
    private List<String> pendingDeletes(String connector) {
        return database().rows("SELECT " + target.quote("target_table") + ", " + target.quote("row_key") + " FROM "
                        + target.quote("ctsync_sink_reconcile_pending") + " WHERE " + target.quote("connector_name") + " = '"
                        + connector + "'").stream()
                .map(row -> row.values().stream().map(String::valueOf).collect(Collectors.joining(" ")))
                .toList();
    }

    /** Records of one single-partition topic as a ctsync source writes them: snapshots framed by markers, changes. */
    private static final class Snapshots {
        private final String topic;
        private final SourceTable table;
        private long offset;

        Snapshots(String topic, SourceTable table) {
            this.topic = topic;
            this.table = table;
        }

        /** A snapshot anchored at {@code v0} bringing these rows. */
        SinkRecord[] of(long v0, Struct... rows) {
            List<SinkRecord> records = new ArrayList<>();
            records.add(marker(SnapshotControl.Kind.BEGIN, v0));
            for (Struct row : rows) {
                records.add(event(table.create(row, v0)));
            }
            records.add(marker(SnapshotControl.Kind.END, v0));
            return records.toArray(SinkRecord[]::new);
        }

        SinkRecord event(Struct event) {
            return WriterHarness.event(topic, offset++, table, event);
        }

        private SinkRecord marker(SnapshotControl.Kind kind, long v0) {
            var control = new SnapshotControl(kind,
                    SnapshotControl.snapshotId(v0), v0, 0, 1, "erp", "sales", "dbo", topic, 0L);
            var headers = new ConnectHeaders()
                    .addString(SnapshotControl.HEADER, kind.value());
            return new SinkRecord(topic, 0, null, null, table.envelopeSchema(), table.marker(control), offset++, null,
                    TimestampType.NO_TIMESTAMP_TYPE, headers);
        }
    }

    @Test
    void aParkedRecordWhoseParentNeverComesIsDeadLetteredAfterTheRetryTime() throws Exception {
        database().execute(parentAndChild("w_orphan_"));
        SourceTable parents = new SourceTable("w_orphan_parents", ROW);
        SourceTable children = new SourceTable("w_orphan_children", CHILD);
        Map<String, String> config = tolerant(withForeignKeys(WriterHarness.config(database())));
        config.put("fk.retry.max.ms", "1");
        try (WriterHarness sink = WriterHarness.open(config, "w-orphan", partition("w_orphan_children"),
                partition("w_orphan_parents"))) {
            sink.write(event("w_orphan_children", 0, children, children.create(child(children, 1, 99), 1)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            Thread.sleep(5);
            // A batch of new records retries every parked record: this one's time is up.
            sink.write(event("w_orphan_parents", 0, parents, parents.create(row(parents, 8, "another parent"), 2)));
            assertThat(sink.writer.parkedRecords()).isZero();
            assertThat(sink.reported).singleElement().satisfies(letter -> {
                assertThat(letter.record().kafkaOffset()).isZero();
                assertThat(header(letter.record(), DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_FOREIGN_KEY);
            });
        }
        assertThat(target.count("w_orphan_children")).isZero();
        assertThat(target.rowsById("w_orphan_parents", "name")).isEqualTo(Map.of(8, List.of("another parent")));
        assertThat(target.storedOffsets("w-orphan")).containsEntry("w_orphan_children-0", 1L);
    }

    @Test
    void aLaterEventOfAParkedRowSupersedesItBeforeAndAfterARestart() throws Exception {
        database().execute(parentAndChild("w_sup_"));
        SourceTable parents = new SourceTable("w_sup_parents", ROW);
        SourceTable children = new SourceTable("w_sup_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        TopicPartition[] partitions = {partition("w_sup_children"), partition("w_sup_parents")};
        try (WriterHarness sink = WriterHarness.open(config, "w-sup", partitions)) {
            sink.write(event("w_sup_parents", 0, parents, parents.create(row(parents, 7, "parent"), 1)),
                    event("w_sup_children", 0, children, children.create(child(children, 1, 7), 2)),
                    event("w_sup_children", 1, children, children.create(child(children, 2, 7), 3)));
            // Child 1 moves to a parent the target does not have, then back (the next batch, its record not yet due).
            sink.write(event("w_sup_children", 2, children, children.update(child(children, 1, 99), 4)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            sink.write(event("w_sup_children", 3, children, children.update(child(children, 1, 7), 5)));
            assertThat(sink.writer.parkedRecords()).as("superseded by the move back").isZero();
            assertThat(sink.writer.counters().superseded()).isEqualTo(1);
            assertThat(target.rowsById("w_sup_children", "parent_id")).containsEntry(1, List.of("7"));
            // Child 2 moves to a missing parent; the writer stops with it parked.
            sink.write(event("w_sup_children", 4, children, children.update(child(children, 2, 98), 6)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
        }
        assertThat(parkedRows("w-sup")).isEqualTo(1);

        try (WriterHarness sink = WriterHarness.open(config, "w-sup", partitions)) {
            assertThat(sink.writer.parkedRecords()).as("reloaded from the parked table").isEqualTo(1);
            sink.write(event("w_sup_children", 5, children, children.delete(2, 7)));
            assertThat(sink.writer.parkedRecords()).as("superseded by the row's delete").isZero();
            assertThat(sink.writer.counters().superseded()).isEqualTo(1);
            // The missing parents arrive after all: nothing parked is applied over the newer state.
            sink.write(event("w_sup_parents", 1, parents, parents.create(row(parents, 99, "late"), 8)),
                    event("w_sup_parents", 2, parents, parents.create(row(parents, 98, "late"), 9)));
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.rowsById("w_sup_children", "parent_id")).isEqualTo(Map.of(1, List.of("7")));
        assertThat(parkedRows("w-sup")).isZero();
        assertThat(target.storedOffsets("w-sup")).containsEntry("w_sup_children-0", 6L);
    }

    @Test
    void aRowThatKeepsChangingWhileItsParentNeverComesIsDeadLetteredOnceItsFirstParkingExpires() throws Exception {
        database().execute(parentAndChild("w_churn_"));
        SourceTable parents = new SourceTable("w_churn_parents", ROW);
        SourceTable children = new SourceTable("w_churn_children", CHILD);
        Map<String, String> config = tolerant(withForeignKeys(WriterHarness.config(database())));
        config.put("fk.retry.max.ms", "400");
        try (WriterHarness sink = WriterHarness.open(config, "w-churn", partition("w_churn_children"),
                partition("w_churn_parents"))) {
            sink.write(event("w_churn_parents", 0, parents, parents.create(row(parents, 7, "parent"), 1)),
                    event("w_churn_children", 0, children, children.create(child(children, 1, 7), 2)));
            sink.write(event("w_churn_children", 1, children, children.update(child(children, 1, 99), 3)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            Thread.sleep(450);
            // The row changes again, to another missing parent: the new event takes the parked one's place and its
            // clock, which has run out, so it is dead-lettered instead of waiting another fk.retry.max.ms.
            sink.write(event("w_churn_children", 2, children, children.update(child(children, 1, 98), 4)));
            assertThat(sink.writer.parkedRecords()).isZero();
            assertThat(sink.writer.counters().superseded()).isEqualTo(1);
            assertThat(sink.reported).singleElement().satisfies(letter -> {
                assertThat(letter.record().kafkaOffset()).isEqualTo(2);
                assertThat(header(letter.record(), DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_FOREIGN_KEY);
            });
        }
        assertThat(target.rowsById("w_churn_children", "parent_id")).isEqualTo(Map.of(1, List.of("7")));
        assertThat(parkedRows("w-churn")).isZero();
    }

    @Test
    void aLaterEventAlsoRefusedForAForeignKeyIsParkedInsteadAndAnOlderVersionSupersedesNothing() throws Exception {
        database().execute(parentAndChild("w_swap_"));
        SourceTable parents = new SourceTable("w_swap_parents", ROW);
        SourceTable children = new SourceTable("w_swap_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        TopicPartition[] partitions = {partition("w_swap_children"), partition("w_swap_parents")};
        try (WriterHarness sink = WriterHarness.open(config, "w-swap", partitions)) {
            sink.write(event("w_swap_parents", 0, parents, parents.create(row(parents, 7, "parent"), 1)),
                    event("w_swap_children", 0, children, children.create(child(children, 1, 7), 2)));
            sink.write(event("w_swap_children", 1, children, children.update(child(children, 1, 99), 5)));
            // An event with an older version after it (redelivered from elsewhere): the gate holds it back.
            sink.write(event("w_swap_children", 2, children, children.update(child(children, 1, 7), 3)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            assertThat(sink.writer.counters().duplicates()).isEqualTo(1);
            assertThat(sink.writer.counters().superseded()).isZero();
            assertThat(target.rowsById("w_swap_children", "parent_id")).containsEntry(1, List.of("7"));
            // A newer event that needs another missing parent takes the parked record's place.
            sink.write(event("w_swap_children", 3, children, children.update(child(children, 1, 98), 6)));
            assertThat(sink.writer.parkedRecords()).isEqualTo(1);
            assertThat(sink.writer.counters().superseded()).isEqualTo(1);
            assertThat(sink.writer.counters().parked()).isEqualTo(2);
        }
        assertThat(parkedRows("w-swap")).isEqualTo(1);

        try (WriterHarness sink = WriterHarness.open(config, "w-swap", partitions)) {
            // Both parents arrive; the first batch after a restart retries every parked record after its rows.
            sink.write(event("w_swap_parents", 1, parents, parents.create(row(parents, 98, "new"), 7)),
                    event("w_swap_parents", 2, parents, parents.create(row(parents, 99, "old"), 8)));
            assertThat(sink.writer.parkedRecords()).isZero();
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.rowsById("w_swap_children", "parent_id")).isEqualTo(Map.of(1, List.of("98")));
        assertThat(parkedRows("w-swap")).isZero();
    }

    @Test
    void withinABatchALaterEventOfARowAForeignKeyRefusedSupersedesTheRefusedOne() throws Exception {
        database().execute(parentAndChild("w_same_"));
        SourceTable parents = new SourceTable("w_same_parents", ROW);
        SourceTable children = new SourceTable("w_same_children", CHILD);
        Map<String, String> config = withForeignKeys(WriterHarness.config(database()));
        config.put("use.reduction", "false");
        try (WriterHarness sink = WriterHarness.open(config, "w-same", partition("w_same_children"),
                partition("w_same_parents"))) {
            sink.write(event("w_same_parents", 0, parents, parents.create(row(parents, 7, "parent"), 1)));
            sink.write(event("w_same_children", 0, children, children.create(child(children, 1, 99), 2)),
                    event("w_same_children", 1, children, children.update(child(children, 1, 7), 3)),
                    event("w_same_children", 2, children, children.create(child(children, 2, 98), 4)),
                    event("w_same_children", 3, children, children.update(child(children, 2, 97), 5)));
            assertThat(sink.writer.parkedRecords()).as("child 2's last event, in place of its first").isEqualTo(1);
            assertThat(sink.writer.counters().superseded()).isEqualTo(2);
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.rowsById("w_same_children", "parent_id")).isEqualTo(Map.of(1, List.of("7")));
        assertThat(database().rows("SELECT " + target.quote("kafka_offset") + " FROM " + target.quote("ctsync_sink_parked")
                + " WHERE " + target.quote("connector_name") + " = 'w-same'")).singleElement()
                .satisfies(row -> assertThat(((Number) row.values().iterator().next()).longValue()).isEqualTo(3L));
    }

    @Test
    void offsetsAreStoredWithTheBatchAndARestartedWriterSeeksToThemAndSkipsWhatTheTargetHolds() throws Exception {
        String topic = "w_offsets";
        SourceTable t = new SourceTable(topic, ROW);
        Map<String, String> config = WriterHarness.config(database());
        try (WriterHarness sink = WriterHarness.open(config, "w-offsets", partition(topic))) {
            assertThat(sink.seeks).isEmpty();
            sink.write(event(topic, 0, t, t.create(row(t, 1, "a"), 1)), event(topic, 1, t, t.create(row(t, 2, "b"), 2)));
            assertThat(sink.writer.committed()).isEqualTo(Map.of(partition(topic), 2L));
        }
        assertThat(target.storedOffsets("w-offsets")).isEqualTo(Map.of(topic + "-0", 2L));

        try (WriterHarness sink = WriterHarness.open(config, "w-offsets", partition(topic))) {
            assertThat(sink.seeks).containsExactly(Map.of(partition(topic), 2L));
            // Kafka redelivers from its own older position: what the target holds is skipped, even unversioned.
            sink.write(new SinkRecord(topic, 0, t.keySchema(), t.key(2), ROW, row(t, 2, "redelivered"), 1),
                    event(topic, 2, t, t.create(row(t, 3, "c"), 3)));
            assertThat(sink.writer.committed()).isEqualTo(Map.of(partition(topic), 3L));
        }
        assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("a"), 2, List.of("b"), 3, List.of("c")));
        assertThat(target.storedOffsets("w-offsets")).isEqualTo(Map.of(topic + "-0", 3L));
    }

    @Test
    void aSecondWriterOfThePartitionIsFencedAndItsBatchRolledBack() throws Exception {
        String topic = "w_fence";
        SourceTable t = new SourceTable(topic, ROW);
        Map<String, String> config = WriterHarness.config(database());
        try (WriterHarness first = WriterHarness.open(config, "w-fence", partition(topic));
             WriterHarness zombie = WriterHarness.open(config, "w-fence", partition(topic))) {
            first.write(event(topic, 0, t, t.create(row(t, 1, "first"), 1)));

            assertThatThrownBy(() -> zombie.write(event(topic, 0, t, t.create(row(t, 2, "zombie"), 2))))
                    .isInstanceOf(OffsetsFencedException.class);
            assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("first")));
            assertThat(target.storedOffsets("w-fence")).isEqualTo(Map.of(topic + "-0", 1L));

            // Fenced, it re-reads the stored offset and seeks there; the records it held come again from Kafka.
            zombie.write(event(topic, 0, t, t.create(row(t, 2, "zombie"), 2)));
            assertThat(zombie.seeks).containsExactly(Map.of(partition(topic), 1L));
            assertThat(zombie.writer.committed()).isEqualTo(Map.of(partition(topic), 1L));
        }
        assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("first")));
    }

    @Test
    void aRecordTheDatabaseRefusesIsReportedAndTheRestOfItsBatchCommits() throws Exception {
        database().execute("CREATE TABLE w_refused (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, __ctsync_version BIGINT)");
        String topic = "w_refused";
        SourceTable t = new SourceTable(topic, ROW);
        try (WriterHarness sink = WriterHarness.open(tolerant(WriterHarness.config(database())), "w-refused",
                partition(topic))) {
            sink.write(event(topic, 0, t, t.create(row(t, 1, "one"), 1)), event(topic, 1, t, t.create(row(t, 2, null), 2)),
                    event(topic, 2, t, t.create(row(t, 3, "three"), 3)));

            assertThat(sink.reported).singleElement().satisfies(letter -> {
                assertThat(letter.record().kafkaOffset()).isEqualTo(1);
                assertThat(header(letter.record(), DeadLetterHeaders.STAGE)).isEqualTo(DeadLetterHeaders.STAGE_WRITE);
                assertThat(header(letter.record(), DeadLetterHeaders.TABLE)).isEqualTo("w_refused");
                assertThat(letter.error()).isInstanceOf(RecordFailure.class);
            });
            assertThat(sink.writer.counters().deadLetters()).isEqualTo(1);
            assertThat(sink.writer.counters().isolatedBatches()).isEqualTo(1);
        }
        assertThat(target.rowsById(topic, "name")).isEqualTo(Map.of(1, List.of("one"), 3, List.of("three")));
        assertThat(target.storedOffsets("w-refused")).isEqualTo(Map.of(topic + "-0", 3L));
    }

    @Test
    void withoutToleranceARefusedRecordFailsTheBatchNamingItAndNothingOfItCommits() throws Exception {
        database().execute("CREATE TABLE w_strict (id INT PRIMARY KEY, name VARCHAR(20) NOT NULL, __ctsync_version BIGINT)");
        String topic = "w_strict";
        SourceTable t = new SourceTable(topic, ROW);
        try (WriterHarness sink = WriterHarness.open(WriterHarness.config(database()), "w-strict", partition(topic))) {
            assertThatThrownBy(() -> sink.write(event(topic, 0, t, t.create(row(t, 1, "one"), 1)),
                    event(topic, 1, t, t.create(row(t, 2, null), 2))))
                    .isInstanceOf(RecordFailure.class).hasMessageContaining("offset=1").hasMessageContaining("w_strict");
            assertThat(sink.reported).isEmpty();
        }
        assertThat(target.count(topic)).isZero();
        assertThat(target.storedOffsets("w-strict")).isEmpty();
    }

    /** The records the connector has in the parked table. */
    private long parkedRows(String connector) {
        return ((Number) database().value("SELECT COUNT(*) FROM " + target.quote("ctsync_sink_parked") + " WHERE "
                + target.quote("connector_name") + " = '" + connector + "'")).longValue();
    }

    private static Map<String, String> tolerant(Map<String, String> config) {
        config.put("errors.tolerance", "all");
        return config;
    }

    private String[] parentAndChild(String prefix) {
        return new String[] {
            "CREATE TABLE " + prefix + "parents (id INT PRIMARY KEY, name VARCHAR(40))",
            "CREATE TABLE " + prefix + "children (id INT PRIMARY KEY, parent_id INT NOT NULL, "
                    + "FOREIGN KEY (parent_id) REFERENCES " + prefix + "parents (id))"};
    }

    /** The columns of a table that holds at least one row. */
    private List<String> columns(String table) {
        List<Map<String, Object>> rows = database().rows("SELECT * FROM " + target.quote(table));
        assertThat(rows).as("rows of " + table).isNotEmpty();
        return List.copyOf(rows.get(0).keySet());
    }

    private static Struct row(SourceTable table, int id, String name) {
        return table.newRow().put("id", id).put("name", name);
    }

    private static Struct child(SourceTable table, int id, int parentId) {
        return table.newRow().put("id", id).put("parent_id", parentId);
    }

    private static TopicPartition partition(String topic) {
        return new TopicPartition(topic, 0);
    }

    private static String header(SinkRecord record, String name) {
        Header header = record.headers().lastWithName(name);
        return header == null ? null : String.valueOf(header.value());
    }
}
