package io.ctsync.sink.reconcile;

import io.ctsync.sink.schema.TableId;

/**
 * What retrying a table's pending reconciliation deletes did (a foreign key had refused them): how many were retried,
 * deleted at last, found no longer stale (a later event touched them) and dropped, and still refused, kept for the
 * next retry.
 */
public record PendingRetry(TableId table, String topic, String snapshotId, long snapshotVersion, int retried, int deleted,
                           int noLongerStale, int stillRefused, long elapsedMs) {

    /** This retry followed by a later pass over the same rows in the same batch. */
    PendingRetry then(PendingRetry later) {
        return new PendingRetry(table, topic, snapshotId, snapshotVersion, retried, deleted + later.deleted,
                noLongerStale + later.noLongerStale, later.stillRefused, elapsedMs + later.elapsedMs);
    }

    /** One INFO line. */
    public String describe() {
        return "Reconciled " + table + " after snapshot " + snapshotId + " (V0 " + snapshotVersion + ") of " + topic
                + " further: retried " + retried + " delete(s) a foreign key had refused: " + deleted + " deleted "
                + "(tombstones at V0 - 1), " + noLongerStale + " no longer stale (a later event touched them), "
                + stillRefused + " still refused and kept for a later retry (" + elapsedMs + " ms)";
    }
}
