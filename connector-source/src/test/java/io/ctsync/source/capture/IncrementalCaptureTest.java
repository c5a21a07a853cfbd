package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.events;
import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static io.ctsync.source.capture.CaptureHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.TrackingException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class IncrementalCaptureTest {

    /** A harness past its (empty) snapshot, following changes from the current version. */
    private static CaptureHarness following(boolean trackColumns, String... extraOptions) {
        CaptureHarness h = new CaptureHarness("items");
        for (int i = 0; i < extraOptions.length; i += 2) {
            h.with(extraOptions[i], extraOptions[i + 1]);
        }
        Items.create(h.model, "items", trackColumns);
        h.start().drain();
        return h;
    }

    @Test
    void operationsBecomeCreateUpdateDeleteWithATombstone() {
        CaptureHarness h = following(false);
        long v1 = Items.insertRange(h.model, "items", 1, 1);
        List<SourceRecord> create = h.drain();
        h.model.transaction(tx -> Items.set(tx, "items", 1, "name", "renamed"));
        List<SourceRecord> update = h.drain();
        long v3 = h.model.delete("dbo", "items", List.of(1));
        List<SourceRecord> delete = h.drain();

        assertThat(events(create)).extracting(CaptureHarness::op).containsExactly("c");
        assertThat(source(create.get(0)).getInt64("change_version")).isEqualTo(v1);
        assertThat(source(create.get(0)).getInt64("creation_version")).isEqualTo(v1);
        assertThat(((Struct) update.get(0).value()).getStruct("after").getString("name")).isEqualTo("renamed");
        assertThat(update).extracting(CaptureHarness::op).containsExactly("u");
        assertThat(delete).extracting(CaptureHarness::op).containsExactly("d", "tombstone");
        Struct before = ((Struct) delete.get(0).value()).getStruct("before");
        assertThat(before.getInt32("id")).isEqualTo(1);
        assertThat(before.getString("name")).as("no before image in Change Tracking: key only").isNull();
        assertThat(source(delete.get(0)).getInt64("change_version")).isEqualTo(v3);
        assertThat(delete.get(1).key()).isEqualTo(delete.get(0).key());
    }

    @Test
    void tombstonesCanBeTurnedOff() {
        CaptureHarness h = following(false, SourceConnectorConfig.TOMBSTONES_ON_DELETE, "false");
        Items.insertRange(h.model, "items", 1, 1);
        h.model.delete("dbo", "items", List.of(1));

        assertThat(h.drain()).extracting(CaptureHarness::op).containsExactly("d");
    }

    @Test
    void netChangesBetweenPollsGiveTheRightEvents() {
        CaptureHarness h = following(false);
        Items.insertRange(h.model, "items", 1, 3);
        h.drain();
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(1)).insert("dbo", "items", Items.row(1, "again", 1)));
        h.model.transaction(tx -> Items.set(tx, "items", 2, "id", 20));
        h.model.transaction(tx -> tx.insert("dbo", "items", Items.row(4, "short-lived", 4)));
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(4)));

        List<SourceRecord> records = events(h.drain());

        assertThat(records).extracting(r -> keyOf(r) + ":" + op(r))
                .as("delete+reinsert is an update; a key update is delete+create; insert+delete a delete")
                .containsExactly("1:u", "2:d", "20:c", "4:d");
    }

    @Test
    void aTransactionLargerThanAPageIsSplitAndOffsetsInsideItCarryACursor() {
        CaptureHarness h = following(false, SourceConnectorConfig.BATCH_MAX_ROWS, "4");
        long big = Items.insertRange(h.model, "items", 1, 10);

        List<SourceRecord> first = h.poll();

        assertThat(first).extracting(CaptureHarness::keyOf).containsExactly(1, 2, 3, 4);
        assertThat(TableAnchor.fromMap(first.get(3).sourceOffset()))
                .isEqualTo(IncrementalAnchor.within(big - 1, big, List.of("4")));
        List<SourceRecord> rest = h.drain();
        assertThat(events(rest)).extracting(CaptureHarness::keyOf).containsExactly(5, 6, 7, 8, 9, 10);
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(big));
    }

    @Test
    void aRestartInsideAVersionResumesExactlyAfterTheLastCommittedChange() {
        CaptureHarness h = following(false, SourceConnectorConfig.BATCH_MAX_ROWS, "4");
        Items.insertRange(h.model, "items", 1, 10);
        h.poll();                   // 1-4 committed
        h.pollAndCrashAfter(1);     // 5-8 read, 5 committed, then the task dies

        List<SourceRecord> afterRestart = events(h.drain());

        assertThat(afterRestart).extracting(CaptureHarness::keyOf).containsExactly(6, 7, 8, 9, 10);
        assertThat(events(h.delivered).stream().map(CaptureHarness::keyOf))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 10).boxed().toList());
    }

    @Test
    void offsetsSitOnVersionBoundariesWhenAVersionIsComplete() {
        CaptureHarness h = following(false, SourceConnectorConfig.BATCH_MAX_ROWS, "3");
        long v1 = Items.insertRange(h.model, "items", 1, 2);
        long v2 = Items.insertRange(h.model, "items", 3, 3);
        long v3 = Items.insertRange(h.model, "items", 4, 5);

        List<SourceRecord> page = h.poll();

        assertThat(page).extracting(r -> TableAnchor.fromMap(r.sourceOffset())).containsExactly(
                IncrementalAnchor.within(0, v1, List.of("1")), IncrementalAnchor.at(v1), IncrementalAnchor.at(v2));
        assertThat(events(h.drain())).extracting(CaptureHarness::keyOf).containsExactly(4, 5);
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(v3).toMap());
    }

    @Test
    void updatesListTheChangedColumnsAndAllColumnsForANullMask() {
        CaptureHarness h = following(true);
        Items.insertRange(h.model, "items", 1, 2);
        h.drain();
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 7));
        h.model.transaction(tx -> tx.update("dbo", "items", List.of(2), Map.of("name", "n", "qty", 8)));

        List<SourceRecord> updates = events(h.drain());

        assertThat(source(updates.get(0)).getArray("changed_columns")).containsExactly("qty");
        assertThat(source(updates.get(1)).getArray("changed_columns")).as("NULL mask: every column")
                .containsExactly("name", "qty");
    }

    @Test
    void changedColumnsAreNullWhenTheTableDoesNotTrackThem() {
        CaptureHarness h = following(false);
        Items.insertRange(h.model, "items", 1, 1);
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 7));

        assertThat(events(h.drain())).singleElement().satisfies(r -> assertThat(source(r).get("changed_columns")).isNull());
    }

    @Test
    void changesWrittenWithTheExcludedContextAreSkippedButTheAnchorMovesOn() {
        CaptureHarness h = following(false, SourceConnectorConfig.CHANGE_CONTEXT_EXCLUDE, "0x6374");
        h.model.transaction(new byte[] {0x63, 0x74}, tx -> tx.insert("dbo", "items", Items.row(1, "echo", 1)));
        long local = h.model.transaction(new byte[] {0x01}, tx -> tx.insert("dbo", "items", Items.row(2, "local", 2)));
        long echo = h.model.transaction(new byte[] {0x63, 0x74}, tx -> tx.insert("dbo", "items", Items.row(3, "echo", 3)));

        List<SourceRecord> records = h.drain();

        assertThat(events(records)).singleElement().satisfies(r -> {
            assertThat(keyOf(r)).isEqualTo(2);
            assertThat(source(r).getString("context")).isEqualTo("01");
            assertThat(source(r).getInt64("change_version")).isEqualTo(local);
        });
        h.advanceClock(1_000);
        h.poll();
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(echo).toMap());
    }

    @Test
    void aTransientFailureLosesNothing() {
        CaptureHarness h = following(false, SourceConnectorConfig.BATCH_MAX_ROWS, "3");
        Items.insertRange(h.model, "items", 1, 5);
        h.model.faults().failChangePage(1, true);

        assertThatThrownBy(h::poll).isInstanceOf(TrackingException.class)
                .satisfies(e -> assertThat(((TrackingException) e).isTransient()).isTrue());

        assertThat(events(h.drain())).extracting(CaptureHarness::keyOf).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void tablesShareACycleFairlyAndOneTransactionHasOneVersionAcrossThem() {
        CaptureHarness h = new CaptureHarness("a", "b").with(SourceConnectorConfig.BATCH_MAX_ROWS, "2");
        Items.create(h.model, "a", false);
        Items.create(h.model, "b", false);
        h.start().drain();
        long v = h.model.transaction(tx -> {
            for (int i = 1; i <= 3; i++) {
                tx.insert("dbo", "a", Items.row(i, "a", i)).insert("dbo", "b", Items.row(i, "b", i));
            }
        });

        List<SourceRecord> all = events(h.drain());

        assertThat(all).hasSize(6).allSatisfy(r -> assertThat(source(r).getInt64("change_version")).isEqualTo(v));
        assertThat(CaptureHarness.onTopic(all, ".a")).extracting(CaptureHarness::keyOf).containsExactly(1, 2, 3);
        assertThat(CaptureHarness.onTopic(all, ".b")).extracting(CaptureHarness::keyOf).containsExactly(1, 2, 3);
    }
}
