package io.ctsync.sink.reconcile;

import io.ctsync.sink.config.ReconcileMode;
import io.ctsync.sink.config.ReconcileOptions;
import io.ctsync.sink.conflict.ConflictDetector;
import io.ctsync.sink.conflict.ConflictNotice;
import io.ctsync.sink.conflict.Outcome;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.gate.GatePolicy;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.AppliedState;
import io.ctsync.sink.state.StateStore;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reconciliation after a re-snapshot, inside the batch's transaction: each end marker the batch passed is recorded
 * ({@link SnapshotProgress}); when its partition was the last of the snapshot's N, the target rows whose applied version
 * is below V0 (none of them came with the snapshot, no later event touched them: the source no longer has them) are
 * deleted, kept or reported as {@code reconcile.after.snapshot} says. A deleted row leaves a tombstone at V0 - 1: an
 * older event replayed later stays out, a row of the snapshot still parked for its parent (version V0) gets in. Rows
 * the target changed since the sink's last write (tables under conflict detection) are {@code delete-modified}
 * conflicts, decided by the table's rule. A delete a foreign key refuses (a stale parent whose stale children another
 * table still holds: tables reconcile one by one, in the order their end markers are passed) is remembered
 * ({@link PendingDeletes}) and retried whenever a later batch of the connector deletes rows (another table's
 * reconciliation, or change events), each row again only if it is still stale.
 */
public final class Reconciler {

    private static final int EXAMPLE_KEYS = 5;
    /**
     * After the pending table was found empty, a batch that deletes rows without reconciling anything reads it again
     * only this much later: one query per task per period instead of one per batch with deletes. Another task's
     * reconciliation may have remembered rows meanwhile; they wait at most this long (plus the next batch with deletes).
     */
    static final long EMPTY_PENDING_RECHECK_MS = 10_000L;

    private final Dialect dialect;
    private final ReconcileMode mode;
    private final SnapshotProgress progress;
    private final PendingDeletes pending;
    private final StateStore state;
    private final ConflictDetector conflicts;
    private final GatePolicy gate;
    /** Per target table, the V0 of the newest snapshot reconciled; null until read. */
    private Map<TableId, Long> reconciledVersions;
    /** Until when this task takes the pending table to be empty (it read it so, remembered nothing since). */
    private long pendingEmptyUntilMs;

    public Reconciler(Dialect dialect, ReconcileOptions.Settings settings, String connectorName, StateStore state,
                      ConflictDetector conflicts, GatePolicy gate) {
        this.dialect = dialect;
        this.mode = settings.mode();
        this.progress = new SnapshotProgress(dialect, TableId.parse(settings.snapshotsTable()), connectorName);
        this.pending = new PendingDeletes(dialect, TableId.parse(settings.pendingTable()), connectorName);
        this.state = state;
        this.conflicts = conflicts;
        this.gate = gate;
    }

    public TableId table() {
        return progress.table();
    }

    /** The table of the deletes a foreign key refused, retried later. */
    public TableId pendingTable() {
        return pending.table();
    }

    public void ensureTable(JdbcSession session) throws SQLException {
        progress.ensureTable(session);
        pending.ensureTable(session);
    }

    /** What passing a batch's end markers did: the reconciliations, and the conflicts and reports for the topic. */
    public record Result(List<Reconciliation> reconciliations, List<ConflictNotice> notices, int deleted) {
    }

    /** Records the end markers and reconciles every snapshot whose last partition they passed. */
    public Result pass(JdbcSession session, List<SnapshotEnd> ends, long nowMs) throws SQLException {
        List<Reconciliation> done = new ArrayList<>();
        List<ConflictNotice> notices = new ArrayList<>();
        int deleted = 0;
        for (SnapshotEnd end : ends) {
            SnapshotProgress.Standing standing = progress.pass(session, end, nowMs);
            if (standing.reconciledRows() != null || standing.passed() < end.control().partitions()) {
                continue;
            }
            Reconciliation reconciliation = reconcile(session, end, nowMs, notices);
            progress.reconciled(session, end, reconciliation.deleted());
            deleted += reconciliation.deleted();
            done.add(reconciliation);
        }
        return new Result(done, notices, deleted);
    }

