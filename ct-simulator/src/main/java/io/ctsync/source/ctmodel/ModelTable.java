package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One table of the model: its definition, its rows in primary-key order, and, when tracked, the change history per
 * key that Change Tracking's side table keeps (one entry per transaction that changed the key).
 */
final class ModelTable {

    /** One change of one key by one transaction. {@code columns} null means every column (or not tracked). */
    record Change(long version, char operation, java.util.Set<String> columns, byte[] context) {
    }

    final TableId id;
    final List<Column> columns = new ArrayList<>();
    final TreeMap<List<Object>, Map<String, Object>> rows = new TreeMap<>(Keys.ORDER);
    final TreeMap<List<Object>, List<Change>> history = new TreeMap<>(Keys.ORDER);
    int nextColumnId = 1;
    int schemaStamp = 1;
    boolean tracked;
    boolean trackColumnsUpdated;
    long minValidVersion;
    /** sys.change_tracking_tables.begin_version: set when tracking is enabled, reset by TRUNCATE TABLE. */
    long beginVersion;
    boolean canSelect = true;
    boolean canViewChanges = true;

    ModelTable(TableId id) {
        this.id = id;
    }

    TableMetadata metadata() {
        return new TableMetadata(id, columns, trackColumnsUpdated);
    }

    List<Column> keyColumns() {
        return metadata().keyColumns();
    }

    List<Object> keyOf(Map<String, Object> row) {
        List<Object> key = new ArrayList<>();
        for (Column column : keyColumns()) {
            key.add(row.get(column.name()));
        }
        return key;
    }

    Map<String, Object> copy(Map<String, Object> row) {
        return new HashMap<>(row);
    }

    Column column(String name) {
        return columns.stream().filter(c -> c.name().equals(name)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException(id + " has no column " + name));
    }
}
