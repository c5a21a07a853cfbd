package io.ctsync.sink.write;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.sink.DeadLetterHeaders;
import io.ctsync.sink.error.DeadLetter;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.record.ChangeEvent;
import io.ctsync.sink.reconcile.SnapshotEnd;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowLayout;
import io.ctsync.sink.state.RowKeys;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The first step of a batch: the parked records due for a retry (first, they are older), then the batch's records
 * without those the target already has (by the stored offsets), each interpreted and given its layout (schema changes
 * happen here, before any row is written) and key. A record that cannot be read is a dead letter when the errors are
 * tolerated, else it fails the batch.
 */
final class BatchInput {

    private final RecordInterpreter interpreter;
    private final LayoutResolver layouts;

    BatchInput(RecordInterpreter interpreter, LayoutResolver layouts) {
        this.interpreter = interpreter;
        this.layouts = layouts;
    }

    /** The rows to write, in order; fills the outcome's offsets, counts, dead letters and released retries. */
    List<PendingRow> prepare(JdbcSession session, Collection<SinkRecord> records, Map<TopicPartition, Long> committed,
                             List<ParkedRecord> retries, boolean tolerant, BatchOutcome outcome) throws SQLException {
        List<PendingRow> rows = new ArrayList<>(records.size() + retries.size());
        for (ParkedRecord retry : retries) {
            if (!add(session, retry.record(), retry, rows, tolerant, outcome)) {
                outcome.released.add(retry);
            }
        }
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
        return rows;
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
