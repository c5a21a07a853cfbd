package io.ctsync.sink.write;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.error.DeadLetter;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.reconcile.SnapshotEnd;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayout;
import io.ctsync.sink.row.RowRef;
import io.ctsync.sink.state.RowKeys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The first step of a batch: the parked records due for a retry (first, they are older), then the batch's records
 * without those the target already has (by the stored offsets), each interpreted and given its layout (schema changes
 * happen here, before any row is written) and key. A row the batch writes that has parked records not yet due has
 * them retried too, after the due ones: its new event may supersede them, which the batch can only tell (and record)
 * with them in it. A record that cannot be read is a dead letter when the errors are tolerated, else it fails the
 * batch.
 */
final class BatchInput {

    private final RecordInterpreter interpreter;
    private final LayoutResolver layouts;

    BatchInput(RecordInterpreter interpreter, LayoutResolver layouts) {
        this.interpreter = interpreter;
        this.layouts = layouts;
    }

    /** The rows to write, in order, and every parked record the batch retries. */
    record Prepared(List<PendingRow> rows, List<ParkedRecord> retries) {
    }

    /**
     * The rows to write, in order: the retries (the due ones, then those of rows the records write), then the records';
     * fills the outcome's offsets, counts, dead letters and released retries.
     */
    Prepared prepare(JdbcSession session, Collection<SinkRecord> records, Map<TopicPartition, Long> committed,
                     List<ParkedRecord> due, ParkingLot parking, boolean tolerant, BatchOutcome outcome) throws SQLException {
        List<PendingRow> retried = new ArrayList<>(due.size());
        retry(session, due, retried, tolerant, outcome);
        List<PendingRow> fresh = new ArrayList<>(records.size());
        addRecords(session, records, committed, fresh, tolerant, outcome);
        List<ParkedRecord> behind = parkedBehind(fresh, due, parking);
        retry(session, behind, retried, tolerant, outcome);
        List<ParkedRecord> retries = new ArrayList<>(due);
        retries.addAll(behind);
        List<PendingRow> rows = new ArrayList<>(retried.size() + fresh.size());
        for (PendingRow row : retried) {
            rows.add(row.withSeq(rows.size()));
        }
        for (PendingRow row : fresh) {
            rows.add(row.withSeq(rows.size()));
        }
        return new Prepared(rows, retries);
    }

    private void retry(JdbcSession session, List<ParkedRecord> retries, List<PendingRow> rows, boolean tolerant,
                       BatchOutcome outcome) throws SQLException {
        for (ParkedRecord retry : retries) {
            if (!add(session, retry.record(), retry, rows, tolerant, outcome)) {
                outcome.released.add(retry);
            }
        }
    }

    /** The parked records, not due now, of the rows these new rows write (all of a row's records are due together). */
    private static List<ParkedRecord> parkedBehind(List<PendingRow> fresh, List<ParkedRecord> due, ParkingLot parking) {
        if (parking.isEmpty()) {
            return List.of();
        }
        Set<RowRef> dueRows = new HashSet<>();
        due.forEach(record -> dueRows.add(record.row()));
        Set<RowRef> rows = new HashSet<>();
        for (PendingRow row : fresh) {
            RowRef ref = row.ref();
            if (!dueRows.contains(ref) && parking.holds(ref)) {
                rows.add(ref);
            }
        }
        return rows.isEmpty() ? List.of() : parking.parkedOf(rows);
    }

    private void addRecords(JdbcSession session, Collection<SinkRecord> records, Map<TopicPartition, Long> committed,
                            List<PendingRow> rows, boolean tolerant, BatchOutcome outcome) throws SQLException {
        for (SinkRecord record : records) {
            TopicPartition partition = new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
            long offset = record.originalKafkaOffset();
            Long applied = committed.get(partition);
            if (applied != null && offset < applied) {
                outcome.redelivered++;
                continue;
            }
            outcome.next.merge(partition, offset + 1, Math::max);
            if (SnapshotControl.isControl(record.headers())) {
                pass(record, tolerant, outcome);
            } else {
                add(session, record, null, rows, tolerant, outcome);
            }
        }
    }

    /** A snapshot marker: the end markers go to reconciliation, after the batch's rows; it writes no row itself. */
    private void pass(SinkRecord record, boolean tolerant, BatchOutcome outcome) {
        try {
            SnapshotControl control = interpreter.control(record).orElseThrow();
            if (control.kind() == SnapshotControl.Kind.END) {
                outcome.snapshotEnds.add(new SnapshotEnd(record, control, interpreter.target(record, control)));
            }
        } catch (RecordFailure failure) {
            if (!tolerant) {
                throw failure;
            }
            outcome.deadLetters.add(new DeadLetter(record, failure, DeadLetterHeaders.STAGE_READ));
        }
    }

    /** Adds the record's row; false when it has none (nothing to write, or a dead letter). */
    private boolean add(JdbcSession session, SinkRecord record, ParkedRecord parked, List<PendingRow> rows, boolean tolerant,
                        BatchOutcome outcome) throws SQLException {
        try {
            ChangeEvent event = interpreter.interpret(record);
            RowLayout layout = event == null ? null : layouts.resolve(session, event);
            if (layout == null) {
                outcome.skipped++;
                return false;
            }
            Object[] key = layout.keyValues(event);
            rows.add(new PendingRow(event, layout, key, RowKeys.encode(key), rows.size(), parked, null));
            return true;
        } catch (RecordFailure failure) {
            if (!tolerant) {
                throw failure;
            }
            outcome.deadLetters.add(new DeadLetter(record, failure, DeadLetterHeaders.STAGE_READ));
            return false;
        }
    }
}
