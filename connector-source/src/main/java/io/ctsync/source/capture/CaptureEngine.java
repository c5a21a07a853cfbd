package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.PointInTimeAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.anchor.AnchorCheck;
import io.ctsync.source.anchor.HeartbeatRecords;
import io.ctsync.source.anchor.PointInTimeRewind;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.config.EventTimestampMode;
import io.ctsync.source.config.RetentionExpiredPolicy;
import io.ctsync.source.config.SnapshotMode;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.event.ChangeEventFactory;
import io.ctsync.source.marker.MarkerPartitions;
import io.ctsync.source.marker.SnapshotMarkers;
import io.ctsync.source.schema.TableSchemaFactory;
import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeRow;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Captures a task's tables. Each {@link #poll()} is one poll cycle in one transaction: read U =
 * {@code CHANGE_TRACKING_CURRENT_VERSION()}, pick up schema changes, then visit the tables in turn (fairly: the
 * next cycle starts where this one stopped) until {@code batch.max.rows} rows are read. Per table: start a snapshot
 * or an anchor, read a snapshot chunk, or check the anchor against the minimum valid version and read a page of
 * changes up to U (an idle table's anchor advances to U). Table state only changes when the cycle committed.
 */
public final class CaptureEngine implements AutoCloseable {

    private final ChangeTrackingDatabase database;
    private final Isolation isolation;
    private final SnapshotMode snapshotMode;
    private final int batchMaxRows;
    private final long heartbeatIntervalMs;
    private final TableSchemaFactory schemas;
    private final TablePartitions partitions;
    private final HeartbeatRecords heartbeats;
    private final SnapshotReader snapshots;
    private final ChangeReader changes;
    private final AnchorCheck anchors;
    private final LongSupplier clock;
    private final SnapshotMarkers markers;
    private final List<TableCapture> tables = new ArrayList<>();
    private int nextTable;
    private long lastHeartbeatMs;

    public CaptureEngine(SourceTaskConfig config, ChangeTrackingDatabase database, Isolation isolation, String databaseName,
                         Map<TableId, TableAnchor> anchors, LongSupplier clock) {
        this(config, config.tables(), database, isolation, databaseName, anchors, clock);
    }

    /** Captures {@code captured}, tables of the one database {@code database} opens (its versions are its own). */
    public CaptureEngine(SourceTaskConfig config, List<TableId> captured, ChangeTrackingDatabase database,
                         Isolation isolation, String databaseName, Map<TableId, TableAnchor> anchors, LongSupplier clock) {
        this.database = database;
        this.isolation = isolation;
        this.snapshotMode = config.snapshotMode();
        this.batchMaxRows = config.batchMaxRows();
        this.heartbeatIntervalMs = config.heartbeatIntervalMs();
        this.schemas = new TableSchemaFactory(config, databaseName);
        this.partitions = new TablePartitions(config.topicPrefix(), databaseName);
        this.heartbeats = new HeartbeatRecords(config.topicPrefix());
        ChangeEventFactory events = new ChangeEventFactory(config.topicPrefix(), config.tombstonesOnDelete());
        this.markers = config.snapshotMarkers() ? new SnapshotMarkers(MarkerPartitions.of(config)) : null;
        this.snapshots = new SnapshotReader(events, config.snapshotChunkRows(), clock, markers);
        this.changes = new ChangeReader(events, config.batchMaxRows(), config.excludedContext(), clock,
                config.eventTimestampMode() == EventTimestampMode.COMMIT);
        RetentionExpiredPolicy policy = snapshotMode == SnapshotMode.WHEN_NEEDED ? RetentionExpiredPolicy.RESNAPSHOT
                : config.retentionExpiredPolicy();
        this.anchors = new AnchorCheck(policy);
        this.clock = clock;
        this.lastHeartbeatMs = clock.getAsLong();
        for (TableId table : captured) {
            tables.add(new TableCapture(table, anchors.get(table)));
        }
    }

    /** The source partition of a table, as this engine writes it. */
    public Map<String, Object> partition(TableId table) {
        return partitions.of(table).toMap();
    }

    /** One poll cycle: the records to hand to Connect, empty when there was nothing to do. */
    public List<SourceRecord> poll() {
        Map<TableCapture, TableCapture.Saved> saved = new LinkedHashMap<>();
        tables.forEach(t -> saved.put(t, t.save()));
        int savedNext = nextTable;
        List<SourceRecord> records;
        try {
            records = database.inCycle(isolation, this::cycle);
        } catch (RuntimeException e) {
            saved.forEach(TableCapture::restore);
            nextTable = savedNext;
            throw e;
        }
        noteEmitted(records);
        records.addAll(dueHeartbeats());
        return records;
    }

    private List<SourceRecord> cycle(ChangeCycle cycle) {
        long upper = cycle.currentVersion();
        refreshSchemas(cycle);
        List<SourceRecord> out = new ArrayList<>();
        int budget = batchMaxRows;
        int visited = 0;
        while (visited < tables.size() && budget > 0) {
            TableCapture table = tables.get((nextTable + visited) % tables.size());
            budget -= step(cycle, table, upper, budget, out);
            visited++;
        }
        nextTable = tables.isEmpty() ? 0 : (nextTable + visited) % tables.size();
        return out;
    }

    private int step(ChangeCycle cycle, TableCapture table, long upper, int budget, List<SourceRecord> out) {
        if (table.finished) {
            return 0;
        }
        if (table.position() instanceof PointInTimeAnchor rewind) {
            Optional<IncrementalAnchor> resolved = PointInTimeRewind.resolve(cycle, table.id, rewind, upper);
            if (resolved.isEmpty()) {
                startSnapshot(cycle, table, upper);
            } else {
                table.anchor = table.anchor.moveWithoutRecord(resolved.get());
            }
        }
        if (table.position() == null) {
            if (snapshotMode == SnapshotMode.NEVER) {
                table.anchor = table.anchor.moveWithoutRecord(IncrementalAnchor.at(upper));
                rememberTrackingBegin(cycle, table);
                return 0;
            }
            startSnapshot(cycle, table, upper);
        }
        if (table.position() instanceof SnapshotAnchor) {
            return snapshots.readChunk(cycle, table, budget, out, snapshotMode == SnapshotMode.INITIAL_ONLY);
        }
        if (snapshotMode == SnapshotMode.INITIAL_ONLY) {
            table.finished = true;
            return 0;
        }
        return readChanges(cycle, table, upper, budget, out);
    }

    private int readChanges(ChangeCycle cycle, TableCapture table, long upper, int budget, List<SourceRecord> out) {
        AnchorCheck.Outcome outcome = checkAnchor(cycle, table, upper);
        if (outcome == AnchorCheck.Outcome.VALID) {
            List<ChangeRow> page = changes.read(cycle, table, upper, budget);
            // Without snapshot isolation, cleanup may have removed changes while the page was read: check again.
            outcome = isolation == Isolation.READ_COMMITTED ? checkAnchor(cycle, table, upper) : outcome;
            if (outcome == AnchorCheck.Outcome.VALID) {
                changes.emit(table, page, upper, budget, out);
                return Math.min(page.size(), Math.min(budget, batchMaxRows));
            }
        }
        if (outcome == AnchorCheck.Outcome.UNTRACKED) {
            table.finished = true;
            return 0;
        }
        startSnapshot(cycle, table, upper);
        return snapshots.readChunk(cycle, table, budget, out, false);
    }

    private void startSnapshot(ChangeCycle cycle, TableCapture table, long upper) {
        snapshots.start(table, upper);
        rememberTrackingBegin(cycle, table);
    }

    private AnchorCheck.Outcome checkAnchor(ChangeCycle cycle, TableCapture table, long upper) {
        Optional<Long> begin = cycle.trackingBeginVersion(table.id);
        AnchorCheck.Outcome outcome = anchors.check(cycle, table.id, (IncrementalAnchor) table.position(), upper,
                () -> stillTracked(table.id), table.trackingBegin, begin);
        begin.ifPresent(version -> table.trackingBegin = version);
        return outcome;
    }

    /** Notes the table's current tracking begin version: its snapshot starts, or its anchor is set, now. */
    private static void rememberTrackingBegin(ChangeCycle cycle, TableCapture table) {
        table.trackingBegin = cycle.trackingBeginVersion(table.id).orElse(null);
    }

    private boolean stillTracked(TableId table) {
        return database.trackedTables().stream().map(TrackedTable::id).anyMatch(table::equals);
    }

    private void refreshSchemas(ChangeCycle cycle) {
        List<TableId> ids = tables.stream().filter(t -> !t.finished).map(t -> t.id).toList();
        Map<TableId, String> stamps = cycle.schemaStamps(ids);
        for (TableCapture table : tables) {
            if (table.finished) {
                continue;
            }
            String stamp = stamps.get(table.id);
            if (stamp == null) {
                org.slf4j.LoggerFactory.getLogger(CaptureEngine.class).warn("Table {} no longer exists; its capture stops "
                        + "and the connector re-plans its tasks", table.id);
                table.finished = true;
            } else if (!stamp.equals(table.schemaStamp)) {
                SchemaRefresh.apply(table, cycle.metadata(table.id), schemas);
                table.schemaStamp = stamp;
            }
        }
    }

    private void noteEmitted(List<SourceRecord> records) {
        Map<Map<String, ?>, TableCapture> byPartition = tables.stream()
                .collect(Collectors.toMap(t -> partition(t.id), t -> t));
        for (SourceRecord record : records) {
            TableCapture table = byPartition.get(record.sourcePartition());
            if (table != null) {
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) record.sourceOffset();
                table.anchor = table.anchor.sent(offset);
            }
        }
    }

    /** Heartbeats for tables whose anchor moved without a record: due ones now, the rest every interval. */
    private List<SourceRecord> dueHeartbeats() {
        long now = clock.getAsLong();
        boolean intervalElapsed = now - lastHeartbeatMs >= heartbeatIntervalMs;
        List<SourceRecord> out = new ArrayList<>();
        for (TableCapture table : tables) {
            boolean send = table.anchor.needsHeartbeat(intervalElapsed);
            if (send) {
                out.add(heartbeats.heartbeat(partitions.of(table.id), table.position(), now));
            }
            table.anchor = table.anchor.heartbeatsDone(send);
        }
        if (intervalElapsed) {
            lastHeartbeatMs = now;
        }
        return out;
    }

    /** Releases the Kafka admin client of the snapshot markers, if any. */
    @Override
    public void close() {
        if (markers != null) {
            markers.close();
        }
    }

    /** Tables of this task whose capture ended (for tests and logs). */
    public Set<TableId> finishedTables() {
        return tables.stream().filter(t -> t.finished).map(t -> t.id).collect(Collectors.toSet());
    }
}
