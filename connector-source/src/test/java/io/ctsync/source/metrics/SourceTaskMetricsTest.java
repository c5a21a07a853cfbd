package io.ctsync.source.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabase;
import io.ctsync.source.tracking.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Rows by operation, lag, snapshot progress and retention headroom against the simulated SQL Server. */
class SourceTaskMetricsTest {

    private static final TableId ORDERS = new TableId("dbo", "orders");
    private static final Map<String, Object> PARTITION = new TablePartition("erp", "m", "dbo", "orders").toMap();
    private static final Schema ENVELOPE = SchemaBuilder.struct().field("op", Schema.STRING_SCHEMA).build();

    private final Instant start = Instant.parse("2026-11-30T00:00:00Z");
    private final AtomicLong millis = new AtomicLong(start.toEpochMilli());
    private ChangeTrackingModel model;
    private SourceTaskMetrics metrics;

    @BeforeEach
    void model() {
        model = ChangeTrackingModel.create("metrics-" + System.nanoTime()).enableChangeTracking()
                .clock(new Clock() {
                    @Override
                    public ZoneOffset getZone() {
                        return ZoneOffset.UTC;
                    }

                    @Override
                    public Clock withZone(java.time.ZoneId zone) {
                        return this;
                    }

                    @Override
                    public Instant instant() {
                        return Instant.ofEpochMilli(millis.get());
                    }
                })
                .retention(Duration.ofHours(48))
                .createTable("dbo", "orders", ModelColumn.key("id", "int"), ModelColumn.of("qty", "int"))
                .track("dbo", "orders", false);
        for (int id = 1; id <= 10; id++) {
            model.insert("dbo", "orders", Map.of("id", id, "qty", id));
        }
        metrics = new SourceTaskMetrics(List.of(ORDERS), new TablePartitions("erp", "m"), new ModelDatabase(model), millis::get);
    }

    @Test
    void countsRowsByOperationAndFollowsTheAnchor() {
        metrics.observe(List.of(record("r", new SnapshotAnchor(10, Optional.empty()).toMap()),
                record("r", new SnapshotAnchor(10, Optional.empty()).toMap())));

        TableStats stats = metrics.table(ORDERS);
        assertThat(stats.snapshotRows.get()).isEqualTo(2);
        assertThat(stats.phase).isEqualTo("snapshot");
        assertThat(stats.snapshotPercent()).isEqualTo(20);

        millis.addAndGet(SourceTaskMetrics.REFRESH_MS);
        metrics.observe(List.of(record("c", IncrementalAnchor.at(11).toMap()), record("u", IncrementalAnchor.at(11).toMap()),
                record("d", IncrementalAnchor.at(12).toMap())));

        assertThat(stats.created.get()).isEqualTo(1);
        assertThat(stats.updated.get()).isEqualTo(1);
        assertThat(stats.deleted.get()).isEqualTo(1);
        assertThat(stats.phase).isEqualTo("incremental");
        assertThat(stats.anchorVersion).isEqualTo(12);
        assertThat(stats.snapshotPercent()).isEqualTo(100);
    }

    @Test
    void lagIsTheVersionsBetweenTheAnchorAndTheCurrentVersion() {
        metrics.observe(List.of(record("c", IncrementalAnchor.at(4).toMap())));

        assertThat(metrics.table(ORDERS).currentVersion).isEqualTo(10);
        assertThat(metrics.table(ORDERS).lagVersions()).isEqualTo(6);
    }

    @Test
    void headroomIsTheRetentionLeftSinceTheAnchorsVersionCommitted() {
        // version 11 commits 30 h after the first ten; the anchor stays at 10, committed at the start
        millis.addAndGet(Duration.ofHours(30).toMillis());
        model.insert("dbo", "orders", Map.of("id", 11, "qty", 11));

        metrics.observe(List.of(record("c", IncrementalAnchor.at(10).toMap())));

        TableStats stats = metrics.table(ORDERS);
        assertThat(stats.retentionSeconds).isEqualTo(Duration.ofHours(48).toSeconds());
        assertThat(stats.headroomSeconds).isEqualTo(Duration.ofHours(18).toSeconds());
        assertThat(stats.headroomLow()).isFalse();

        millis.addAndGet(Duration.ofHours(7).toMillis());
        metrics.observe(List.of());

        assertThat(stats.headroomSeconds).isLessThan(Duration.ofHours(12).toSeconds());
        assertThat(stats.headroomLow()).isTrue();
    }

    @Test
    void anAnchorAtTheCurrentVersionHasTheWholeRetentionPeriod() {
        millis.addAndGet(Duration.ofHours(47).toMillis());

        metrics.observe(List.of(record("c", IncrementalAnchor.at(10).toMap())));

        assertThat(metrics.table(ORDERS).headroomSeconds).isEqualTo(Duration.ofHours(48).toSeconds());
    }

    @Test
    void aCleanedUpVersionHasNoCommitTimeAndTheHeadroomIsUnknown() {
        model.insert("dbo", "orders", Map.of("id", 11, "qty", 11));
        model.cleanupUpTo(8);

        metrics.observe(List.of(record("c", IncrementalAnchor.at(5).toMap())));

        assertThat(metrics.table(ORDERS).headroomSeconds).isEqualTo(-1);
    }

    @Test
    void durationsReadAsHoursMinutesOrSeconds() {
        assertThat(SourceTaskMetrics.human(172_800)).isEqualTo("48.0 h");
        assertThat(SourceTaskMetrics.human(600)).isEqualTo("10 min");
        assertThat(SourceTaskMetrics.human(42)).isEqualTo("42 s");
        assertThat(SourceTaskMetrics.human(-1)).isEqualTo("unknown");
    }

    private static SourceRecord record(String op, Map<String, Object> offset) {
        return new SourceRecord(PARTITION, new ArrayList<>(List.of(offset)).get(0), "erp.m.dbo.orders", ENVELOPE,
                new Struct(ENVELOPE).put("op", op));
    }
}
