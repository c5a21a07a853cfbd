package io.ctsync.sink.write;

import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.buffer.TableBuffer;
import io.ctsync.sink.config.FailureOptions;
import io.ctsync.sink.conflict.ConflictDetector;
import io.ctsync.sink.conflict.ConflictNotice;
import io.ctsync.sink.conflict.ConflictTopic;
import io.ctsync.sink.error.DeadLetter;
import io.ctsync.sink.error.DeadLetterQueue;
import io.ctsync.sink.error.FailureClassifier;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.gate.VersionGate;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.offset.OffsetStore;
import io.ctsync.sink.park.ParkedStore;
import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.reconcile.Reconciler;
import io.ctsync.sink.row.FailedRow;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowRef;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.AppliedState;
import io.ctsync.sink.state.SinkCounters;
import io.ctsync.sink.state.StateStore;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Applies one batch (the records the task gathered) in one transaction. Rows are prepared ({@link BatchInput}), then per table the
 * version gate holds back duplicates and conflict detection decides (one state read and one target read per table),
 * then rows are written: the fast path as one JDBC batch per table and statement; the isolating path, after the
 * database refused the fast one, in arrival order under savepoints, setting aside what the database refuses. Rows of
 * parked records (and the later events of their rows) go last, under savepoints: a child after its parent; a later
 * event of the whole row supersedes the row's parked records (see {@link IsolatedPass}). Then the
 * state, the parked table and the offsets are written, dead letters and conflicts are acknowledged by Kafka, and the
 * transaction commits. Any failure leaves nothing behind: the caller rolls back.
 */
final class BatchWriter {

    /** Everything a batch works with. */
    public record Parts(JdbcSession session, BatchInput input, VersionGate gate, StateStore state, OffsetStore offsets,
                        ParkedStore parkedStore, ParkingLot parking, ConflictDetector conflicts, ConflictTopic conflictTopic,
                        DeadLetterQueue deadLetters, FailureClassifier classifier, Reconciler reconciler) {
    }

    private final Parts p;
    private final JdbcSession session;
    private final boolean reduce;
    private final long fkRetryMaxMs;
    private final boolean fkDefer;

    public BatchWriter(Parts parts, boolean reduce, FailureOptions.Settings failures) {
        this.p = parts;
        this.session = parts.session();
        this.reduce = reduce;
        this.fkRetryMaxMs = failures.fkRetryMaxMs();
        this.fkDefer = failures.fkDefer() && parts.session().dialect().deferForeignKeys().isPresent();
    }

    /**
     * Writes and commits the records and the parked records due for a retry (and those of the rows the records write).
     *
     * @param committed the next offset the target holds per partition (records below it are skipped)
     * @param isolate   take the isolating path at once (the fast path failed on a record)
     */
    public BatchOutcome write(Collection<SinkRecord> records, Map<TopicPartition, Long> committed, List<ParkedRecord> due,
                              boolean isolate) throws SQLException, InterruptedException {
        long now = System.currentTimeMillis();
        BatchOutcome outcome = new BatchOutcome();
        StatementRunner runner = new StatementRunner(session, outcome.counts);
        IsolatedPass isolated = new IsolatedPass(runner, p.classifier());
        BatchInput.Prepared prepared = p.input().prepare(session, records, committed, due, p.parking(),
                p.deadLetters().tolerates(), outcome);
        List<PendingRow> rows = prepared.rows();
        List<ParkedRecord> retries = prepared.retries();
        boolean defer = fkDefer && !isolate;
        if (defer) {
            execute(session.dialect().deferForeignKeys().orElseThrow());
        }
        rows = p.reconciler().withoutObsolete(session, rows, !outcome.snapshotEnds.isEmpty(), outcome.obsolete, now);
        outcome.obsolete.values().forEach(outcome.counts::duplicates);
        Decided decided = decide(rows, now, outcome.counts);
        Written written = new Written();
        if (isolate) {
            IsolatedPass.Result result = isolated.run(bySeq(decided.first), new HashSet<>());
            // Refused for a foreign key: tried again after the rest of the batch (the second pass).
            decided.last.addAll(result.blocked().keySet());
            result.blocked().clear();
            written.add(result);
        } else {
            executeFast(runner, decided.first, written);
        }
        if (!decided.last.isEmpty()) {
            if (defer) {
                execute(session.dialect().foreignKeyChecksImmediate().orElseThrow());
            }
            written.add(isolated.run(bySeq(decided.last), heldRows(decided.last, retries)));
        }
        settle(written, retries, now, outcome);
        writeState(decided, written);
        for (ParkedRecord parked : outcome.parked) {
            p.parkedStore().insert(session, parked);
        }
        for (ParkedRecord released : outcome.released) {
            p.parkedStore().delete(session, released);
        }
        Reconciler.Result reconciled = outcome.snapshotEnds.isEmpty() ? null
                : p.reconciler().pass(session, outcome.snapshotEnds, now);
        if (!outcome.next.isEmpty()) {
            p.offsets().write(session, outcome.next, committed, now);
        }
        for (PendingRow row : bySeq(new ArrayList<>(decided.notices.keySet()))) {
            if (!written.blocked.containsKey(row) && !written.refused.containsKey(row) && !written.superseded.contains(row)) {
                outcome.conflicts.add(decided.notices.get(row));
            }
        }
        if (reconciled != null) {
            outcome.conflicts.addAll(reconciled.notices());
            outcome.reconciliations.addAll(reconciled.reconciliations());
            outcome.counts.applied(true, reconciled.deleted());
        }
        if (outcome.counts.deletes() > 0) {
            // Rows are gone: stale parents a foreign key kept may be deletable now.
            outcome.pendingRetries.addAll(p.reconciler().retryPending(session,
                    reconciled != null && !reconciled.reconciliations().isEmpty(), now));
            outcome.pendingRetries.forEach(retry -> outcome.counts.applied(true, retry.deleted()));
        }
        p.deadLetters().deliver(outcome.deadLetters);
        if (p.conflictTopic() != null) {
            p.conflictTopic().publish(outcome.conflicts);
        }
        session.commit();
        outcome.counts.batchCommitted();
        return outcome;
    }

