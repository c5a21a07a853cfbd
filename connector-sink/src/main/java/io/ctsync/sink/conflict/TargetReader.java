package io.ctsync.sink.conflict;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayout;
import java.sql.Blob;
import java.sql.Clob;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLXML;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the current target rows of a batch's keys: one keyed query per table (in chunks of up to 256 keys), locking
 * the rows until the batch commits so nobody changes them between the read and the write. Each returned row says
 * which asked key it is by a {@code CASE} over the keys, so the database's own comparison matches keys of any type.
 * The rows are found with {@code key IN (…)} (row values for composite keys where the database has them): a long
 * chain of {@code OR}s makes PostgreSQL's cached generic plan scan the whole table.
 */
final class TargetReader {

    private static final int[] BUCKETS = {1, 16, 64, 256};

    private final Dialect dialect;

    TargetReader(Dialect dialect) {
        this.dialect = dialect;
    }

    /** The rows that exist, by row key; {@code rows} have distinct keys and share {@code layout}. */
    Map<String, TargetRow> read(JdbcSession session, RowLayout layout, List<PendingRow> rows, String newerColumn, boolean lock)
            throws SQLException {
        Map<String, TargetRow> found = new HashMap<>();
        List<String> columns = layout.valueColumns();
        int newerIndex = newerColumn == null ? -1 : columns.indexOf(newerColumn);
        for (int from = 0; from < rows.size(); ) {
            int bucket = bucket(rows.size() - from);
            int take = Math.min(bucket, rows.size() - from);
            PreparedStatement statement = session.prepare(sql(layout, columns, bucket, lock));
            int index = 1;
            for (int pass = 0; pass < 2; pass++) {
                for (int i = 0; i < bucket; i++) {
                    // A short chunk repeats its last key: a few bucket sizes keep the statement cache small.
                    PendingRow row = rows.get(from + Math.min(i, take - 1));
                    for (int k = 0; k < row.key().length; k++) {
                        dialect.bind(statement, index++, layout.keyType(k), row.key()[k]);
                    }
                }
            }
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> values = new LinkedHashMap<>();
                    for (int c = 0; c < columns.size(); c++) {
                        values.put(columns.get(c), value(rs, c + 2));
                    }
                    Object newer = newerIndex < 0 ? null : NewerValues.read(rs, newerIndex + 2);
                    found.put(rows.get(from + Math.min(rs.getInt(1), take - 1)).rowKey(), new TargetRow(values, newer));
                }
            }
            from += take;
        }
        return found;
    }

    private String sql(RowLayout layout, List<String> columns, int keys, boolean lock) {
        StringBuilder select = new StringBuilder("CASE");
        String match = keyMatch(layout.keyColumns());
        for (int i = 0; i < keys; i++) {
            select.append(" WHEN ").append(match).append(" THEN ").append(i);
        }
        String where = keyIn(layout.keyColumns(), keys);
        select.append(" END");
        columns.forEach(c -> select.append(", ").append(dialect.quote(c)));
        return lock ? dialect.lockingSelect(select.toString(), layout.tableId(), where)
                : "SELECT " + select + " FROM " + dialect.qualified(layout.tableId()) + " WHERE " + where;
    }

    private String keyIn(List<String> keyColumns, int keys) {
        if (keyColumns.size() > 1 && !dialect.rowValueIn()) {
            StringBuilder where = new StringBuilder();
            for (int i = 0; i < keys; i++) {
                where.append(i == 0 ? "" : " OR ").append(keyMatch(keyColumns));
            }
            return where.toString();
        }
        StringBuilder columns = new StringBuilder();
        keyColumns.forEach(c -> columns.append(columns.length() == 0 ? "" : ", ").append(dialect.quote(c)));
        String one = keyColumns.size() == 1 ? "?" : "(" + "?, ".repeat(keyColumns.size() - 1) + "?)";
        return (keyColumns.size() == 1 ? columns : "(" + columns + ")") + " IN (" + (one + ", ").repeat(keys - 1) + one + ")";
    }

    private String keyMatch(List<String> keyColumns) {
        StringBuilder match = new StringBuilder("(");
        dialect.appendKeyMatch(match, keyColumns);
        return match.append(')').toString();
    }

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

    private static int bucket(int count) {
        for (int size : BUCKETS) {
            if (count <= size) {
                return size;
            }
        }
        return BUCKETS[BUCKETS.length - 1];
    }
}
