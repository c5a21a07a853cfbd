package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.events;
import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.RowFilter;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Row filters ({@code table.filter.dbo.items}) over the Change Tracking model: the snapshot brings matching rows only;
 * a changed row is emitted when it matches now and as a delete of its key when it does not (Change Tracking has no
 * before-image, so a row that left the filter and one that never matched look alike); the offsets carry the filter's
 * fingerprint, and a task that starts under another filter snapshots the table again, framed by markers.
 */
class RowFilterCaptureTest {

    private static final String FILTER = SourceConnectorConfig.TABLE_FILTER_PREFIX + "dbo.items";

    private static CaptureHarness harness(String filter) {
        CaptureHarness h = new CaptureHarness("items").with(FILTER, filter);
        Items.create(h.model, "items", false);
        return h;
    }

    private static List<String> keyOps(List<SourceRecord> records) {
        return events(records).stream().map(r -> keyOf(r) + ":" + op(r)).toList();
    }

    private static Struct after(SourceRecord record) {
        return ((Struct) record.value()).getStruct("after");
    }

    @Test
    void theSnapshotBringsOnlyTheRowsTheFilterMatches() {
        CaptureHarness h = harness("(qty BETWEEN 2 AND 3 OR id IN (6, 7)) AND NOT name LIKE '%7' AND name IS NOT NULL");
        Items.insertRange(h.model, "items", 1, 8);
        h.model.transaction(tx -> Items.set(tx, "items", 3, "name", null));

        List<SourceRecord> snapshot = h.start().drain();

        assertThat(keyOps(snapshot)).as("2 and 3 by qty, 6 and 7 by id; 7 fails NOT LIKE, 3 has a NULL name")
                .containsExactly("2:r", "6:r");
    }