    private Reconciliation reconcile(JdbcSession session, SnapshotEnd end, long nowMs, List<ConflictNotice> notices)
            throws SQLException {
        long started = System.currentTimeMillis();
        long v0 = end.control().snapshotVersion();
        Optional<TableDefinition> table = mode == ReconcileMode.KEEP || !gate.enabled() ? Optional.empty()
                : dialect.readTable(session.connection(), end.target());
        if (table.isEmpty()) {
            return result(end, 0, 0, 0, 0, List.of(), started);
        }
        List<StaleRow> stale = staleRows(table.get()).find(session, table.get(), v0);
        List<String> examples = stale.stream().limit(EXAMPLE_KEYS).map(StaleRow::rowKey).toList();
        ChangeEvent event = new ChangeEvent(end.record(), ChangeEvent.Op.DELETE, end.target(), null, v0, "d", null);
        if (mode == ReconcileMode.REPORT) {
            for (StaleRow row : stale) {
                notices.add(ConflictDetector.snapshotMissing(event, row.rowKey(), row.values(), ReconcileOptions.MODE
                        + "=report", "the snapshot " + end.control().snapshotId() + " did not bring the row; "
                        + ReconcileOptions.MODE + "=report keeps it", nowMs));
            }
            return result(end, stale.size(), 0, 0, 0, examples, started);
        }
        List<StaleRow> doomed = decide(session, table.get(), stale, event, nowMs, notices);
        List<StaleRow> deleted = delete(session, table.get(), doomed);
        tombstones(session, table.get(), deleted, v0, nowMs);
        if (deleted.size() < doomed.size()) {
            Set<String> refused = new LinkedHashSet<>();
            doomed.forEach(row -> refused.add(row.rowKey()));
            deleted.forEach(row -> refused.remove(row.rowKey()));
            pendingEmptyUntilMs = 0;
            pending.remember(session, new PendingDeletes.Group(end.target(), end.control().snapshotId(), v0, end.topic(),
                    refused), nowMs);
        }
        return result(end, stale.size(), deleted.size(), stale.size() - doomed.size(), doomed.size() - deleted.size(),
                examples, started);
    }

    /**
     * The rows without the events older than the newest reconciled snapshot of their table: once every partition
     * passed that snapshot's end, no partition brings such an event any more, but a record parked for its parent
     * before the snapshot (retried now) or a replay of the topic does; the snapshot found its row gone (its
     * reconciliation deleted it, or it was not on the target then: parked), so applying it would bring back a row the
     * source no longer has. The reconciled snapshots are read when the task starts and whenever parked records are
     * retried (another task may have reconciled since). Returns the rows to go on with; the obsolete are counted per
     * table in {@code obsolete}.
     */
    public List<PendingRow> withoutObsolete(JdbcSession session, List<PendingRow> rows, boolean passesSnapshotEnds,
                                            Map<TableId, Integer> obsolete, long nowMs) throws SQLException {
        if (mode != ReconcileMode.DELETE || !gate.enabled()) {
            return rows;
        }
        boolean retries = rows.stream().anyMatch(PendingRow::retried);
        if (retries || passesSnapshotEnds) {
            // Before the reconciled snapshots are read and before anything is written (no other lock is held yet).
            progress.lockConnector(session, nowMs);
        }
        if (reconciledVersions == null || retries) {
            reconciledVersions = progress.reconciledVersions(session);
        }
        if (reconciledVersions.isEmpty()) {
            return rows;
        }
        List<PendingRow> kept = new ArrayList<>(rows.size());
        for (PendingRow row : rows) {
            Long v0 = reconciledVersions.get(row.layout().tableId());
            Long version = row.event().version();
            if (v0 != null && version != null && version < v0) {
                obsolete.merge(row.layout().tableId(), 1, Integer::sum);
            } else {
                kept.add(row);
            }
        }
        return kept;
    }

    /** Each deleted row leaves a tombstone at V0 - 1: older events replayed later stay out, the snapshot's rows get in. */
    private void tombstones(JdbcSession session, TableDefinition table, List<StaleRow> deleted, long v0, long nowMs)
            throws SQLException {
        List<StateStore.StateRow> tombstones = new ArrayList<>(deleted.size());
        String stateName = StateStore.tableName(table.id());
        deleted.forEach(row -> tombstones.add(new StateStore.StateRow(stateName, row.rowKey(), v0 - 1, true)));
        state.write(session, tombstones, nowMs);
    }

    /**
     * Retries the connector's deletes a foreign key refused, after this batch deleted rows (their children may be gone
     * now): each row only while it is still stale (applied version below the snapshot's V0, no later event touched
     * it), deleted with a tombstone at V0 - 1 as in the reconciliation, the rest kept for a later retry. Tables are
     * tried again while a pass deletes something, so a grandparent follows its parent in the same batch. One result
     * per table and snapshot whose pending rows changed.
     *
     * @param reconciled the batch reconciled a snapshot: read the pending table whatever this task knew of it
     */
    public List<PendingRetry> retryPending(JdbcSession session, boolean reconciled, long nowMs) throws SQLException {
        if (mode != ReconcileMode.DELETE || !gate.enabled() || (!reconciled && nowMs < pendingEmptyUntilMs)) {
            return List.of();
        }
        Map<List<String>, PendingRetry> results = new LinkedHashMap<>();
        List<PendingDeletes.Group> groups = pending.read(session);
        pendingEmptyUntilMs = groups.isEmpty() ? nowMs + EMPTY_PENDING_RECHECK_MS : 0;
        boolean progressed = true;
        while (progressed && !groups.isEmpty()) {
            progressed = false;
            List<PendingDeletes.Group> left = new ArrayList<>();
            for (PendingDeletes.Group group : groups) {
                Step step = retry(session, group, nowMs);
                if (step.result().deleted() + step.result().noLongerStale() > 0) {
                    progressed = true;
                    results.merge(List.of(group.target().toString(), group.snapshotId()), step.result(), PendingRetry::then);
                }
                if (!step.left().isEmpty()) {
                    left.add(new PendingDeletes.Group(group.target(), group.snapshotId(), group.snapshotVersion(),
                            group.topic(), step.left()));
                }
            }
            groups = left;
        }
        return List.copyOf(results.values());
    }

