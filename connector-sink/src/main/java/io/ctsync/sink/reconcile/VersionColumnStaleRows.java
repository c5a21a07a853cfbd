package io.ctsync.sink.reconcile;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Versions in a column of the target table: the stale rows are those whose version column is below V0 (rows without
 * a version, which the sink never wrote with one, are not the sink's to judge and stay).
 */
final class VersionColumnStaleRows implements StaleRows {

    private final Dialect dialect;
    private final String versionColumn;

    VersionColumnStaleRows(Dialect dialect, String versionColumn) {
        this.dialect = dialect;
        this.versionColumn = versionColumn;
    }

    @Override
    public List<StaleRow> find(JdbcSession session, TableDefinition table, long snapshotVersion) throws SQLException {
        String sql = dialect.lockingSelect("*", table.id(), dialect.quote(versionColumn) + " < ?");
        List<StaleRow> rows = new ArrayList<>();
        PreparedStatement statement = session.prepare(sql);
        statement.setLong(1, snapshotVersion);
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                rows.add(TargetRows.read(rs, table, Set.of(versionColumn)));
            }
        }
        return rows;
    }
}
