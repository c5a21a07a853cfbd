package io.ctsync.sink.dialect;

import io.ctsync.sink.schema.TableId;
import java.util.List;

/**
 * {@code INSERT … ON CONFLICT (key) DO UPDATE SET … WHERE <gate>}: the upsert of PostgreSQL and SQLite. Written
 * as a plain {@code INSERT … VALUES} so PostgreSQL's driver can rewrite a batch into multi-row inserts.
 */
final class OnConflictUpsert {

    private OnConflictUpsert() {
    }

    static String sql(Dialect dialect, TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return sql(dialect, table, keyColumns, valueColumns, versionColumn, null);
    }

    /**
     * The same upsert taking its rows from {@code SELECT <the columns> FROM stagingTable} instead of one row of
     * parameters; {@code stagingTable} is already qualified and quoted.
     */
    static String sql(Dialect dialect, TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn,
                      String stagingTable) {
        StringBuilder sql = new StringBuilder("INSERT INTO ").append(dialect.qualified(table)).append(" AS t (");
        StringBuilder columns = new StringBuilder();
        StringBuilder values = new StringBuilder();
        int count = 0;
        for (List<String> group : List.of(keyColumns, valueColumns)) {
            for (String column : group) {
                columns.append(count == 0 ? "" : ", ").append(dialect.quote(column));
                values.append(count++ == 0 ? "?" : ", ?");
            }
        }
        if (versionColumn != null) {
            columns.append(", ").append(dialect.quote(versionColumn));
            values.append(", ?");
        }
        sql.append(columns);
        if (stagingTable == null) {
            sql.append(") VALUES (").append(values).append(')');
        } else {
            sql.append(") SELECT ").append(columns).append(" FROM ").append(stagingTable);
        }
        sql.append(" ON CONFLICT (");
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(dialect.quote(keyColumns.get(i)));
        }
        sql.append(')');
        if (valueColumns.isEmpty() && versionColumn == null) {
            return sql.append(" DO NOTHING").toString();
        }
        sql.append(" DO UPDATE SET ");
        int assigned = 0;
        for (String column : valueColumns) {
            sql.append(assigned++ == 0 ? "" : ", ").append(dialect.quote(column)).append(" = EXCLUDED.").append(dialect.quote(column));
        }
        if (versionColumn != null) {
            String version = dialect.quote(versionColumn);
            sql.append(assigned == 0 ? "" : ", ").append(version).append(" = EXCLUDED.").append(version)
                    .append(" WHERE t.").append(version).append(" IS NULL OR EXCLUDED.").append(version)
                    .append(" IS NULL OR t.").append(version).append(" < EXCLUDED.").append(version);
        }
        return sql.toString();
    }
}
