package io.ctsync.sink.reconcile;

import io.ctsync.sink.config.ReconcileMode;
import io.ctsync.sink.schema.TableId;
import java.util.List;

/**
 * What one snapshot's reconciliation did to its target table: rows older than V0 found, deleted, kept by a conflict
 * rule, or only reported; a few of their keys for the log.
 */
public record Reconciliation(TableId table, String topic, String snapshotId, long snapshotVersion, int partitions,
                             ReconcileMode mode, int found, int deleted, int keptByConflictRule, int refusedByForeignKey,
                             List<String> exampleKeys,
                             long elapsedMs) {

    /** One INFO line. */
    public String describe() {
        String what = switch (mode) {
            case DELETE -> deleted + " row(s) deleted" + (keptByConflictRule > 0 ? ", " + keptByConflictRule
                    + " kept by the conflict rule (delete-modified)" : "") + (refusedByForeignKey > 0 ? ", "
                    + refusedByForeignKey + " kept because a foreign key refused their delete (children in another "
                    + "table)" : "");
            case REPORT -> found + " row(s) reported on the conflict topic and kept (reconcile.after.snapshot=report)";
            case KEEP -> "rows kept (reconcile.after.snapshot=keep)";
        };
        return "Reconciled " + table + " after snapshot " + snapshotId + " (V0 " + snapshotVersion + ") of " + topic
                + ", all " + partitions + " partition(s) past its end: " + found + " row(s) older than V0 that no later "
                + "event touched; " + what + (exampleKeys.isEmpty() ? "" : "; e.g. keys " + exampleKeys) + " (" + elapsedMs
                + " ms)";
    }
}
