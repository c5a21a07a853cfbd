package io.ctsync.sink.write;

import io.ctsync.sink.buffer.StatementGroup;
import io.ctsync.sink.state.SinkCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.List;

/**
 * Executes rows with their cached statements and counts what the driver reports: a statement group as one JDBC batch
 * (the fast path), or rows under a savepoint, so a refused row is undone alone and the transaction goes on (PostgreSQL
 * aborts a whole transaction on one failed statement otherwise).
 */
final class StatementRunner {

    private final JdbcSession session;
    private final SinkCounters counters;

    StatementRunner(JdbcSession session, SinkCounters counters) {
        this.session = session;
        this.counters = counters;
    }

    /** The fast path: each group as one JDBC batch; a failure fails the transaction. */
    void executeGroups(List<StatementGroup> groups) throws SQLException {
        for (StatementGroup group : groups) {
            PreparedStatement statement = session.prepare(group.sql());
            for (PendingRow row : group.rows()) {
                row.layout().bind(session.dialect(), statement, row);
                statement.addBatch();
            }
            tally(group.rows(), statement.executeBatch());
        }
    }

    /**
     * Executes rows sharing one statement (and no key twice) as one JDBC batch under a savepoint. Returns null when
     * they were applied, else the database's failure, with the rows undone and the transaction usable.
     */
    SQLException tryRows(List<PendingRow> rows) throws SQLException {
        Connection connection = session.connection();
        PreparedStatement statement = session.prepare(rows.get(0).sql());
        Savepoint savepoint = connection.setSavepoint();
        try {
            int[] counts;
            if (rows.size() == 1) {
                rows.get(0).layout().bind(session.dialect(), statement, rows.get(0));
                counts = new int[] {statement.executeUpdate()};
            } else {
                for (PendingRow row : rows) {
                    row.layout().bind(session.dialect(), statement, row);
                    statement.addBatch();
                }
                counts = statement.executeBatch();
            }
            if (session.dialect().releasesSavepoints()) {
                connection.releaseSavepoint(savepoint);
            }
            tally(rows, counts);
            return null;
        } catch (SQLException e) {
            statement.clearBatch();
            connection.rollback(savepoint);
            return e;
        }
    }

    private void tally(List<PendingRow> rows, int[] counts) {
        for (int i = 0; i < counts.length && i < rows.size(); i++) {
            PendingRow row = rows.get(i);
            boolean delete = row.event().isDelete();
            boolean gatedInSql = row.layout().versionColumn() && row.event().version() != null;
            if (counts[i] == Statement.SUCCESS_NO_INFO) {
                counters.applied(delete, 1);
                if (gatedInSql && !delete) {
                    counters.unconfirmed(1);
                }
            } else if (counts[i] == 0 && gatedInSql && !delete) {
                counters.duplicates(1);
            } else {
                counters.applied(delete, 1);
            }
        }
    }
}
