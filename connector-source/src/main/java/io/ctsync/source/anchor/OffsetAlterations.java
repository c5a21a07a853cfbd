package io.ctsync.source.anchor;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.InvalidOffsetException;
import io.ctsync.contract.offset.PointInTimeAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import io.ctsync.source.tracking.TrackedTable;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Checks offsets an operator writes through {@code PATCH /connectors/{name}/offsets} (KIP-875) before Connect
 * stores them: the partition must be one of this connector's tables, and an anchor must be usable: not ahead of the
 * current version, not older than the table's minimum valid version (those changes are gone; reset instead), with a
 * key that fits the table's primary key; a rewind to a time must resolve to such a version now (or choose to
 * re-snapshot). A null offset resets the table: it starts as {@code snapshot.mode} says.
 */
public final class OffsetAlterations {

    private OffsetAlterations() {
    }

    public static void validate(SourceConnectorConfig config, Map<Map<String, ?>, Map<String, ?>> offsets,
                                Supplier<ChangeTrackingDatabase> database) {
        if (offsets.isEmpty()) {
            return;
        }
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            TablePartition partition = TablePartition.fromMap(entry.getKey());
            if (!partition.server().equals(config.topicPrefix())) {
                throw new InvalidOffsetException("Source partition field 'server' is '" + partition.server()
                        + "', but this connector's topic.prefix is '" + config.topicPrefix() + "'");
            }
            if (entry.getValue() != null) {
                TableAnchor.fromMap(entry.getValue());
                checkRowFilter(config, partition.database(), new TableId(partition.schema(), partition.table()),
                        entry.getValue());
            }
        }
        try (ChangeTrackingDatabase db = database.get()) {
            DatabaseFacts facts = db.facts();
            List<TrackedTable> captured = new TableSelector(config).select(db.trackedTables());
            for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
                TablePartition partition = TablePartition.fromMap(entry.getKey());
                checkCaptured(partition, facts, captured);
                if (entry.getValue() != null) {
                    checkUsable(db, partition, TableAnchor.fromMap(entry.getValue()), facts);
                }
            }
        }
    }

    /**
     * An offset must carry the fingerprint of the table's row filter (none without a filter): a task that starts from
     * an offset with another one snapshots the table again, which is what resetting the offset (null) is for.
     */
    private static void checkRowFilter(SourceConnectorConfig config, String database, TableId table,
                                       Map<String, ?> offset) {
        Optional<String> expected = config.rowFilter(database, table).map(RowFilter::fingerprint);
        Optional<String> given = TableAnchor.rowFilter(offset);
        if (!given.equals(expected)) {
            throw new InvalidOffsetException("Offset of " + table.qualified() + " has " + given.map(f -> "'"
                    + TableAnchor.ROW_FILTER + "' " + f).orElse("no '" + TableAnchor.ROW_FILTER + "'") + ", but "
                    + expected.map(f -> "the table's row filter (" + SourceConnectorConfig.TABLE_FILTER_PREFIX
                    + config.rowFilters().keyOf(database, table).orElseThrow() + ") has the fingerprint " + f + ": add \"" + TableAnchor.ROW_FILTER + "\":\""
                    + f + "\"").orElse("the table has no row filter: leave '" + TableAnchor.ROW_FILTER + "' out")
                    + " (an offset under another filter would snapshot the table again; to do that, reset the offset)");
        }
    }

    private static void checkCaptured(TablePartition partition, DatabaseFacts facts, List<TrackedTable> captured) {
        if (!partition.database().equals(facts.databaseName())) {
            throw new InvalidOffsetException("Source partition field 'database' is '" + partition.database()
                    + "', but this connector captures database '" + facts.databaseName() + "'");
        }
        TableId table = new TableId(partition.schema(), partition.table());
        if (captured.stream().noneMatch(t -> t.id().equals(table))) {
            throw new InvalidOffsetException("Source partition names table " + table.qualified() + ", which this connector "
                    + "does not capture (captured: " + captured.stream().map(t -> t.id().qualified()).toList() + ")");
        }
    }

    private static void checkUsable(ChangeTrackingDatabase db, TablePartition partition, TableAnchor anchor,
                                    DatabaseFacts facts) {
        TableId table = new TableId(partition.schema(), partition.table());
        if (anchor instanceof PointInTimeAnchor rewind) {
            checkRewind(db, table, rewind);
            return;
        }
        long current = facts.currentVersion() == null ? 0 : facts.currentVersion();
        long version = anchor instanceof IncrementalAnchor a ? a.version() : ((SnapshotAnchor) anchor).snapshotVersion();
        String field = anchor instanceof IncrementalAnchor ? IncrementalAnchor.VERSION : SnapshotAnchor.SNAPSHOT_VERSION;
        if (version > current) {
            throw new InvalidOffsetException("Offset field '" + field + "' (" + version + ") of " + table.qualified()
                    + " is ahead of the database's current Change Tracking version " + current);
        }
        record Facts(Optional<Long> minValid, TableMetadata metadata) {
        }
        Facts tableFacts = db.inCycle(Isolation.READ_COMMITTED, c -> new Facts(c.minValidVersion(table), c.metadata(table)));
        long minValid = tableFacts.minValid().orElseThrow(() -> new InvalidOffsetException("CHANGE_TRACKING_MIN_VALID_VERSION of "
                + table.qualified() + " is NULL: the connector's user lacks VIEW CHANGE TRACKING on it"));
        if (version < minValid) {
            throw new InvalidOffsetException("Offset field '" + field + "' (" + version + ") of " + table.qualified()
                    + " is older than its minimum valid version " + minValid + ": the changes in between were cleaned up. "
                    + "Rewind to " + minValid + " or later, or reset the offset (null) to re-snapshot the table");
        }
        Optional<List<String>> key = anchor instanceof SnapshotAnchor s ? s.lastKey()
                : ((IncrementalAnchor) anchor).cursor().map(IncrementalAnchor.ChangeCursor::key);
        key.ifPresent(k -> {
            try {
                KeyText.decode(tableFacts.metadata().keyColumns(), k);
            } catch (RuntimeException e) {
                throw new InvalidOffsetException("Offset key of " + table.qualified() + " does not fit its primary key: "
                        + e.getMessage());
            }
        });
    }

    /** A rewind to a time: not in the future, commit times visible, and resolvable now (see {@link PointInTimeRewind}). */
    private static void checkRewind(ChangeTrackingDatabase db, TableId table, PointInTimeAnchor rewind) {
        if (rewind.since().isAfter(Instant.now())) {
            throw new InvalidOffsetException("Offset field '" + PointInTimeAnchor.SINCE + "' (" + rewind.since() + ") of "
                    + table.qualified() + " is in the future; give a past time (with its zone offset)");
        }
        if (!db.seesCommitTimes()) {
            throw new InvalidOffsetException("Rewinding " + table.qualified() + " to a time reads sys.dm_tran_commit_table, "
                    + "whose recent commits only a user with VIEW SERVER STATE sees: GRANT VIEW SERVER STATE TO <login> "
                    + "(Azure SQL Database: GRANT VIEW DATABASE STATE TO <user>), or rewind by version");
        }
        db.inCycle(Isolation.READ_COMMITTED, c -> PointInTimeRewind.resolve(c, table, rewind, c.currentVersion()));
    }
}
