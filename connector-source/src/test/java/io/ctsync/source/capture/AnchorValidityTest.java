package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.events;
import static io.ctsync.source.capture.CaptureHarness.source;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.Isolation;
import java.util.List;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Anchors are checked against CHANGE_TRACKING_MIN_VALID_VERSION every cycle; nothing expired is skipped silently. */
class AnchorValidityTest {

    private static CaptureHarness withCommittedAnchor(String... options) {
        CaptureHarness h = new CaptureHarness("items", "other");
        for (int i = 0; i < options.length; i += 2) {
            h.with(options[i], options[i + 1]);
        }
        Items.create(h.model, "items", false);
        Items.create(h.model, "other", false);
        Items.insertRange(h.model, "items", 1, 3);
        h.start().drain();
        return h;
    }

    @Test
    void anExpiredAnchorIsResnapshottedFromTheCurrentVersion() {
        CaptureHarness h = withCommittedAnchor();
        long anchor = ((IncrementalAnchor) TableAnchor.fromMap(h.committedOffset("items"))).version();
        Items.insertRange(h.model, "items", 4, 5);
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(1)));
        h.model.cleanupUpTo(h.model.currentVersion());     // the changes after the anchor are gone
        long now = h.model.currentVersion();

        List<SourceRecord> records = events(h.drain());

        assertThat(anchor).isLessThan(now);
        assertThat(CaptureHarness.onTopic(records, ".items")).extracting(CaptureHarness::op).containsOnly("r");
        assertThat(CaptureHarness.onTopic(records, ".items")).extracting(CaptureHarness::keyOf).containsExactly(2, 3, 4, 5);
        assertThat(CaptureHarness.onTopic(records, ".items"))
                .allSatisfy(r -> assertThat(source(r).getInt64("change_version")).isEqualTo(now));
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(now).toMap());
    }

    @Test
    void truncateExpiresTheAnchorAndLeadsToAResnapshot() {
        CaptureHarness h = withCommittedAnchor();
        h.model.truncate("dbo", "items");
        Items.insertRange(h.model, "items", 7, 7);

        List<SourceRecord> records = CaptureHarness.onTopic(events(h.drain()), ".items");

        assertThat(records).extracting(r -> CaptureHarness.keyOf(r) + ":" + CaptureHarness.op(r)).containsExactly("7:r");
    }

    /**
     * Whether TRUNCATE consumes a version is undocumented (the contract test pins it on a real server); a caught-up
     * anchor must expire under either answer. Without the begin-version check, "no version" passes the minimum
     * valid version check and the truncated rows are never deleted downstream.
     */
    @ParameterizedTest(name = "truncate consumes a version: {0}")
    @ValueSource(booleans = {false, true})
    void truncateOfACaughtUpTableExpiresItsAnchorWhetherOrNotTruncateConsumesAVersion(boolean consumesVersion) {
        CaptureHarness h = withCommittedAnchor();
        h.model.truncateConsumesVersion(consumesVersion);
        long anchor = ((IncrementalAnchor) TableAnchor.fromMap(h.committedOffset("items"))).version();
        assertThat(anchor).isEqualTo(h.model.currentVersion());
        h.model.truncate("dbo", "items");
        Items.insertRange(h.model, "items", 8, 8);

        List<SourceRecord> records = CaptureHarness.onTopic(events(h.drain()), ".items");

        assertThat(records).extracting(r -> CaptureHarness.keyOf(r) + ":" + CaptureHarness.op(r)).containsExactly("8:r");
    }

    /** A task restarted after a TRUNCATE that consumed a version re-snapshots the table. */
    @Test
    void aTruncateWhileTheTaskWasDownLeadsToAResnapshotAfterTheRestart() {
        CaptureHarness h = withCommittedAnchor();
        h.model.truncateConsumesVersion(true);
        h.model.truncate("dbo", "items");
        Items.insertRange(h.model, "items", 9, 9);

        h.start();
        List<SourceRecord> records = CaptureHarness.onTopic(events(h.drain()), ".items");

        assertThat(records).extracting(r -> CaptureHarness.keyOf(r) + ":" + CaptureHarness.op(r)).containsExactly("9:r");
    }

    @Test
    void cleanupDoesNotMoveTheBeginVersionSoACaughtUpAnchorStaysValid() {
        CaptureHarness h = withCommittedAnchor();
        h.model.cleanupUpTo(h.model.currentVersion());
        Items.insertRange(h.model, "items", 10, 10);

        assertThat(CaptureHarness.onTopic(events(h.drain()), ".items")).extracting(CaptureHarness::op).containsExactly("c");
    }

    @Test
    void underTheFailPolicyAnExpiredAnchorFailsTheTaskSayingHowToRecover() {
        CaptureHarness h = withCommittedAnchor(SourceConnectorConfig.RETENTION_EXPIRED_POLICY, "fail");
        Items.insertRange(h.model, "items", 4, 4);
        h.model.cleanupUpTo(h.model.currentVersion());

        assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("The anchor of dbo.items (version 1) is older than its minimum valid version 2")
                .hasMessageContaining("retention.expired.policy=fail")
                .hasMessageContaining("PATCH /connectors/{name}/offsets");
    }

    @Test
    void underTheFailPolicyATruncatedTableFailsTheTaskNamingTheTruncate() {
        CaptureHarness h = withCommittedAnchor(SourceConnectorConfig.RETENTION_EXPIRED_POLICY, "fail");
        h.model.truncate("dbo", "items");

        assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Change Tracking of dbo.items began again at version 1 (it was 0), after the anchor "
                        + "(version 1): the table was truncated")
                .hasMessageContaining("retention.expired.policy=fail");
    }

    @Test
    void aNullMinimumValidVersionFailsTheTaskInsteadOfPassing() {
        CaptureHarness h = withCommittedAnchor();
        h.model.permissions("dbo", "items", true, false);

        assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('dbo.items')) returned NULL")
                .hasMessageContaining("GRANT VIEW CHANGE TRACKING ON dbo.items");
    }

    @Test
    void aTableNoLongerTrackedStopsBeingCapturedWithoutFailingTheOthers() {
        CaptureHarness h = withCommittedAnchor();
        h.model.untrack("dbo", "items");
        Items.insertRange(h.model, "other", 1, 1);

        List<SourceRecord> records = events(h.drain());

        assertThat(records).extracting(CaptureHarness::keyOf).containsExactly(1);
        assertThat(h.engine.finishedTables()).extracting(t -> t.table()).containsExactly("items");
    }

    @Test
    void anIdleTablesAnchorIsKeptFreshByHeartbeatsSoCleanupNeverExpiresIt() {
        CaptureHarness h = withCommittedAnchor();
        for (int round = 0; round < 5; round++) {
            Items.insertRange(h.model, "other", round * 10 + 1, round * 10 + 2);   // only "other" changes
            h.advanceClock(1_000);
            h.drain();
        }
        long current = h.model.currentVersion();
        assertThat(h.committedOffset("items")).as("the heartbeat committed the idle table's advanced anchor")
                .isEqualTo(IncrementalAnchor.at(current).toMap());
        assertThat(h.delivered).anySatisfy(r -> {
            assertThat(r.topic()).isEqualTo("erp.heartbeat");
            assertThat(r.sourcePartition()).isEqualTo(h.partition("items").toMap());
        });

        h.model.cleanupUpTo(current);          // retention passes over the idle table
        h.start();                             // a restart reads the committed anchors
        Items.insertRange(h.model, "items", 100, 100);

        assertThat(CaptureHarness.onTopic(events(h.drain()), ".items"))
                .extracting(CaptureHarness::op).as("no re-snapshot: the anchor is still valid").containsExactly("c");
    }

    @Test
    void whenNeededAlwaysResnapshotsAnExpiredAnchor() {
        CaptureHarness h = withCommittedAnchor(SourceConnectorConfig.SNAPSHOT_MODE, "when_needed",
                SourceConnectorConfig.RETENTION_EXPIRED_POLICY, "fail");
        h.model.truncate("dbo", "items");
        Items.insertRange(h.model, "items", 9, 9);

        assertThat(CaptureHarness.onTopic(events(h.drain()), ".items")).extracting(CaptureHarness::op).containsExactly("r");
    }

    @Test
    void readCommittedCyclesDetectACleanupThatRanWhileThePageWasRead() {
        CaptureHarness h = new CaptureHarness("items");
        h.isolation = Isolation.READ_COMMITTED;
        Items.create(h.model, "items", false);
        h.start().drain();
        Items.insertRange(h.model, "items", 1, 1);
        Items.insertRange(h.model, "items", 2, 2);
        h.model.faults().beforeNextPage(() -> h.model.cleanupUpTo(h.model.currentVersion() - 1));

        List<SourceRecord> records = events(h.drain());

        assertThat(records).extracting(r -> CaptureHarness.keyOf(r) + ":" + CaptureHarness.op(r))
                .as("the page lost the change of key 1 to the cleanup: the table is re-snapshotted, not skipped")
                .containsExactly("1:r", "2:r");
    }

    @Test
    void withoutSnapshotIsolationCyclesReadCommittedAndStillDetectExpiry() {
        CaptureHarness h = new CaptureHarness("items");
        h.model.allowSnapshotIsolation(false);
        h.isolation = IsolationChoice.choose(new io.ctsync.source.ctmodel.ModelDatabase(h.model).facts(), false);
        assertThat(h.isolation).isEqualTo(Isolation.READ_COMMITTED);
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 2);
        h.start().drain();
        h.model.truncate("dbo", "items");
        Items.insertRange(h.model, "items", 3, 3);

        assertThat(events(h.drain())).extracting(CaptureHarness::op).containsExactly("r");
        assertThatThrownBy(() -> IsolationChoice.choose(new io.ctsync.source.ctmodel.ModelDatabase(h.model).facts(), true))
                .hasMessageContaining("snapshot.isolation.required=true")
                .hasMessageContaining("SET ALLOW_SNAPSHOT_ISOLATION ON");
    }
}
