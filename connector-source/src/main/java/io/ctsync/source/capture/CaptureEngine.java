package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.PointInTimeAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.source.anchor.AnchorCheck;
import io.ctsync.source.anchor.HeartbeatRecords;
import io.ctsync.source.anchor.PointInTimeRewind;
import io.ctsync.source.anchor.StoredAnchors;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures a task's tables. Each {@link #poll()} is one poll cycle in one transaction: read U =
 * {@code CHANGE_TRACKING_CURRENT_VERSION()}, pick up schema changes, then visit the tables in turn (fairly: the
 * next cycle starts where this one stopped) until {@code batch.max.rows} rows are read. Per table: start a snapshot
 * or an anchor, read a snapshot chunk, or check the anchor against the minimum valid version and read a page of
 * changes up to U (an idle table's anchor advances to U). Table state only changes when the cycle committed.
 */
public final class CaptureEngine implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(CaptureEngine.class);

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
    private final SignalPositions signals = new SignalPositions(this, tables);
    private int nextTable;
    private long lastHeartbeatMs;

    public CaptureEngine(SourceTaskConfig config, ChangeTrackingDatabase database, Isolation isolation, String databaseName,
                         StoredAnchors.Start start, LongSupplier clock) {
        this(config, config.tables(), database, isolation, databaseName, start, clock);
    }

    /** Captures {@code captured}, tables of the one database {@code database} opens (its versions are its own). */
    public CaptureEngine(SourceTaskConfig config, List<TableId> captured, ChangeTrackingDatabase database,
                         Isolation isolation, String databaseName, StoredAnchors.Start start, LongSupplier clock) {
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
            tables.add(new TableCapture(table, start.anchors().get(table), config.rowFilter(databaseName, table),
                    start.resnapshots().contains(table)));
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
        return SignalStamps.stamp(records, tables, partitions, heartbeats, clock.getAsLong());
    }

    /** What a request to re-snapshot a table found. */
    public enum Resnapshot {
        /** The table's snapshot starts (at a new V0) in the next poll cycle that visits it. */
        STARTS,
        /** The table has not finished a snapshot yet (or one is pending): that snapshot serves the request. */
        ALREADY_SNAPSHOTTING,
        /** Capture of the table ended (it is no longer tracked or no longer exists): nothing to re-snapshot. */
        CAPTURE_ENDED,
        /** The table is not one of this task's. */
        NOT_OWNED,
        /** The table's offset shows it considered this signal before (a restarted task reads signals again). */
        SIGNAL_ALREADY_CONSIDERED
    }

    /**
     * Moves the table back to the snapshot phase: in the next poll cycle that visits it, a new snapshot starts at the
     * then current version V0 (with new begin and end markers), resumable like any snapshot; its changes are
     * followed from V0 afterwards. The other tables go on meanwhile.
     */
    public Resnapshot resnapshot(TableId table) {
        TableCapture capture = capture(table);
        if (capture == null) {
            return Resnapshot.NOT_OWNED;
        }
        if (capture.finished && snapshotMode != SnapshotMode.INITIAL_ONLY) {
            return Resnapshot.CAPTURE_ENDED;
        }
        boolean snapshotComing = capture.position() == null && snapshotMode != SnapshotMode.NEVER;
        if (capture.resnapshotRequested || snapshotComing || capture.position() instanceof SnapshotAnchor) {
            return Resnapshot.ALREADY_SNAPSHOTTING;
        }
        capture.resnapshotRequested = true;
        capture.finished = false;
        return Resnapshot.STARTS;
    }

    /** The signal bookkeeping of this task's tables. */
    public SignalPositions signals() {
        return signals;
    }

    TableCapture capture(TableId table) {
        return tables.stream().filter(t -> t.id.equals(table)).findFirst().orElse(null);
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
        if (table.resnapshotRequested) {
            startRequestedSnapshot(cycle, table, upper);
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
            if (snapshotMode == SnapshotMode.NEVER && !table.filterChanged) {
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

    private void startRequestedSnapshot(ChangeCycle cycle, TableCapture table, long upper) {
        LOG.info("Re-snapshot of {} requested{} starts now; the table's anchor was {}", table.id,
                table.requestedBySignal == null ? "" : " by a signal", table.position() == null ? "none"
                : table.position().toMap());
        table.resnapshotRequested = false;
        startSnapshot(cycle, table, upper);
        if (table.requestedBySignal != null) {
            table.signalPosition = table.requestedBySignal;
            table.requestedBySignal = null;
        }
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
                out.add(heartbeats.heartbeat(partitions.of(table.id), table.position(), table.offset(table.position()), now));
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
