package io.ctsync.sink.write;

import io.ctsync.sink.buffer.StatementGroup;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.state.SinkCounters;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Savepoint;
import java.sql.Statement;
import java.util.Arrays;
import java.util.List;

/**
 * Executes rows with their cached statements and counts what the driver reports: a statement group as one JDBC batch
 * (the fast path), or rows under a savepoint, so a refused row is undone alone and the transaction goes on (PostgreSQL
 * aborts a whole transaction on one failed statement otherwise).
 */
final class StatementRunner {

    private final JdbcSession session;
    private final SinkCounters counters;
    private final StagedUpserts staged;

    StatementRunner(JdbcSession session, SinkCounters counters) {
        this.session = session;
        this.counters = counters;
        this.staged = new StagedUpserts(session, counters);
    }

    /**
     * The fast path: each group through the staging table where the dialect has one, else as one JDBC batch; a
     * failure fails the transaction.
     */
    void executeGroups(List<StatementGroup> groups) throws SQLException {
        for (StatementGroup group : groups) {
            PendingRow first = group.rows().get(0);
            if (first.wholeUpsert() && staged.write(group.rows())) {
                continue;
            }
            int rowsPerStatement = first.wholeUpsert() ? first.layout().upsertRowsPerStatement() : 1;
            if (rowsPerStatement > 1 && group.rows().size() > 1) {
                executeMultiRowUpserts(group.rows(), rowsPerStatement);
                continue;
            }
            PreparedStatement statement = session.prepare(group.sql());
            for (PendingRow row : group.rows()) {
                row.layout().bind(session.dialect(), statement, row);
                statement.addBatch();
            }
            tally(group.rows(), statement.executeBatch());
        }
    }

    /**
     * Upserts of one group (no key twice) as statements of many rows each: full statements of {@code most} rows as one
     * JDBC batch, the rest in statements of falling powers of two, so a layout needs few distinct statements. The
     * database reports one count per statement, so every row counts as applied without a per-row count.
     */
    private void executeMultiRowUpserts(List<PendingRow> rows, int most) throws SQLException {
        int full = rows.size() / most * most;
        if (full > 0) {
            PreparedStatement statement = session.prepare(rows.get(0).layout().upsertSql(most));
            for (int from = 0; from < full; from += most) {
                bindRows(statement, rows.subList(from, from + most));
                statement.addBatch();
            }
            statement.executeBatch();
        }
        for (int from = full; from < rows.size(); ) {
            int size = Integer.highestOneBit(rows.size() - from);
            PreparedStatement statement = session.prepare(rows.get(from).layout().upsertSql(size));
            bindRows(statement, rows.subList(from, from + size));
            statement.executeUpdate();
            from += size;
        }
        int[] noCounts = new int[rows.size()];
        Arrays.fill(noCounts, Statement.SUCCESS_NO_INFO);
        tally(rows, noCounts);
    }

    private void bindRows(PreparedStatement statement, List<PendingRow> rows) throws SQLException {
        int index = 1;
        for (PendingRow row : rows) {
            index = row.layout().bind(session.dialect(), statement, row, index);
        }
    }

    /**
     * Executes rows sharing one statement (and no key twice) as one JDBC batch under a savepoint. Returns null when
     * they were applied, else the database's failure, with the rows undone and the transaction usable; throws a
     * transient failure when the transaction did not survive it (its savepoint is gone).
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
            rollBackTo(connection, savepoint, e);
            return e;
        }
    }

    /**
     * Undoes the rows after {@code savepoint}. When the savepoint is gone the database ended the whole transaction
     * (InnoDB does for a deadlock, savepoints with it), whatever the rows' own failure says: in a pipelined JDBC batch
     * a deadlock of one statement can be reported as another's foreign key failure, which would otherwise fail the
     * task as a refused record. The batch must start over: a transient failure is thrown, the rows' failure as its
     * cause and the savepoint's kept as suppressed, and the broken transaction goes no further.
     */
    private static void rollBackTo(Connection connection, Savepoint savepoint, SQLException failure) throws SQLException {
        try {
            connection.rollback(savepoint);
        } catch (SQLException savepointGone) {
            SQLTransactionRollbackException ended = new SQLTransactionRollbackException("The database rolled back the "
                    + "batch's transaction while applying rows (" + failure.getMessage() + "): the batch starts over",
                    "40000", failure);
            ended.addSuppressed(savepointGone);
            throw ended;
        }
    }

    private void tally(List<PendingRow> rows, int[] counts) {
        for (int i = 0; i < counts.length && i < rows.size(); i++) {
            PendingRow row = rows.get(i);
            boolean delete = row.event().isDelete();
            boolean gatedInSql = row.layout().gatesInSql(row.event());
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
