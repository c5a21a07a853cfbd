package io.ctsync.sink.reconcile;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.StateStore;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Versions in the sink's state table (the target schema stays untouched): the stale rows are the target rows whose
 * state says "present, version below V0". The state rows are read locked; the target is then scanned once and its
 * rows matched by their row key. Rows without state (never written by the sink with a version) stay.
 */
final class StateTableStaleRows implements StaleRows {

    private final Dialect dialect;
    private final String staleSql;

    StateTableStaleRows(Dialect dialect, TableId stateTable) {
        this.dialect = dialect;
        this.staleSql = dialect.lockingSelect(dialect.quote("row_key"), stateTable, dialect.quote("table_name")
                + " = ? AND " + dialect.quote("deleted") + " = ? AND " + dialect.quote("version") + " < ?");
    }

    @Override
    public List<StaleRow> find(JdbcSession session, TableDefinition table, long snapshotVersion) throws SQLException {
        Set<String> stale = new HashSet<>();
        PreparedStatement statement = session.prepare(staleSql);
        statement.setString(1, StateStore.tableName(table.id()));
        dialect.bind(statement, 2, FieldType.of(Kind.BOOLEAN), Boolean.FALSE);
        statement.setLong(3, snapshotVersion);
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                stale.add(rs.getString(1));
            }
        }
        List<StaleRow> rows = new ArrayList<>(stale.size());
        if (stale.isEmpty()) {
            return rows;
        }
        try (var scan = session.connection().createStatement();
             ResultSet rs = scan.executeQuery("SELECT * FROM " + dialect.qualified(table.id()))) {
            while (rs.next()) {
                StaleRow row = TargetRows.read(rs, table, Set.of());
                if (stale.contains(row.rowKey())) {
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