    @Test
    void aRowThatLeavesTheFilterBecomesADeleteOfItsKey() {
        CaptureHarness h = harness("qty >= 10");
        h.model.insert("dbo", "items", Items.row(1, "big", 10));
        h.start().drain();
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 5));

        List<SourceRecord> records = h.drain();

        assertThat(records).extracting(CaptureHarness::op).containsExactly("d", "tombstone");
        assertThat(keyOf(records.get(0))).isEqualTo(1);
        assertThat(CaptureHarness.source(records.get(0)).getInt64("change_version")).isEqualTo(h.model.currentVersion());
    }

    @Test
    void aRowThatStartsMatchingIsEmittedWithItsCurrentValues() {
        CaptureHarness h = harness("qty >= 10");
        h.model.insert("dbo", "items", Items.row(1, "small", 1));
        assertThat(keyOps(h.start().drain())).isEmpty();
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 12));
        h.model.transaction(tx -> Items.set(tx, "items", 1, "name", "grown"));

        List<SourceRecord> records = events(h.drain());

        assertThat(records).extracting(CaptureHarness::op).as("an update, which the sink applies as an upsert")
                .containsExactly("u");
        assertThat(after(records.get(0)).getInt32("qty")).isEqualTo(12);
        assertThat(after(records.get(0)).getString("name")).isEqualTo("grown");
    }

    @Test
    void changesOfRowsThatNeverMatchAreDeletesAndMatchingOnesPassAsToday() {
        CaptureHarness h = harness("name LIKE 'keep%'");
        h.start().drain();
        h.model.transaction(tx -> tx.insert("dbo", "items", Items.row(1, "keep one", 1))
                .insert("dbo", "items", Items.row(2, "drop two", 2)));
        h.model.transaction(tx -> Items.set(tx, "items", 2, "qty", 20));
        h.model.transaction(tx -> tx.insert("dbo", "items", Items.row(3, "KEEP three", 3)));
        h.model.delete("dbo", "items", List.of(1));

        List<SourceRecord> records = h.drain();

        assertThat(keyOps(records)).as("2 never matched: a delete of a key the target never had, harmless; 'KEEP' "
                + "matches under the case-insensitive default collation").containsExactly("2:d", "3:c", "1:d");
    }

    @Test
    void offsetsAndHeartbeatsCarryTheFilterFingerprintAndAnUnchangedFilterResumesWithoutASnapshot() {
        CaptureHarness h = new CaptureHarness("items", "others").with(FILTER, "qty > 1");
        Items.create(h.model, "items", false);
        Items.create(h.model, "others", false);
        Items.insertRange(h.model, "items", 1, 3);
        h.start().drain();
        String fingerprint = new RowFilter("qty > 1").fingerprint();
        assertThat(h.committedOffset("items").get(TableAnchor.ROW_FILTER)).isEqualTo(fingerprint);

        long version = Items.insertRange(h.model, "others", 1, 1);
        h.advanceClock(5_000);
        List<SourceRecord> idle = h.drain();

        assertThat(idle).extracting(CaptureHarness::op).as("the event of others, the heartbeat of the idle items")
                .containsExactlyInAnyOrder("c", "heartbeat");
        assertThat(h.committedOffset("items").get("version")).isEqualTo(version);
        assertThat(h.committedOffset("items").get(TableAnchor.ROW_FILTER)).isEqualTo(fingerprint);
        assertThat(h.committedOffset("others")).as("a table without a filter").doesNotContainKey(TableAnchor.ROW_FILTER);

        h.start();
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 7));
        assertThat(keyOps(h.drain())).as("resumed from the anchor: no second snapshot").containsExactly("1:u");
    }

    @Test
    void aChangedFilterSnapshotsTheTableAgainBetweenMarkersSoTheSinkDropsTheRowsOutsideIt() {
        CaptureHarness h = harness("qty <= 2").with(SourceConnectorConfig.SNAPSHOT_MARKERS, true)
                .with("topic.creation.default.partitions", 1).with("topic.creation.default.replication.factor", 1);
        Items.insertRange(h.model, "items", 1, 4);
        assertThat(h.start().drain()).extracting(CaptureHarness::op)
                .containsExactly("snapshot-begin", "r", "r", "snapshot-end");

        h.with(FILTER, "qty >= 3").start();
        List<SourceRecord> again = h.drain();

        assertThat(again).extracting(r -> SnapshotControl.isControl(r.headers()) ? op(r) : keyOf(r) + ":" + op(r))
                .containsExactly("snapshot-begin", "3:r", "4:r", "snapshot-end");
        assertThat(h.committedOffset("items").get(TableAnchor.ROW_FILTER))
                .isEqualTo(new RowFilter("qty >= 3").fingerprint());

        h.props.remove(FILTER);
        h.start();
        assertThat(h.drain()).as("a removed filter brings every row again")
                .extracting(r -> SnapshotControl.isControl(r.headers()) ? op(r) : keyOf(r) + ":" + op(r))
                .containsExactly("snapshot-begin", "1:r", "2:r", "3:r", "4:r", "snapshot-end");
        assertThat(h.committedOffset("items")).doesNotContainKey(TableAnchor.ROW_FILTER);
    }

    @Test
    void aChangedFilterSnapshotsAgainEvenWhenSnapshotModeIsNever() {
        CaptureHarness h = harness("qty = 1").with(SourceConnectorConfig.SNAPSHOT_MODE, "never");
        h.start().drain();
        Items.insertRange(h.model, "items", 1, 2);
        assertThat(keyOps(h.drain())).containsExactly("1:c", "2:d");

        h.with(FILTER, "qty = 2").start();

        assertThat(keyOps(h.drain())).as("only the table whose filter changed, and only its matching rows")
                .containsExactly("2:r");
    }

    @Test
    void aFilterQualifiedByTheDatabaseWinsAndOnlyItsOwnChangeSnapshotsTheTableAgain() {
        CaptureHarness h = harness("qty = 1");
        String own = SourceConnectorConfig.TABLE_FILTER_PREFIX + h.model.name() + ".dbo.items";
        String other = SourceConnectorConfig.TABLE_FILTER_PREFIX + "elsewhere.dbo.items";
        h.with(own, "qty = 2").with(other, "qty = 3");
        Items.insertRange(h.model, "items", 1, 3);

        assertThat(keyOps(h.start().drain())).as("this database's qualified filter, not the unqualified one")
                .containsExactly("2:r");
        assertThat(h.committedOffset("items").get(TableAnchor.ROW_FILTER))
                .isEqualTo(new RowFilter("qty = 2").fingerprint());

        h.with(FILTER, "qty >= 1").with(other, "qty >= 1").start();
        h.model.transaction(tx -> Items.set(tx, "items", 2, "name", "renamed"));
        assertThat(keyOps(h.drain())).as("filters of the table in other databases changed, not this one's: no snapshot")
                .containsExactly("2:u");

        h.props.remove(own);
        h.start();
        assertThat(keyOps(h.drain())).as("without its qualified filter the unqualified one applies: a new snapshot")
                .containsExactly("1:r", "2:r", "3:r");
    }
}