    /** The rows after the gate and conflict rules: first the fast path's, last those behind parked records. */
    private static final class Decided {
        final List<PendingRow> first = new ArrayList<>();
        final List<PendingRow> last = new ArrayList<>();
        final Map<TableId, List<PendingRow>> resolved = new LinkedHashMap<>();
        final Map<PendingRow, ConflictNotice> notices = new IdentityHashMap<>();
    }

    /** What happened to the rows sent to the database. */
    private static final class Written {
        final List<PendingRow> rows = new ArrayList<>();
        final Map<PendingRow, SQLException> blocked = new IdentityHashMap<>();
        final Map<PendingRow, SQLException> refused = new IdentityHashMap<>();
        final Set<PendingRow> superseded = Collections.newSetFromMap(new IdentityHashMap<>());

        void add(IsolatedPass.Result result) {
            rows.addAll(result.written());
            blocked.putAll(result.blocked());
            refused.putAll(result.refused());
            superseded.addAll(result.superseded());
        }
    }

    private Decided decide(List<PendingRow> rows, long now, SinkCounters counts) throws SQLException {
        Map<TableId, List<PendingRow>> byTable = new LinkedHashMap<>();
        for (PendingRow row : rows) {
            byTable.computeIfAbsent(row.layout().tableId(), t -> new ArrayList<>()).add(row);
        }
        Set<RowRef> retried = new HashSet<>();
        rows.stream().filter(PendingRow::retried).forEach(row -> retried.add(row.ref()));
        Decided decided = new Decided();
        for (Map.Entry<TableId, List<PendingRow>> table : byTable.entrySet()) {
            boolean detect = p.conflicts().detects(table.getKey());
            Map<String, AppliedState> stored = p.gate().read(session, table.getValue(), detect);
            List<PendingRow> kept = p.gate().filter(table.getValue(), stored, counts);
            if (detect) {
                ConflictDetector.Decisions decisions = p.conflicts().decide(session, kept, stored, now);
                kept = decisions.write();
                decided.resolved.put(table.getKey(), decisions.resolved());
                decided.notices.putAll(decisions.notices());
            }
            for (PendingRow row : kept) {
                boolean behind = retried.contains(row.ref()) || (!p.parking().isEmpty() && p.parking().holds(row.ref()));
                (behind ? decided.last : decided.first).add(row);
            }
        }
        return decided;
    }

    private void executeFast(StatementRunner runner, List<PendingRow> rows, Written written) throws SQLException {
        Map<TableId, List<PendingRow>> byTable = new LinkedHashMap<>();
        for (PendingRow row : rows) {
            byTable.computeIfAbsent(row.layout().tableId(), t -> new ArrayList<>()).add(row);
        }
        for (List<PendingRow> tableRows : byTable.values()) {
            // Reduction keeps one event per row: a merge of some columns must not replace or be replaced by another.
            TableBuffer buffer = new TableBuffer(reduce && tableRows.stream().allMatch(r -> r.onlyColumns() == null));
            tableRows.forEach(buffer::add);
            runner.executeGroups(buffer.groups());
            written.rows.addAll(buffer.rows());
        }
    }

    /**
     * The rows among these whose parked records are not retried now: their events wait (none, as a rule: a batch
     * retries the parked records of the rows it writes).
     */
    private Set<RowRef> heldRows(List<PendingRow> rows, List<ParkedRecord> retries) {
        Set<RowRef> retried = new HashSet<>();
        retries.forEach(record -> retried.add(record.row()));
        Set<RowRef> held = new HashSet<>();
        for (PendingRow row : rows) {
            if (!retried.contains(row.ref()) && p.parking().holds(row.ref())) {
                held.add(row.ref());
            }
        }
        return held;
    }