    /** One retry of one group: what it did, and the rows still pending. */
    private record Step(PendingRetry result, Set<String> left) {
    }

    private Step retry(JdbcSession session, PendingDeletes.Group group, long nowMs) throws SQLException {
        long started = System.currentTimeMillis();
        Set<String> left = new LinkedHashSet<>(group.rowKeys());
        Optional<TableDefinition> table = dialect.readTable(session.connection(), group.target());
        List<StaleRow> stillStale = new ArrayList<>();
        if (table.isPresent()) {
            for (StaleRow row : staleRows(table.get()).find(session, table.get(), group.snapshotVersion())) {
                if (left.contains(row.rowKey())) {
                    stillStale.add(row);
                }
            }
        }
        Set<String> gone = new LinkedHashSet<>(left);
        stillStale.forEach(row -> gone.remove(row.rowKey()));
        int noLongerStale = gone.size();
        List<StaleRow> deleted = table.isEmpty() ? List.of() : delete(session, table.get(), stillStale);
        if (!deleted.isEmpty()) {
            tombstones(session, table.get(), deleted, group.snapshotVersion(), nowMs);
        }
        deleted.forEach(row -> gone.add(row.rowKey()));
        pending.forget(session, group, gone);
        left.removeAll(gone);
        return new Step(new PendingRetry(group.target(), group.topic(), group.snapshotId(), group.snapshotVersion(),
                group.rowKeys().size(), deleted.size(), noLongerStale, left.size(), System.currentTimeMillis() - started),
                left);
    }

    /** The stale rows to delete: all, but for rows the target changed since the sink's last write, as the rule says. */
    private List<StaleRow> decide(JdbcSession session, TableDefinition table, List<StaleRow> stale, ChangeEvent event,
                                  long nowMs, List<ConflictNotice> notices) throws SQLException {
        if (stale.isEmpty() || !conflicts.detects(table.id())) {
            return stale;
        }
        Map<String, AppliedState> stored = state.read(session, StateStore.tableName(table.id()),
                stale.stream().map(StaleRow::rowKey).distinct().toList());
        List<StaleRow> doomed = new ArrayList<>(stale.size());
        for (StaleRow row : stale) {
            AppliedState known = stored.get(row.rowKey());
            ConflictNotice conflict = conflicts.staleDelete(event, row.rowKey(), row.values(),
                    known == null ? null : known.rowHashes(), nowMs);
            if (conflict == null || conflict.resolution().outcome() == Outcome.APPLIED) {
                doomed.add(row);
            }
            if (conflict != null) {
                notices.add(conflict);
            }
        }
        return doomed;
    }

    /**
     * Deletes the rows in one JDBC batch; when the database refuses one for a foreign key (a parent whose children
     * another table still holds), row by row under savepoints, keeping the refused ones. Returns the deleted rows.
     */
    private List<StaleRow> delete(JdbcSession session, TableDefinition table, List<StaleRow> rows) throws SQLException {
        if (rows.isEmpty()) {
            return rows;
        }
        PreparedStatement statement = session.prepare(dialect.delete(table.id(), table.primaryKey(), null));
        Connection connection = session.connection();
        Savepoint before = connection.setSavepoint();
        try {
            for (StaleRow row : rows) {
                bindKey(statement, row);
                statement.addBatch();
            }
            statement.executeBatch();
            return rows;
        } catch (SQLException e) {
            if (!dialect.isForeignKeyViolation(e)) {
                throw e;
            }
            connection.rollback(before);
            statement.clearBatch();
        }
        List<StaleRow> deleted = new ArrayList<>(rows.size());
        for (StaleRow row : rows) {
            Savepoint one = connection.setSavepoint();
            try {
                bindKey(statement, row);
                statement.executeUpdate();
                deleted.add(row);
            } catch (SQLException e) {
                if (!dialect.isForeignKeyViolation(e)) {
                    throw e;
                }
                connection.rollback(one);
            }
        }
        return deleted;
    }

    private static void bindKey(PreparedStatement statement, StaleRow row) throws SQLException {
        for (int k = 0; k < row.key().length; k++) {
            statement.setObject(k + 1, row.key()[k]);
        }
    }

    /** Where the table's applied versions live, as the version gate decides it for the table as it is. */
    private StaleRows staleRows(TableDefinition table) {
        String column = gate.existingVersionColumn(table);
        return column != null ? new VersionColumnStaleRows(dialect, column) : new StateTableStaleRows(dialect, state.table());
    }

    private Reconciliation result(SnapshotEnd end, int found, int deleted, int kept, int refused, List<String> examples,
                                  long started) {
        return new Reconciliation(end.target(), end.topic(), end.control().snapshotId(), end.control().snapshotVersion(),
                end.control().partitions(), mode, found, deleted, kept, refused, examples,
                System.currentTimeMillis() - started);
    }
}
