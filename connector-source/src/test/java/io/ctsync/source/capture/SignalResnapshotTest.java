package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.signal.SignalDispatcher;
import io.ctsync.source.signal.SignalMessage;
import io.ctsync.source.signal.SignalParser;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/**
 * Re-snapshotting one table on an execute-snapshot signal, over the Change Tracking model: the table gets a new
 * snapshot at a new V0 framed by new markers while the task's other table keeps streaming; a task killed mid
 * re-snapshot resumes it from its anchor; a signal is executed once per table, also across restarts, and one sent
 * while the task was down is executed when it comes back. The signal topic is a list here: a restarted task reads it
 * again from the lowest position its tables' committed offsets carry, as the Kafka channel does.
 */
class SignalResnapshotTest {

    private final List<SignalMessage> topic = new ArrayList<>();
    private SignalDispatcher dispatcher;
    private int read;

    private CaptureHarness harness() {
        CaptureHarness h = new CaptureHarness("items", "orders")
                .with(SourceConnectorConfig.SNAPSHOT_MARKERS, true)
                .with("topic.creation.default.partitions", 1)
                .with("topic.creation.default.replication.factor", 1)
                .with(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, 2)
                .with(SourceConnectorConfig.BATCH_MAX_ROWS, 3);
        Items.create(h.model, "items", false);
        Items.create(h.model, "orders", false);
        return h;
    }

    /** Starts (or restarts) the engine and its signal reading, as TaskSignals does with the Kafka channel. */
    private void start(CaptureHarness h) {
        h.start();
        Map<TableId, Long> committed = new HashMap<>();
        for (String table : List.of("items", "orders")) {
            Map<String, ?> offset = h.committedOffset(table);
            TableAnchor.signalOffset(offset).ifPresent(p -> committed.put(new TableId("dbo", table), p));
        }
        h.engine.signals().follow(committed, topic.size());
        read = (int) h.engine.signals().applyFrom();
        List<TableId> all = List.of(new TableId("dbo", "items"), new TableId("dbo", "orders"));
        dispatcher = new SignalDispatcher(List.of(new SignalDispatcher.HeldDatabase(h.model.name(), h.engine.signals())),
                new SignalParser("erp"), Map.of(h.model.name(), all), committed.values().stream().mapToLong(Long::longValue).max().orElse(topic.size()));
    }

    private void send(String value) {
        topic.add(new SignalMessage(topic.size(), "erp", value));
    }

    private void resnapshot(CaptureHarness h, String collection) {
        send("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"" + collection
                + "\"],\"type\":\"incremental\"}}");
    }

    /** The poll of a task: the signals that arrived, then one poll cycle. */
    private List<SourceRecord> poll(CaptureHarness h) {
        dispatcher.dispatch(List.copyOf(topic.subList(read, topic.size())));
        read = topic.size();
        return h.poll();
    }

    private List<SourceRecord> drain(CaptureHarness h) {
        List<SourceRecord> all = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            List<SourceRecord> records = poll(h);
            if (records.isEmpty()) {
                return all;
            }
            all.addAll(records);
        }
        throw new AssertionError("never idle");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> offset(CaptureHarness h, String table) {
        return (Map<String, Object>) h.committedOffset(table);
    }

    private static List<String> ops(List<SourceRecord> records, String table) {
        return records.stream().filter(r -> r.topic().endsWith(".dbo." + table))
                .map(r -> SnapshotControl.isControl(r.headers()) ? op(r) : keyOf(r) + ":" + op(r)).toList();
    }

    private static long markerVersion(List<SourceRecord> records, SnapshotControl.Kind kind) {
        return records.stream().filter(r -> SnapshotControl.isControl(r.headers()))
                .map(r -> SnapshotControl.read(r.headers(), r.value()).orElseThrow())
                .filter(m -> m.kind() == kind).findFirst().orElseThrow().snapshotVersion();
    }

