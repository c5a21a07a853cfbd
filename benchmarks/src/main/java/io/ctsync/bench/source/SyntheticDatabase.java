package io.ctsync.bench.source;

import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeOperation;
import io.ctsync.source.tracking.ChangeRow;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.KeyPosition;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import io.ctsync.source.tracking.TrackedTable;
import io.ctsync.source.tracking.VersionCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * A Change Tracking database whose one table is generated on the fly: {@code rows} rows (ids 1..rows) at version
 * {@code snapshotVersion}, then {@code changes} updates, one per version, each to a different row. Nothing is
 * stored, so a table far larger than the heap can be snapshotted. It stands in for the T-SQL layer; everything
 * above the port ({@link ChangeTrackingDatabase}) is the connector's real code.
 */
final class SyntheticDatabase implements ChangeTrackingDatabase {

    private static final Instant EPOCH = Instant.parse("2026-01-01T00:00:00Z");
    private static final Set<String> CHANGED = Set.of("c_int", "c_nvarchar", "c_datetime2");
    private final WideTable table;
    private final long rows;
    private final long snapshotVersion;
    private volatile long currentVersion;

    SyntheticDatabase(WideTable table, long rows, long snapshotVersion) {
        this.table = table;
        this.rows = rows;
        this.snapshotVersion = snapshotVersion;
        this.currentVersion = snapshotVersion;
    }

    /** Makes {@code count} more updates visible (versions after the current one). */
    void commitUpdates(long count) {
        currentVersion += count;
    }

    @Override
    public DatabaseFacts facts() {
        return new DatabaseFacts("bench", currentVersion, true);
    }

    @Override
    public List<TrackedTable> trackedTables() {
        return List.of(new TrackedTable(WideTable.ID, true, rows, true, true));
    }

    @Override
    public boolean seesCommitTimes() {
        return true;
    }

    @Override
    public <T> T inCycle(Isolation isolation, Function<ChangeCycle, T> work) {
        return work.apply(new Cycle(currentVersion));
    }

    @Override
    public void close() {
    }

    private final class Cycle implements ChangeCycle {
        private final long upper;

        Cycle(long upper) {
            this.upper = upper;
        }

        @Override
        public long currentVersion() {
            return upper;
        }

        @Override
        public Optional<Long> minValidVersion(TableId id) {
            return Optional.of(0L);
        }

        @Override
        public Optional<Long> trackingBeginVersion(TableId id) {
            return Optional.of(0L);
        }

        /** The benchmark measures unfiltered capture; its generated rows evaluate no T-SQL. */
        @Override
        public Optional<String> rowFilterError(TableId table, RowFilter filter) {
            return Optional.of("the synthetic benchmark database evaluates no row filter");
        }

        private static void requireNoFilter(Optional<RowFilter> filter) {
            if (filter.isPresent()) {
                throw new IllegalArgumentException("The synthetic benchmark database evaluates no row filter");
            }
        }

        @Override
        public Map<TableId, String> schemaStamps(Collection<TableId> tables) {
            return Map.of(WideTable.ID, "v1");
        }

        @Override
        public TableMetadata metadata(TableId id) {
            return table.metadata();
        }

        @Override
        public List<Object[]> snapshotChunk(TableMetadata metadata, Optional<RowFilter> filter,
                                            Optional<List<Object>> afterKey, int maxRows) {
            requireNoFilter(filter);
            long from = afterKey.map(k -> ((Number) k.get(0)).longValue() + 1).orElse(1L);
            long to = Math.min(rows, from + maxRows - 1);
            List<Object[]> chunk = new ArrayList<>((int) Math.max(0, to - from + 1));
            for (long id = from; id <= to; id++) {
                chunk.add(table.row(id));
            }
            return chunk;
        }

        @Override
        public List<ChangeRow> changes(TableMetadata metadata, Optional<RowFilter> filter, long anchor, long upperBound,
                                       Optional<KeyPosition> after, int maxRows) {
            requireNoFilter(filter);
            long first = Math.max(anchor, after.map(KeyPosition::version).orElse(anchor)) + 1;
            long last = Math.min(upperBound, first + maxRows - 1);
            List<ChangeRow> page = new ArrayList<>((int) Math.max(0, last - first + 1));
            for (long version = first; version <= last; version++) {
                long id = (version - snapshotVersion - 1) % rows + 1;
                page.add(new ChangeRow(ChangeOperation.UPDATE, version, null, null, CHANGED, List.of(id), table.row(id)));
            }
            return page;
        }

        /** One commit per version, a millisecond apart, so commit-time events cost a real map per page. */
        @Override
        public Optional<Long> lastVersionCommittedBefore(Instant time) {
            return Optional.of(Math.min(upper, Math.max(0L, time.toEpochMilli() - EPOCH.toEpochMilli() - 1)));
        }

        @Override
        public Optional<VersionCommit> firstCommitFrom(long version) {
            return version > upper ? Optional.empty() : Optional.of(new VersionCommit(version, EPOCH.plusMillis(version)));
        }

        @Override
        public Map<Long, Instant> commitTimes(long fromVersion, long toVersion) {
            Map<Long, Instant> times = new HashMap<>();
            for (long version = fromVersion; version <= Math.min(toVersion, upper); version++) {
                times.put(version, EPOCH.plusMillis(version));
            }
            return times;
        }
    }
}

