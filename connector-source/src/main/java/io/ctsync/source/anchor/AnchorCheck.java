package io.ctsync.source.anchor;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.source.config.RetentionExpiredPolicy;
import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.TableId;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.apache.kafka.connect.errors.ConnectException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks a table's anchor against {@code CHANGE_TRACKING_MIN_VALID_VERSION}: changes after an older anchor may
 * already be cleaned up, so reading them would silently skip some. NULL from SQL Server is never a pass.
 *
 * <p>TRUNCATE TABLE "removes all change tracking information that is associated with the table"
 * (CHANGE_TRACKING_MIN_VALID_VERSION, remarks), but Microsoft does not say whether it consumes a version. If it
 * does not, the minimum valid version of a table truncated while its anchor was the current version equals that
 * anchor and the check above passes. So the table's {@code begin_version}, which sys.change_tracking_tables
 * documents as "reset if the table is truncated", is checked too: remembered when this task starts the table's
 * snapshot or first checks its anchor, any later change of it expires the anchor, whatever the minimum valid
 * version says. On a task's first check of an anchor from the offsets, a begin version above the anchor expires
 * it (tracking began again after it).
 */
public final class AnchorCheck {

    private static final Logger LOG = LoggerFactory.getLogger(AnchorCheck.class);

    /** What the check found. */
    public enum Outcome { VALID, EXPIRED, UNTRACKED }

    private final RetentionExpiredPolicy policy;

    public AnchorCheck(RetentionExpiredPolicy policy) {
        this.policy = policy;
    }

    /**
     * Whether the table's incremental anchor is still valid. A NULL minimum valid version fails the task unless
     * {@code stillTracked} says the table simply is no longer tracked (the connector then re-plans its tasks).
     * {@code knownBegin} is the tracking begin version this task noted for the table (null: none yet) and
     * {@code begin} the one SQL Server reports now.
     */
    public Outcome check(ChangeCycle cycle, TableId table, IncrementalAnchor anchor, long upper,
                         BooleanSupplier stillTracked, Long knownBegin, Optional<Long> begin) {
        Optional<Long> minValid = cycle.minValidVersion(table);
        if (minValid.isEmpty()) {
            if (!stillTracked.getAsBoolean()) {
                LOG.warn("Table {} is no longer change-tracked (not in sys.change_tracking_tables); its capture stops at "
                        + "version {} and the connector re-plans its tasks", table, anchor.version());
                return Outcome.UNTRACKED;
            }
            throw new ConnectException("CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID('" + table.qualified()
                    + "')) returned NULL although the table is listed in sys.change_tracking_tables: the connector's user "
                    + "lacks VIEW CHANGE TRACKING or SELECT on it. Grant them (GRANT VIEW CHANGE TRACKING ON "
                    + table.qualified() + " TO <user>) and restart the task; the anchor (version " + anchor.version()
                    + ") is kept.");
        }
        Optional<String> restarted = trackingRestarted(table, anchor, knownBegin, begin);
        if (anchor.version() >= minValid.get() && restarted.isEmpty()) {
            return Outcome.VALID;
        }
        String what = restarted.orElse("The anchor of " + table + " (version " + anchor.version() + ") is older than "
                + "its minimum valid version " + minValid.get() + " (current version " + upper + "): Change Tracking no "
                + "longer holds the changes in between (retention cleanup or TRUNCATE TABLE removed them)");
        if (policy == RetentionExpiredPolicy.FAIL) {
            throw new ConnectException(what + ". retention.expired.policy=fail, so the task stops rather than skip them. "
                    + "To recover, re-snapshot the table: stop the connector (PUT /connectors/{name}/stop), reset the "
                    + "table's offset (PATCH /connectors/{name}/offsets with a null offset for its partition) and resume "
                    + "it; or set retention.expired.policy=resnapshot. Consider a longer CHANGE_RETENTION.");
        }
        LOG.warn("{}. Re-snapshotting the table (retention.expired.policy=resnapshot).", what);
        return Outcome.EXPIRED;
    }

    /** Why the table's tracking began again since the anchor (a TRUNCATE TABLE, or tracking off and on), if it did. */
    private static Optional<String> trackingRestarted(TableId table, IncrementalAnchor anchor, Long known,
                                                      Optional<Long> begin) {
        if (begin.isEmpty()) {
            return Optional.empty();
        }
        boolean moved = known != null ? !known.equals(begin.get()) : begin.get() > anchor.version();
        if (!moved) {
            return Optional.empty();
        }
        return Optional.of("Change Tracking of " + table + " began again at version " + begin.get()
                + (known != null ? " (it was " + known + ")" : "") + ", after the anchor (version " + anchor.version()
                + "): the table was truncated (TRUNCATE TABLE records no deleted rows) or its tracking was disabled and "
                + "enabled again, so the changes since the anchor are incomplete");
    }
}