    @Test
    void theSignalledTableIsReSnapshottedAtANewV0WhileTheOtherTableStreamsWithoutGap() {
        CaptureHarness h = harness();
        long first = Items.insertRange(h.model, "items", 1, 5);
        Items.insertRange(h.model, "orders", 1, 1);
        start(h);
        drain(h);
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(2)));
        resnapshot(h, h.model.name() + ".dbo.items");

        List<SourceRecord> during = new ArrayList<>();
        long v0 = 0;
        for (int order = 2; order <= 6; order++) {
            if (order == 2) {
                v0 = h.model.currentVersion();
            }
            during.addAll(poll(h));
            Items.insertRange(h.model, "orders", order, order);
        }
        Items.insertRange(h.model, "items", 6, 6);
        during.addAll(drain(h));

        assertThat(v0).isGreaterThan(first);
        assertThat(ops(during, "items")).as("a new snapshot of the table's current rows, framed by markers, then its "
                + "changes from V0").containsExactly("snapshot-begin", "1:r", "3:r", "4:r", "5:r", "snapshot-end", "6:c");
        assertThat(markerVersion(during, SnapshotControl.Kind.BEGIN)).isEqualTo(v0);
        assertThat(markerVersion(during, SnapshotControl.Kind.END)).isEqualTo(v0);
        assertThat(ops(during, "orders")).as("the other table's every change, once, in order")
                .containsExactly("2:c", "3:c", "4:c", "5:c", "6:c");
        int end = ops(during.stream().filter(r -> !r.topic().endsWith(".heartbeat")).toList(), "items").size();
        List<String> order = during.stream().filter(r -> !r.topic().endsWith(".heartbeat"))
                .map(r -> r.topic().substring(r.topic().lastIndexOf('.') + 1) + ":" + op(r)).toList();
        assertThat(order.indexOf("orders:c")).as("orders streamed while items was being snapshotted")
                .isLessThan(order.indexOf("items:snapshot-end"));
        assertThat(end).isEqualTo(7);
        assertThat(offset(h, "items")).containsEntry(TableAnchor.SIGNAL_OFFSET, 1L)
                .containsEntry(IncrementalAnchor.VERSION, h.model.currentVersion());
    }

    @Test
    void aTaskKilledMidReSnapshotResumesItFromItsAnchorAndDoesNotStartItAgain() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 6);
        start(h);
        drain(h);
        resnapshot(h, "dbo.items");
        long v0 = h.model.currentVersion();
        List<SourceRecord> before = new ArrayList<>(poll(h));
        before.addAll(poll(h));
        assertThat(ops(before, "items")).as("begin markers and the first chunks").startsWith("snapshot-begin", "1:r");
        assertThat(offset(h, "items")).containsEntry(TableAnchor.SIGNAL_OFFSET, 1L);
        Object lastKey = h.committedOffset("items").get(SnapshotAnchor.SNAPSHOT_LAST_KEY);

        h.pollAndCrashAfter(0);                       // the next poll's records are lost with the task
        start(h);
        List<SourceRecord> after = drain(h);

        assertThat(lastKey).isNotNull();
        assertThat(ops(after, "items")).as("no new begin: the snapshot resumes after the committed key")
                .doesNotContain("snapshot-begin").endsWith("snapshot-end");
        List<String> all = new ArrayList<>(ops(before, "items"));
        all.addAll(ops(after, "items"));
        assertThat(all).containsExactly("snapshot-begin", "1:r", "2:r", "3:r", "4:r", "5:r", "6:r", "snapshot-end");
        assertThat(markerVersion(after, SnapshotControl.Kind.END)).isEqualTo(v0);

        h.pollAndCrashAfter(0);
        start(h);
        read = 0;                                     // even a task that reads the whole topic again
        assertThat(drain(h)).as("the signal is not executed again").noneMatch(r -> r.topic().endsWith(".dbo.items"));
    }

    @Test
    void aSignalSentWhileTheTaskWasDownIsExecutedWhenItComesBack() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 2);
        Items.insertRange(h.model, "orders", 1, 1);
        start(h);
        drain(h);
        assertThat(offset(h, "items")).as("each table's offset carries where signals apply from")
                .containsEntry(TableAnchor.SIGNAL_OFFSET, 0L);
        assertThat(offset(h, "orders")).containsEntry(TableAnchor.SIGNAL_OFFSET, 0L);

        h.pollAndCrashAfter(0);
        resnapshot(h, "dbo.orders");                  // sent while the task is down
        start(h);
        List<SourceRecord> after = drain(h);

        assertThat(ops(after, "orders")).containsExactly("snapshot-begin", "1:r", "snapshot-end");
        assertThat(ops(after, "items")).isEmpty();
        assertThat(offset(h, "items")).containsEntry(TableAnchor.SIGNAL_OFFSET, 1L);
        assertThat(offset(h, "orders")).containsEntry(TableAnchor.SIGNAL_OFFSET, 1L);
    }

    @Test
    void badSignalsChangeNothingAndTheGoodOneAfterThemIsExecuted() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 2);
        start(h);
        drain(h);
        send("not json");
        send("{\"type\":\"pause-snapshot\"}");
        resnapshot(h, "sales.dbo.nosuchtable");
        send("{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":[\"dbo.items\"],"
                + "\"additional-conditions\":[{\"data-collection\":\"dbo.items\",\"filter\":\"id > 1\"}]}}");
        topic.add(new SignalMessage(topic.size(), "other-connector", "{\"type\":\"execute-snapshot\","
                + "\"data\":{\"data-collections\":[\"dbo.items\"]}}"));

        try (WarnLines warnings = new WarnLines(SignalDispatcher.class)) {
            assertThat(drain(h)).as("nothing re-snapshots").noneMatch(r -> r.topic().endsWith(".dbo.items"));
            assertThat(warnings.lines()).as("one line each, saying what to fix; none for another connector's signal")
                    .satisfiesExactly(
                            line -> assertThat(line).startsWith("Signal at position 0 ").contains("not a JSON object"),
                            line -> assertThat(line).startsWith("Signal at position 1 ").contains("'pause-snapshot'"),
                            line -> assertThat(line).startsWith("Signal execute-snapshot at position 2")
                                    .contains("'sales.dbo.nosuchtable' matches none of the 2 captured tables")
                                    .contains(h.model.name() + ".dbo.items"),
                            line -> assertThat(line).startsWith("Signal at position 3 ").contains("filtered snapshot"));
            resnapshot(h, "dbo.items");
            assertThat(ops(drain(h), "items")).containsExactly("snapshot-begin", "1:r", "2:r", "snapshot-end");
            assertThat(warnings.lines()).hasSize(4);
        }
    }
}
