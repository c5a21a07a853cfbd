package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.Column;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** The statements of one model transaction. Its changes get the version the commit assigns. */
public final class ModelTransaction {

    private final ChangeTrackingModel model;
    private final byte[] context;
    private final long version;
    private boolean changedTrackedTable;

    ModelTransaction(ChangeTrackingModel model, byte[] context) {
        this.model = model;
        this.context = context;
        this.version = model.currentVersion + 1;
    }

    public ModelTransaction insert(String schema, String table, Map<String, Object> row) {
        ModelTable t = model.table(schema, table);
        Map<String, Object> copy = new HashMap<>();
        for (Column column : t.columns) {
            copy.put(column.name(), row.get(column.name()));
        }
        List<Object> key = t.keyOf(copy);
        if (t.rows.containsKey(key)) {
            throw new IllegalStateException("Violation of PRIMARY KEY constraint: duplicate key " + key + " in " + t.id);
        }
        t.rows.put(key, copy);
        record(t, key, 'I', null);
        return this;
    }

    /** {@code UPDATE t SET <set> WHERE <key>}; setting key columns to new values moves the row to a new key. */
    public ModelTransaction update(String schema, String table, List<Object> key, Map<String, Object> set) {
        ModelTable t = model.table(schema, table);
        Map<String, Object> row = t.rows.get(key);
        if (row == null) {
            return this;
        }
        Map<String, Object> updated = new HashMap<>(row);
        updated.putAll(set);
        List<Object> newKey = t.keyOf(updated);
        if (Keys.compare(newKey, key) != 0) {
            // CHANGETABLE remarks: a primary-key change is a delete of the old value and an insert of the new one.
            t.rows.remove(key);
            record(t, key, 'D', null);
            t.rows.put(newKey, updated);
            record(t, newKey, 'I', null);
            return this;
        }
        t.rows.put(key, updated);
        Set<String> nonKey = t.columns.stream().filter(c -> !c.isKey()).map(Column::name).collect(Collectors.toSet());
        Set<String> columns = new HashSet<>(set.keySet());
        columns.retainAll(nonKey);
        // SYS_CHANGE_COLUMNS is NULL when all non-key columns were updated in one operation.
        record(t, key, 'U', columns.containsAll(nonKey) ? null : columns);
        return this;
    }

    public ModelTransaction delete(String schema, String table, List<Object> key) {
        ModelTable t = model.table(schema, table);
        if (t.rows.remove(key) != null) {
            record(t, key, 'D', null);
        }
        return this;
    }

    private void record(ModelTable table, List<Object> key, char operation, Set<String> columns) {
        if (!table.tracked || !model.changeTrackingOn) {
            return;
        }
        table.history.computeIfAbsent(new ArrayList<>(key), k -> new ArrayList<>())
                .add(new ModelTable.Change(version, operation, columns == null ? null : Set.copyOf(columns), context));
        changedTrackedTable = true;
    }

    long commit() {
        if (changedTrackedTable) {
            model.currentVersion = version;
            model.commits.put(version, model.clock.instant());
        }
        return model.currentVersion;
    }
}
