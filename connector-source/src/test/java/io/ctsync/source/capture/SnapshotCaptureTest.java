package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static io.ctsync.source.capture.CaptureHarness.source;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.ctmodel.ModelColumn;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SnapshotCaptureTest {

    @Test
    void snapshotReadsInKeyOrderChunksAnchoredAtTheVersionReadBeforeIt() {
        CaptureHarness h = new CaptureHarness("items").with(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, 4);
        Items.create(h.model, "items", false);
        long v0 = Items.insertRange(h.model, "items", 1, 10);
        h.start();

        List<SourceRecord> first = h.poll();
        assertThat(first).hasSize(4).allSatisfy(r -> assertThat(op(r)).isEqualTo("r"));
        assertThat(first).extracting(CaptureHarness::keyOf).containsExactly(1, 2, 3, 4);
        assertThat(first.get(3).sourceOffset()).isEqualTo(SnapshotAnchor.after(v0, List.of("4")).toMap());
        assertThat(first).allSatisfy(r -> assertThat(source(r).getInt64("change_version")).isEqualTo(v0));
        assertThat(source(first.get(0)).getString("snapshot")).isEqualTo("true");

        List<SourceRecord> rest = h.drain();
        List<SourceRecord> reads = rest.stream().filter(r -> op(r).equals("r")).toList();
        assertThat(reads).extracting(CaptureHarness::keyOf).containsExactly(5, 6, 7, 8, 9, 10);
        SourceRecord last = reads.get(reads.size() - 1);
        assertThat(source(last).getString("snapshot")).isEqualTo("last");
        assertThat(last.sourceOffset()).isEqualTo(IncrementalAnchor.at(v0).toMap());
    }

    @Test
    void changesDuringTheSnapshotFollowItWithHigherVersions() {
        CaptureHarness h = new CaptureHarness("items").with(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, 2);
        Items.create(h.model, "items", false);
        long v0 = Items.insertRange(h.model, "items", 1, 4);
        h.start().poll();
        long v1 = h.model.transaction(tx -> Items.set(tx, "items", 1, "name", "changed behind the snapshot"));

        List<SourceRecord> rest = CaptureHarness.events(h.drain());

        assertThat(rest).extracting(CaptureHarness::op).containsExactly("r", "r", "u");
        SourceRecord update = rest.get(2);
        assertThat(keyOf(update)).isEqualTo(1);
        assertThat(source(update).getInt64("change_version")).isEqualTo(v1).isGreaterThan(v0);
    }

    @Test
    void snapshotResumesAfterTheLastCommittedRowAfterACrashInMidChunk() {
        CaptureHarness h = new CaptureHarness("items").with(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, 5);
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 12);
        h.start();
        h.poll();                       // rows 1-5 committed
        h.pollAndCrashAfter(2);         // rows 6-10 read, only 6 and 7 committed, then the task dies

        List<SourceRecord> afterRestart = h.drain();

        assertThat(afterRestart.stream().filter(r -> op(r).equals("r")).map(CaptureHarness::keyOf))
                .as("resumes after key 7, not from the start").containsExactly(8, 9, 10, 11, 12);
        assertThat(h.delivered.stream().filter(r -> op(r).equals("r")).map(CaptureHarness::keyOf))
                .containsExactlyElementsOf(IntStream.rangeClosed(1, 12).boxed().toList());
    }

    @Test
    void anEmptyTableEndsItsSnapshotWithAHeartbeatCarryingTheAnchor() {
        CaptureHarness h = new CaptureHarness("items");
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 1);
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(1)));
        long v0 = h.model.currentVersion();
        h.start();

        List<SourceRecord> records = h.poll();

        assertThat(records).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("erp.heartbeat");
            assertThat(r.sourceOffset()).isEqualTo(IncrementalAnchor.at(v0).toMap());
        });
    }

    @Test
    void versionZeroIsAValidAnchor() {
        CaptureHarness h = new CaptureHarness("items");
        Items.create(h.model, "items", false);
        h.start();
        h.drain();
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(0));

        h.start();                      // restart on the version-0 anchor: no second snapshot
        Items.insertRange(h.model, "items", 1, 1);
        List<SourceRecord> records = CaptureHarness.events(h.drain());

        assertThat(records).extracting(CaptureHarness::op).containsExactly("c");
        assertThat(source(records.get(0)).getInt64("change_version")).isEqualTo(1L);
    }

    @Test
    void snapshotModeNeverStartsAtTheCurrentVersion() {
        CaptureHarness h = new CaptureHarness("items").with(SourceConnectorConfig.SNAPSHOT_MODE, "never");
        Items.create(h.model, "items", false);
        long before = Items.insertRange(h.model, "items", 1, 3);
        h.start();
        assertThat(h.poll()).extracting(CaptureHarness::op).doesNotContain("r");
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(before).toMap());
        Items.insertRange(h.model, "items", 4, 4);

        assertThat(CaptureHarness.events(h.drain())).extracting(CaptureHarness::keyOf).containsExactly(4);
    }

    @Test
    void snapshotModeInitialOnlyStopsAfterTheSnapshot() {
        CaptureHarness h = new CaptureHarness("items").with(SourceConnectorConfig.SNAPSHOT_MODE, "initial_only");
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 3);
        h.start();
        assertThat(CaptureHarness.events(h.drain())).extracting(CaptureHarness::op).containsExactly("r", "r", "r");

        Items.insertRange(h.model, "items", 4, 4);

        assertThat(CaptureHarness.events(h.drain())).isEmpty();
    }

    @Test
    void snapshotRowsCarryEveryColumnValue() {
        CaptureHarness h = new CaptureHarness("items");
        h.model.createTable("dbo", "items", ModelColumn.key("id", "int"), ModelColumn.decimal("price", 9, 2),
                ModelColumn.sized("at", "datetime2", 7)).track("dbo", "items", false);
        h.model.insert("dbo", "items", java.util.Map.of("id", 1, "price", new java.math.BigDecimal("12.50"),
                "at", java.time.LocalDateTime.of(2024, 1, 31, 10, 0, 0, 123_456_700)));
        h.start();

        Struct after = ((Struct) h.poll().get(0).value()).getStruct("after");

        assertThat(after.get("price")).isEqualTo(new java.math.BigDecimal("12.50"));
        assertThat(after.getInt64("at")).isEqualTo(1_706_695_200_123_456_700L);
    }
}
