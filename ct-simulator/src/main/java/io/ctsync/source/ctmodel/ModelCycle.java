package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeOperation;
import io.ctsync.source.tracking.ChangeRow;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.KeyPosition;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import io.ctsync.source.tracking.VersionCommit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Map.Entry;
import java.util.Optional;
import java.util.Set;

/** One poll cycle against the model; the caller holds the model's lock, so the view is consistent. */
final class ModelCycle implements ChangeCycle {

    private final ChangeTrackingModel model;

    ModelCycle(ChangeTrackingModel model) {
        this.model = model;
    }

    @Override
    public long currentVersion() {
        if (!model.changeTrackingOn) {
            throw new IllegalStateException("CHANGE_TRACKING_CURRENT_VERSION() is NULL: Change Tracking is off");
        }
        return model.currentVersion;
    }

    /** CHANGE_TRACKING_MIN_VALID_VERSION: NULL for an unknown or untracked table or without VIEW CHANGE TRACKING. */
    @Override
    public Optional<Long> minValidVersion(TableId table) {
        ModelTable t = model.tables.get(table);
        if (!model.changeTrackingOn || t == null || !t.tracked || !t.canViewChanges) {
            return Optional.empty();
        }
        return Optional.of(t.minValidVersion);
    }

    /** sys.change_tracking_tables.begin_version; no row (empty) for an unknown or untracked table. */
    @Override
    public Optional<Long> trackingBeginVersion(TableId table) {
        ModelTable t = model.tables.get(table);
        if (!model.changeTrackingOn || t == null || !t.tracked) {
            return Optional.empty();
        }
        return Optional.of(t.beginVersion);
    }

    @Override
    public Map<TableId, String> schemaStamps(Collection<TableId> tables) {
        Map<TableId, String> stamps = new HashMap<>();
        for (TableId id : tables) {
            ModelTable t = model.tables.get(id);
            if (t != null) {
                stamps.put(id, Integer.toString(t.schemaStamp));
            }
        }
        return stamps;
    }

    @Override
    public TableMetadata metadata(TableId table) {
        return table(table).metadata();
    }

    @Override
    public List<Object[]> snapshotChunk(TableMetadata table, Optional<RowFilter> filter, Optional<List<Object>> afterKey,
                                        int maxRows) {
        model.faults.beforeChunk();
        ModelTable t = table(table.id());
        requireSelect(t);
        var rows = afterKey.isPresent() ? t.rows.tailMap(afterKey.get(), false) : t.rows;
        List<Object[]> chunk = new ArrayList<>();
        for (Map<String, Object> row : rows.values()) {
            if (chunk.size() == maxRows) {
                break;
            }
            if (filter.isEmpty() || model.rowFilters.matches(t.metadata(), filter.get(), row)) {
                chunk.add(project(table, row));
            }
        }
        return chunk;
    }

    /** Compiles the filter over the table's current definition, as SQL Server compiles SELECT TOP 0 ... WHERE. */
    @Override
    public Optional<String> rowFilterError(TableId table, RowFilter filter) {
        ModelTable t = table(table);
        return model.rowFilters.error(t.metadata(), filter);
    }

    /**
     * CHANGETABLE(CHANGES t, anchor): one row per key changed after the anchor, relative to it (CHANGETABLE remarks):
     * the first change after the anchor tells whether the row existed then (an insert: it did not), the last whether
     * it exists now. Existed and exists: U (a delete followed by a re-insert is "an update to all columns"); did not
     * and does: I; existed and does not: D. Inserted and deleted since the anchor: the side table's last operation,
     * D. SYS_CHANGE_COLUMNS is the union of the updates' columns, NULL if any update set every column, if an insert
     * or delete happened in between, or when the table does not track columns. SYS_CHANGE_VERSION and
     * SYS_CHANGE_CONTEXT are the last change's.
     */
    @Override
    public List<ChangeRow> changes(TableMetadata table, Optional<RowFilter> filter, long anchor, long upper,
                                   Optional<KeyPosition> after, int maxRows) {
        model.faults.beforePage();
        ModelTable t = table(table.id());
        if (!t.tracked) {
            throw new IllegalStateException("Change tracking is not enabled on table '" + t.id + "'");
        }
        requireSelect(t);
        List<ChangeRow> rows = new ArrayList<>();
        for (Entry<List<Object>, List<ModelTable.Change>> entry : t.history.entrySet()) {
            List<ModelTable.Change> since = entry.getValue().stream().filter(c -> c.version() > anchor).toList();
            if (since.isEmpty()) {
                continue;
            }
            ChangeRow row = netChange(t, table, entry.getKey(), since, filter);
            if (row.version() <= upper && isAfter(row, after)) {
                rows.add(row);
            }
        }
        rows.sort(Comparator.comparingLong(ChangeRow::version).thenComparing(ChangeRow::key, Keys.ORDER));
        return rows.size() > maxRows ? new ArrayList<>(rows.subList(0, maxRows)) : rows;
    }

