package io.ctsync.sink.write;

import io.ctsync.sink.dialect.StagedUpsert;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayout;
import io.ctsync.sink.state.SinkCounters;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The fast path's set-based upserts, where the dialect has them ({@link StagedUpsert}): a group of whole-row upserts
 * of one layout is loaded into the session's staging table and applied with one gated statement, whose update count
 * tells how many rows the version column held back. One instance per transaction. A failure fails the transaction
 * like a failed batch; the isolating path then applies the rows as statements under savepoints.
 */
final class StagedUpserts {

    private final JdbcSession session;
    private final SinkCounters counters;
    private final Optional<StagedUpsert> staged;
    /** Staging tables loaded in this transaction: one loaded again is emptied first. */
    private final Set<String> loaded = new HashSet<>();

    StagedUpserts(JdbcSession session, SinkCounters counters) {
        this.session = session;
        this.counters = counters;
        this.staged = session.dialect().stagedUpsert();
    }

    /**
     * Writes these whole-row upserts (no key twice) through the staging table and returns true; returns false, having
     * written nothing, when they are to go as statements (too few, several layouts, or a value that cannot be staged).
     */
    boolean write(List<PendingRow> rows) throws SQLException {
        if (staged.isEmpty() || rows.size() < staged.get().minRows()) {
            return false;
        }
        StagedUpsert upsert = staged.get();
        RowLayout layout = rows.get(0).layout();
        StringBuilder data = new StringBuilder(rows.size() * 160);
        for (PendingRow row : rows) {
            if (row.layout() != layout || !row.wholeUpsert() || !layout.appendStaged(upsert, data, row)) {
                return false;
            }
        }
        session.ensureSessionObject(layout.stagingDdl(upsert));
        if (!loaded.add(layout.stagingTable())) {
            try (Statement statement = session.connection().createStatement()) {
                statement.execute(upsert.clearStaging(layout.stagingTable()));
            }
        }
        upsert.load(session.connection(), layout.stagingTable(), layout.stagedColumns(), data.toString());
        int changed = session.prepare(layout.upsertFromStagingSql(upsert)).executeUpdate();
        counters.applied(false, changed);
        counters.duplicates(rows.size() - changed);
        return true;
    }
}
