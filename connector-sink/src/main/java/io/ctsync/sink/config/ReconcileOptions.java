package io.ctsync.sink.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * Reconciliation after a re-snapshot: what happens to target rows the snapshot no longer brought once every partition
 * of the table's topic has passed the snapshot's end marker, the table where tasks record which partitions passed, and
 * the table of the deletes a foreign key refused, retried later.
 */
public final class ReconcileOptions {

    public static final String GROUP = "Reconciliation";

    public static final String MODE = "reconcile.after.snapshot";
    private static final String MODE_DOC = "What happens to target rows a snapshot of their source table did not bring "
            + "(the source no longer has them: deleted while changes were lost to retention cleanup, a TRUNCATE, an "
            + "offset reset), once every partition of the table's topic has passed the snapshot's end marker (ctsync "
            + "sources write them; Debezium's snapshots have none). Such rows have an applied version below the "
            + "snapshot's version V0 and no later event touched them. delete: delete them in the transaction that passes "
            + "the last end marker, leaving tombstones; a row the target changed since the sink's last write is a "
            + "delete-modified conflict decided by conflict.policy. keep: leave them. report: leave them, count them "
            + "and list their keys on conflict.topic (situation snapshot-missing).";
    public static final String MODE_DEFAULT = ReconcileMode.DELETE.optionValue();

    public static final String SNAPSHOTS_TABLE = "sync.snapshots.table";
    private static final String SNAPSHOTS_TABLE_DOC = "The table in the target database where the sink's tasks record, "
            + "in the same transaction as their offsets, which partitions have passed a snapshot's end marker and "
            + "whether the snapshot was reconciled (created when missing). schema.table or table.";
    public static final String SNAPSHOTS_TABLE_DEFAULT = "ctsync_sink_snapshots";

    public static final String PENDING_TABLE = "sync.reconcile.pending.table";
    private static final String PENDING_TABLE_DOC = "The table in the target database where the sink keeps the deletes of "
            + "a reconciliation that a foreign key refused (a stale parent whose stale children another table still "
            + "held), per connector, table and snapshot, until a later reconciliation or batch that deletes rows retries "
            + "them (created when missing). schema.table or table.";
    public static final String PENDING_TABLE_DEFAULT = "ctsync_sink_reconcile_pending";

    private ReconcileOptions() {
    }

    static void addTo(ConfigDef def, ConfigDef.Validator identifier) {
        int order = 0;
        def.define(MODE, Type.STRING, MODE_DEFAULT, EnumValidator.of(ReconcileMode.class), Importance.MEDIUM, MODE_DOC,
                        GROUP, ++order, Width.SHORT, "Reconcile after snapshot")
                .define(SNAPSHOTS_TABLE, Type.STRING, SNAPSHOTS_TABLE_DEFAULT, identifier, Importance.LOW,
                        SNAPSHOTS_TABLE_DOC, GROUP, ++order, Width.MEDIUM, "Snapshots table")
                .define(PENDING_TABLE, Type.STRING, PENDING_TABLE_DEFAULT, identifier, Importance.LOW, PENDING_TABLE_DOC,
                        GROUP, ++order, Width.MEDIUM, "Pending reconciliation deletes table");
    }

    /** The options of one connector. */
    public record Settings(ReconcileMode mode, String snapshotsTable, String pendingTable) {

        static Settings of(AbstractConfig config) {
            return new Settings(EnumValidator.parse(ReconcileMode.class, config.getString(MODE)),
                    config.getString(SNAPSHOTS_TABLE).trim(), config.getString(PENDING_TABLE).trim());
        }
    }
}