    /**
     * With a row filter, the change query joins CHANGETABLE to the current row and tests the filter on it: there is no
     * before-image (Change Tracking records only that a key changed), so only the current row can be tested.
     */
    private ChangeRow netChange(ModelTable t, TableMetadata table, List<Object> key, List<ModelTable.Change> since,
                                Optional<RowFilter> filter) {
        ModelTable.Change first = since.get(0);
        ModelTable.Change last = since.get(since.size() - 1);
        boolean existedAtAnchor = first.operation() != 'I';
        boolean existsNow = last.operation() != 'D';
        ChangeOperation op = existedAtAnchor && existsNow ? ChangeOperation.UPDATE
                : existsNow ? ChangeOperation.INSERT : ChangeOperation.DELETE;
        Set<String> columns = null;
        if (op == ChangeOperation.UPDATE && t.trackColumnsUpdated && since.stream().allMatch(c -> c.operation() == 'U'
                && c.columns() != null)) {
            columns = new HashSet<>();
            for (ModelTable.Change c : since) {
                columns.addAll(c.columns());
            }
        }
        Long creation = t.history.get(key).stream().filter(c -> c.operation() == 'I')
                .map(ModelTable.Change::version).reduce((a, b) -> b).orElse(null);
        Map<String, Object> row = t.rows.get(key);
        Object[] values = op == ChangeOperation.DELETE || row == null ? null : project(table, row);
        boolean matches = filter.isEmpty() || row == null || model.rowFilters.matches(t.metadata(), filter.get(), row);
        return new ChangeRow(op, last.version(), creation, last.context(), columns, List.copyOf(key), values, matches);
    }

    private static boolean isAfter(ChangeRow row, Optional<KeyPosition> after) {
        if (after.isEmpty()) {
            return true;
        }
        KeyPosition position = after.get();
        return row.version() > position.version()
                || (row.version() == position.version() && Keys.compare(row.key(), position.key()) > 0);
    }

    private static Object[] project(TableMetadata table, Map<String, Object> row) {
        List<Column> columns = table.columns();
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = row.get(columns.get(i).name());
        }
        return values;
    }

    private void requireSelect(ModelTable t) {
        if (!t.canSelect) {
            throw new IllegalStateException("The SELECT permission was denied on the object '" + t.id.table() + "'");
        }
    }

    private ModelTable table(TableId id) {
        ModelTable t = model.tables.get(id);
        if (t == null) {
            throw new IllegalStateException("Invalid object name '" + id.qualified() + "'");
        }
        return t;
    }

    /** sys.dm_tran_commit_table: MAX(commit_ts) WHERE commit_time < time, over the retained commits. */
    @Override
    public Optional<Long> lastVersionCommittedBefore(Instant time) {
        return model.commitTimes.entrySet().stream().filter(e -> e.getValue().isBefore(time)).map(Entry::getKey)
                .max(Long::compare);
    }

    @Override
    public Optional<VersionCommit> firstCommitFrom(long version) {
        return Optional.ofNullable(model.commitTimes.ceilingEntry(version))
                .map(e -> new VersionCommit(e.getKey(), e.getValue()));
    }

    @Override
    public Map<Long, Instant> commitTimes(long fromVersion, long toVersion) {
        return fromVersion > toVersion ? Map.of() : new HashMap<>(model.commitTimes.subMap(fromVersion, true, toVersion, true));
    }
}