    /** Dead letters, newly parked, still parked and released parked records, from what the database refused. */
    private void settle(Written written, List<ParkedRecord> retries, long now, BatchOutcome outcome) {
        Set<ParkedRecord> stillParked = Collections.newSetFromMap(new IdentityHashMap<>());
        Map<RowRef, Long> firstParked = firstParkedOfSuperseded(written.superseded);
        for (Map.Entry<PendingRow, SQLException> refused : written.refused.entrySet()) {
            PendingRow row = refused.getKey();
            giveUp(row, new FailedRow(row, refused.getValue()).toRecordFailure(session.dialect()), DeadLetterHeaders.STAGE_WRITE,
                    outcome);
        }
        for (Map.Entry<PendingRow, SQLException> blocked : bySeqEntries(written.blocked)) {
            PendingRow row = blocked.getKey();
            String reason = blocked.getValue() == null ? "it waits behind an earlier event of the same row that a foreign "
                    + "key refused" : "a foreign key refuses it (" + blocked.getValue().getMessage() + ")";
            // A record that takes the place of parked records of its row keeps their clock: a row that keeps changing
            // while its parent never comes is dead-lettered fk.retry.max.ms after it was first parked.
            long parkedSince = row.retried() ? row.parked().parkedMs() : firstParked.getOrDefault(row.ref(), now);
            if (fkRetryMaxMs > 0 && now - parkedSince < fkRetryMaxMs) {
                if (row.retried()) {
                    stillParked.add(row.parked());
                    outcome.stillParked.add(row.parked());
                } else {
                    outcome.parked.add(new ParkedRecord(row.event().record(), row.ref(), parkedSince, reason));
                }
                continue;
            }
            giveUp(row, new RecordFailure(row.event().record(), row.layout().tableId(), null, reason + ", still after "
                    + FailureOptions.FK_RETRY_MAX_MS + "=" + fkRetryMaxMs + " ms; apply its parent row (or its children's "
                    + "deletes) first", blocked.getValue()), DeadLetterHeaders.STAGE_FOREIGN_KEY, outcome);
        }
        for (PendingRow row : written.superseded) {
            if (row.retried()) {
                outcome.superseded.add(row.parked());
            }
        }
        outcome.counts.superseded(written.superseded.size());
        // Retried and neither still parked nor released yet: applied, held back by the gate, or superseded.
        Set<ParkedRecord> released = Collections.newSetFromMap(new IdentityHashMap<>());
        released.addAll(outcome.released);
        for (ParkedRecord retry : retries) {
            if (!stillParked.contains(retry) && !released.contains(retry)) {
                outcome.released.add(retry);
            }
        }
    }

    /** Per row, when the earliest of its parked records that this batch superseded was first parked. */
    private static Map<RowRef, Long> firstParkedOfSuperseded(Set<PendingRow> superseded) {
        Map<RowRef, Long> first = new HashMap<>();
        for (PendingRow row : superseded) {
            if (row.retried()) {
                first.merge(row.ref(), row.parked().parkedMs(), Math::min);
            }
        }
        return first;
    }

    private void giveUp(PendingRow row, RecordFailure failure, String stage, BatchOutcome outcome) {
        if (!p.deadLetters().tolerates()) {
            throw failure;
        }
        outcome.deadLetters.add(new DeadLetter(row.event().record(), failure, stage));
        if (row.retried()) {
            outcome.released.add(row.parked());
        }
    }

    /** The state rows: tombstones and table-mode versions from the gate, how conflict detection left its tables. */
    private void writeState(Decided decided, Written written) throws SQLException {
        List<StateStore.StateRow> rows = new ArrayList<>(p.gate().stateRows(written.rows));
        for (Map.Entry<TableId, List<PendingRow>> table : decided.resolved.entrySet()) {
            List<PendingRow> done = new ArrayList<>(table.getValue());
            written.rows.stream().filter(row -> row.layout().tableId().equals(table.getKey())).forEach(done::add);
            if (!done.isEmpty()) {
                rows.addAll(p.conflicts().remember(session, bySeq(done)));
                p.gate().maintain(done.get(0).layout().stateName());
            }
        }
        p.state().write(session, rows, System.currentTimeMillis());
    }

    private void execute(String sql) throws SQLException {
        try (Statement statement = session.connection().createStatement()) {
            statement.execute(sql);
        }
    }

    private static List<PendingRow> bySeq(List<PendingRow> rows) {
        List<PendingRow> sorted = new ArrayList<>(rows);
        sorted.sort(Comparator.comparingInt(PendingRow::seq));
        return sorted;
    }

    private static List<Map.Entry<PendingRow, SQLException>> bySeqEntries(Map<PendingRow, SQLException> rows) {
        List<Map.Entry<PendingRow, SQLException>> sorted = new ArrayList<>(rows.entrySet());
        sorted.sort(Comparator.comparingInt(e -> e.getKey().seq()));
        return sorted;
    }
}
