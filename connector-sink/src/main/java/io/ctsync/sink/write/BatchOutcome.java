package io.ctsync.sink.write;

import io.ctsync.sink.conflict.ConflictNotice;
import io.ctsync.sink.error.DeadLetter;
import io.ctsync.sink.reconcile.PendingRetry;
import io.ctsync.sink.reconcile.Reconciliation;
import io.ctsync.sink.reconcile.SnapshotEnd;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.SinkCounters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * What one batch did beyond writing rows: the offsets it stored, its dead letters and conflicts, the records it parked
 * and the parked records it released. The task's counters and parking lot take it over only once the batch committed.
 */
final class BatchOutcome {

    /** Rows applied and held back, counted as the batch went; the task's counters take them after the commit. */
    final SinkCounters counts = new SinkCounters();
    final Map<TopicPartition, Long> next = new HashMap<>();
    final List<DeadLetter> deadLetters = new ArrayList<>();
    final List<ConflictNotice> conflicts = new ArrayList<>();
    final List<ParkedRecord> parked = new ArrayList<>();
    final List<ParkedRecord> released = new ArrayList<>();
    final List<ParkedRecord> stillParked = new ArrayList<>();
    /** Parked records this batch released because a later event of their row was tried in their place. */
    final List<ParkedRecord> superseded = new ArrayList<>();
    /** Snapshot end markers the batch passed, in order, and what reconciling the completed snapshots did. */
    final List<SnapshotEnd> snapshotEnds = new ArrayList<>();
    final List<Reconciliation> reconciliations = new ArrayList<>();
    /** Pending reconciliation deletes (a foreign key had refused them) this batch retried with some effect. */
    final List<PendingRetry> pendingRetries = new ArrayList<>();
    /** Per table, events older than its newest reconciled snapshot, dropped (parked before it, or replayed). */
    final Map<TableId, Integer> obsolete = new HashMap<>();
    int redelivered;
    int skipped;

    public SinkCounters counts() {
        return counts;
    }

    /** The next offset per partition, stored with the batch. */
    public Map<TopicPartition, Long> next() {
        return next;
    }

    public List<DeadLetter> deadLetters() {
        return deadLetters;
    }

    public List<ConflictNotice> conflicts() {
        return conflicts;
    }

    /** Records parked by this batch (refused for a foreign key, kept for later batches). */
    public List<ParkedRecord> parked() {
        return parked;
    }

    /** Parked records this batch applied, found superseded or dead-lettered. */
    public List<ParkedRecord> released() {
        return released;
    }

    /** Released parked records (among {@link #released()}) that a later event of their row superseded. */
    public List<ParkedRecord> superseded() {
        return superseded;
    }

    /** Parked records this batch retried in vain. */
    public List<ParkedRecord> stillParked() {
        return stillParked;
    }

    /** The snapshots this batch reconciled (its transaction passed their last end marker). */
    public List<Reconciliation> reconciliations() {
        return reconciliations;
    }

    /** What retrying reconciliation deletes a foreign key had refused did, per table and snapshot. */
    public List<PendingRetry> pendingRetries() {
        return pendingRetries;
    }

    public Map<TableId, Integer> obsolete() {
        return obsolete;
    }

    public int redelivered() {
        return redelivered;
    }

    public int skipped() {
        return skipped;
    }
}
