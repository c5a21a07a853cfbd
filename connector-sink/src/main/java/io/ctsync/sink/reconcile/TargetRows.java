package io.ctsync.sink.reconcile;

import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.state.RowKeys;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/** Reads rows of {@code SELECT *} as stale rows: key values by the table's primary key, the other columns' values. */
final class TargetRows {

    private TargetRows() {
    }

    /** The row under the cursor; {@code skipped} columns (the version column) are left out of the values. */
    static StaleRow read(ResultSet rs, TableDefinition table, Set<String> skipped) throws SQLException {
        ResultSetMetaData meta = rs.getMetaData();
        List<String> keyColumns = table.primaryKey();
        Set<String> keys = keyColumns.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Set<String> skip = skipped.stream().map(c -> c.toLowerCase(Locale.ROOT)).collect(Collectors.toSet());
        Object[] key = new Object[keyColumns.size()];
        Map<String, Object> values = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
            String name = meta.getColumnLabel(i);
            String lower = name.toLowerCase(Locale.ROOT);
            if (keys.contains(lower)) {
                for (int k = 0; k < keyColumns.size(); k++) {
                    if (keyColumns.get(k).equalsIgnoreCase(name)) {
                        key[k] = rs.getObject(i);
                    }
                }
            } else if (!skip.contains(lower)) {
                values.put(name, value(rs, i));
            }
        }
        return new StaleRow(key, RowKeys.encode(key), values);
    }

    /** A value as conflict detection hashes it (large objects as their text or bytes). */
    private static Object value(ResultSet rs, int index) throws SQLException {
        Object value = rs.getObject(index);
        if (value instanceof Clob || value instanceof SQLXML) {
            return rs.getString(index);
        }
        if (value instanceof Blob) {
            return rs.getBytes(index);
        }
        return value;
    }
}
