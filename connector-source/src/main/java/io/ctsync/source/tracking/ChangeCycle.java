package io.ctsync.source.tracking;

import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What can be read inside one poll cycle's transaction (see {@link ChangeTrackingDatabase#inCycle}). */
public interface ChangeCycle {

    /** {@code CHANGE_TRACKING_CURRENT_VERSION()}: the upper bound U of this cycle. */
    long currentVersion();

    /**
     * {@code CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(t))}: the oldest anchor that still yields every change of
     * the table. Empty when SQL Server answers NULL (table unknown, not tracked, or no permission).
     */
    Optional<Long> minValidVersion(TableId table);

    /**
     * {@code sys.change_tracking_tables.begin_version}: the database version when Change Tracking began for the
     * table, "reset if the table is truncated" (Microsoft's catalog view reference). A TRUNCATE TABLE leaves no
     * change rows; whether it consumes a version of its own is not documented, so a caught-up anchor may still
     * pass the minimum valid version check after one: a begin version that moved is how the source still sees it.
     * Empty when the table is not tracked or not visible.
     */
    Optional<Long> trackingBeginVersion(TableId table);

    /**
     * A token that changes whenever a table's definition may have changed (e.g. {@code sys.objects.modify_date});
     * tables that no longer exist are missing from the map.
     */
    Map<TableId, String> schemaStamps(Collection<TableId> tables);

    /** The table's current definition. */
    TableMetadata metadata(TableId table);

    /**
     * Up to {@code maxRows} rows in primary-key order after {@code afterKey} (all from the start when empty), one
     * value per column of {@code table}; only rows that satisfy {@code filter} when one is given.
     */
    List<Object[]> snapshotChunk(TableMetadata table, Optional<RowFilter> filter, Optional<List<Object>> afterKey,
                                 int maxRows);

    /** {@link #snapshotChunk(TableMetadata, Optional, Optional, int)} without a row filter. */
    default List<Object[]> snapshotChunk(TableMetadata table, Optional<List<Object>> afterKey, int maxRows) {
        return snapshotChunk(table, Optional.empty(), afterKey, maxRows);
    }

    /**
     * Up to {@code maxRows} changes of {@code CHANGETABLE(CHANGES t, anchor)} with {@code SYS_CHANGE_VERSION <= upper},
     * ordered by version then primary key, after {@code after} when given. With a {@code filter}, every changed key is
     * still returned; {@link ChangeRow#matchesFilter()} tells whether its current row satisfies the filter.
     */
    List<ChangeRow> changes(TableMetadata table, Optional<RowFilter> filter, long anchor, long upper,
                            Optional<KeyPosition> after, int maxRows);

    /** {@link #changes(TableMetadata, Optional, long, long, Optional, int)} without a row filter. */
    default List<ChangeRow> changes(TableMetadata table, long anchor, long upper, Optional<KeyPosition> after, int maxRows) {
        return changes(table, Optional.empty(), anchor, upper, after, maxRows);
    }

    /**
     * Why {@code filter} is not a valid search condition on {@code table} (the database's own message), or empty when
     * it is: the database compiles {@code SELECT TOP 0 1 FROM table WHERE (filter)}, reading no row.
     */
    Optional<String> rowFilterError(TableId table, RowFilter filter);

    /**
     * The last version committed before {@code time}: {@code MAX(commit_ts)} of {@code sys.dm_tran_commit_table} with
     * {@code commit_time < time}. Empty when no commit that old is retained (the commit table is cleaned up with the
     * change information, "according to the retention period"). Commits after this cycle's current version may show
     * (the view is not versioned): the caller bounds the answer by {@link #currentVersion()}.
     */
    Optional<Long> lastVersionCommittedBefore(Instant time);

    /** The earliest commit still retained with a version at or after {@code version}; empty when there is none. */
    Optional<VersionCommit> firstCommitFrom(long version);

    /** Commit times of the versions from {@code fromVersion} to {@code toVersion} (inclusive) that are retained. */
    Map<Long, Instant> commitTimes(long fromVersion, long toVersion);
}
