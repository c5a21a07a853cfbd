package io.ctsync.source.metrics;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.RetentionFacts;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import io.ctsync.source.tracking.TrackingException;
import java.time.Duration;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.StringJoiner;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Watches what the task emits (rows by operation, each table's anchor) and, every {@link #REFRESH_MS}, asks the
 * database how far it is ({@code CHANGE_TRACKING_CURRENT_VERSION()}, row estimates, retention and the anchors' commit
 * times): lag in versions and retention headroom per table, a WARN when less than a quarter of the retention period is
 * left for an anchor, and one INFO line with every table's numbers when they changed (at most every
 * {@link #LOG_MS}).
 */
public final class SourceTaskMetrics implements AutoCloseable {

    static final long REFRESH_MS = 5_000;
    static final long LOG_MS = 30_000;
    private static final Logger LOG = LoggerFactory.getLogger(SourceTaskMetrics.class);

    private final ChangeTrackingDatabase database;
    private final LongSupplier clock;
    private final Map<Map<String, Object>, TableStats> byPartition = new LinkedHashMap<>();
    private final Map<TableId, TableStats> byTable = new LinkedHashMap<>();
    private SourceMetrics binding = SourceMetrics.NONE;
    private long nextRefreshMs;
    private long nextLogMs;
    private String lastLine = "";
    private boolean retentionUnknownLogged;

    public SourceTaskMetrics(Collection<TableId> tables, TablePartitions partitions, ChangeTrackingDatabase database,
                             LongSupplier clock) {
        this(tables, partitions, database, clock, "");
    }

    /** {@code labelPrefix} (e.g. {@code "sales."}) tells tables of several databases apart in tags and log lines. */
    public SourceTaskMetrics(Collection<TableId> tables, TablePartitions partitions, ChangeTrackingDatabase database,
                             LongSupplier clock, String labelPrefix) {
        this.database = database;
        this.clock = clock;
        for (TableId table : tables) {
            TableStats stats = new TableStats(labelPrefix + table);
            byPartition.put(partitions.of(table).toMap(), stats);
            byTable.put(table, stats);
        }
    }

    public void bind(SourceTaskContext context) {
        binding = SourceMetrics.bind(context, byTable.values());
    }

    /** Counts the records of one poll and refreshes the database's numbers when due. */
    public void observe(List<SourceRecord> records) {
        for (SourceRecord record : records) {
            TableStats stats = byPartition.get(record.sourcePartition());
            if (stats == null) {
                continue;
            }
            if (record.value() instanceof Struct value && value.schema().field("op") != null) {
                stats.count(value.getString("op"));
            }
            if (record.sourceOffset() != null) {
                @SuppressWarnings("unchecked")
                TableAnchor anchor = TableAnchor.fromMap((Map<String, Object>) record.sourceOffset());
                if (anchor instanceof IncrementalAnchor incremental) {
                    stats.phase = TableAnchor.PHASE_INCREMENTAL;
                    stats.anchorVersion = incremental.version();
                } else if (anchor instanceof SnapshotAnchor snapshot) {
                    stats.phase = TableAnchor.PHASE_SNAPSHOT;
                    stats.anchorVersion = snapshot.snapshotVersion();
                }
            }
        }
        long now = clock.getAsLong();
        if (now >= nextRefreshMs) {
            nextRefreshMs = now + REFRESH_MS;
            refresh(now);
        }
    }

    private void refresh(long now) {
        try {
            Long current = database.facts().currentVersion();
            if (current == null) {
                return;
            }
            byTable.values().forEach(t -> t.currentVersion = current);
            if (byTable.values().stream().anyMatch(t -> !t.phase.equals(TableAnchor.PHASE_INCREMENTAL))) {
                for (TrackedTable tracked : database.trackedTables()) {
                    TableStats stats = byTable.get(tracked.id());
                    if (stats != null) {
                        stats.rowEstimate = tracked.rowCountEstimate();
                    }
                }
            }
            headroom(current);
        } catch (TrackingException e) {
            LOG.debug("Metrics refresh skipped: {}", e.getMessage());
            return;
        }
        logLine(now);
    }

    private void headroom(long current) {
        Set<Long> versions = new HashSet<>();
        byTable.values().stream().filter(t -> t.anchorVersion >= 0).forEach(t -> versions.add(t.anchorVersion));
        Optional<RetentionFacts> facts;
        try {
            facts = database.retention(versions);
        } catch (TrackingException e) {
            facts = Optional.empty();
            if (!retentionUnknownLogged) {
                retentionUnknownLogged = true;
                LOG.info("Retention headroom is unknown: the database did not give retention and commit times ({}); "
                        + "reading sys.dm_tran_commit_table needs VIEW SERVER STATE", e.getMessage());
            }
        }
        if (facts.isEmpty()) {
            return;
        }
        for (TableStats t : byTable.values()) {
            if (t.anchorVersion < 0) {
                continue;
            }
            Duration headroom = facts.get().headroom(t.anchorVersion, current);
            t.headroom(headroom, facts.get().retention());
            if (t.headroomLow() && !t.warned) {
                t.warned = true;
                LOG.warn("Table {}: its anchor (version {}) has {} left of the {} Change Tracking retention period, less "
                        + "than a quarter; if the connector stops or falls behind that long, the table's changes expire "
                        + "and it must be snapshotted again", t.table, t.anchorVersion, human(t.headroomSeconds),
                        human(t.retentionSeconds));
            } else if (!t.headroomLow()) {
                t.warned = false;
            }
        }
    }

    private void logLine(long now) {
        StringJoiner line = new StringJoiner("; ");
        for (TableStats t : byTable.values()) {
            line.add(t.table + " " + t.phase + (t.phase.equals(TableAnchor.PHASE_SNAPSHOT) ? " " + t.snapshotPercent() + "%" : "")
                    + " anchor v" + t.anchorVersion + " lag " + t.lagVersions() + " headroom "
                    + (t.headroomSeconds < 0 ? "unknown" : human(t.headroomSeconds) + " of " + human(t.retentionSeconds))
                    + " rows r/c/u/d " + t.snapshotRows.get() + "/" + t.created.get() + "/" + t.updated.get() + "/"
                    + t.deleted.get());
        }
        String text = line.toString();
        if (now >= nextLogMs && !text.equals(lastLine)) {
            LOG.info("Source tables at version {}: {}", byTable.values().stream().findFirst().map(t -> t.currentVersion)
                    .orElse(-1L), text);
            lastLine = text;
            nextLogMs = now + LOG_MS;
        }
    }

    static String human(long seconds) {
        if (seconds < 0) {
            return "unknown";
        }
        if (seconds >= 3600) {
            return String.format(java.util.Locale.ROOT, "%.1f h", seconds / 3600.0);
        }
        return seconds >= 60 ? (seconds / 60) + " min" : seconds + " s";
    }

    /** The table's numbers now (tests, logs). */
    public TableStats table(TableId table) {
        return byTable.get(table);
    }

    @Override
    public void close() {
        binding.close();
    }
}
