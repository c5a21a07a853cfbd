package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.events;
import static io.ctsync.source.capture.CaptureHarness.keyOf;
import static io.ctsync.source.capture.CaptureHarness.op;
import static io.ctsync.source.capture.CaptureHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.InvalidOffsetException;
import io.ctsync.contract.offset.PointInTimeAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.ctmodel.ModelColumn;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** A rewind to a time, resolved by the task to the last version committed before it (commit times from the model). */
class PointInTimeRewindTest {

    private static final Instant TEN = Instant.parse("2026-11-29T10:00:00Z");
    private static final Instant ELEVEN = Instant.parse("2026-11-29T11:00:00Z");
    private static final Instant NOON = Instant.parse("2026-11-29T12:00:00Z");

    /** items: 1 and 2 inserted at 10:00 (v1), 1 updated at 11:00 (v2), 3 inserted at 12:00 (v3); all emitted. */
    private CaptureHarness caughtUp(String... options) {
        CaptureHarness h = new CaptureHarness("items");
        for (int i = 0; i < options.length; i += 2) {
            h.with(options[i], options[i + 1]);
        }
        h.model.createTable("dbo", "items", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 20))
                .track("dbo", "items", false);
        commitAt(h, TEN, () -> h.model.transaction(tx -> tx.insert("dbo", "items", Map.of("id", 1, "name", "a"))
                .insert("dbo", "items", Map.of("id", 2, "name", "b"))));
        commitAt(h, ELEVEN, () -> h.model.update("dbo", "items", List.of(1), Map.of("name", "a2")));
        commitAt(h, NOON, () -> h.model.insert("dbo", "items", Map.of("id", 3, "name", "c")));
        h.start().drain();
        return h;
    }

    private static void commitAt(CaptureHarness h, Instant time, Runnable statements) {
        h.model.clock(Clock.fixed(time, ZoneOffset.UTC));
        statements.run();
    }

    private static List<SourceRecord> rewindAndDrain(CaptureHarness h, PointInTimeAnchor rewind) {
        h.committed.put(h.partition("items").toMap(), rewind.toMap());
        return h.start().drain();
    }

    @Test
    void reEmitsEveryChangeCommittedAtOrAfterTheTimeThenContinuesFromTheAnchor() {
        CaptureHarness h = caughtUp();

        List<SourceRecord> records = rewindAndDrain(h, PointInTimeAnchor.since(Instant.parse("2026-11-29T10:30:00Z")));

        assertThat(events(records)).extracting(CaptureHarness::op, CaptureHarness::keyOf,
                r -> source(r).getInt64("change_version")).containsExactly(tuple("u", 1, 2L), tuple("c", 3, 3L));
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(3));
        // A time exactly at a commit does not include it: "committed before" is strict.
        assertThat(events(rewindAndDrain(h, PointInTimeAnchor.since(NOON)))).extracting(CaptureHarness::keyOf)
                .containsExactly(3);
    }

    @Test
    void anIdleTablesResolvedAnchorIsCommittedByAHeartbeat() {
        CaptureHarness h = caughtUp();

        List<SourceRecord> records = rewindAndDrain(h, PointInTimeAnchor.since(Instant.parse("2026-11-29T13:00:00Z")));

        assertThat(records).extracting(CaptureHarness::op).containsExactly("heartbeat");
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(3));
    }

    @Test
    void aTimeOlderThanTheMinimumValidVersionIsRefusedWithTheEarliestPossibleTime() {
        CaptureHarness h = caughtUp();
        h.model.cleanupUpTo(2);

        assertThatThrownBy(() -> rewindAndDrain(h, PointInTimeAnchor.since(Instant.parse("2026-11-29T10:30:00Z"))))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("Rewinding dbo.items to 2026-11-29T10:30:00Z needs its changes since before the "
                        + "oldest commit sys.dm_tran_commit_table still holds, but its minimum valid version is 2")
                .hasMessageContaining("the earliest time still possible is any time after 2026-11-29T11:00:00Z (the "
                        + "commit of version 2)")
                .hasMessageContaining("\"if_expired\": \"resnapshot\"");
    }

    @Test
    void aTimeJustAfterTheCleanupBoundarysCommitResolvesToTheMinimumValidVersion() {
        CaptureHarness h = caughtUp();
        h.model.cleanupUpTo(2);

        List<SourceRecord> records = rewindAndDrain(h, PointInTimeAnchor.since(Instant.parse("2026-11-29T11:30:00Z")));

        assertThat(events(records)).extracting(CaptureHarness::op, CaptureHarness::keyOf).containsExactly(tuple("c", 3));
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(3));
    }

    @Test
    void aTimeTooOldReSnapshotsWhenTheOffsetChoseIt() {
        CaptureHarness h = caughtUp();
        h.model.cleanupUpTo(2);

        List<SourceRecord> records = rewindAndDrain(h, new PointInTimeAnchor(Instant.parse("2026-11-29T10:30:00Z"),
                PointInTimeAnchor.IfExpired.RESNAPSHOT));

        assertThat(events(records)).extracting(CaptureHarness::op, CaptureHarness::keyOf)
                .containsExactly(tuple("r", 1), tuple("r", 2), tuple("r", 3));
        assertThat(TableAnchor.fromMap(h.committedOffset("items"))).isEqualTo(IncrementalAnchor.at(3));
    }

    @Test
    void eventsCarryTheCommitTimeOfTheirVersionWhenAsked() {
        CaptureHarness commit = caughtUp(SourceConnectorConfig.EVENT_TIMESTAMP_MODE, "commit");
        CaptureHarness read = caughtUp();

        for (CaptureHarness h : List.of(commit, read)) {
            commitAt(h, Instant.parse("2026-11-29T14:00:00Z"), () -> h.model.delete("dbo", "items", List.of(2)));
        }

        assertThat(events(commit.drain())).singleElement()
                .satisfies(r -> assertThat(source(r).getInt64("ts_ms")).isEqualTo(Instant.parse("2026-11-29T14:00:00Z")
                        .toEpochMilli()));
        assertThat(events(read.drain())).singleElement()
                .satisfies(r -> assertThat(source(r).getInt64("ts_ms")).isEqualTo(read.clock.get()));
        assertThat(commit.delivered.stream().filter(r -> "r".equals(op(r))))
                .allSatisfy(r -> assertThat(source(r).getInt64("ts_ms")).isEqualTo(commit.clock.get()));
    }
}
