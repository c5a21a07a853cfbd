package io.ctsync.source.anchor;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.InvalidOffsetException;
import io.ctsync.contract.offset.PointInTimeAnchor;
import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.TableId;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Resolves an operator's rewind to a time ({@link PointInTimeAnchor}) to the anchor it means: the last version
 * committed before that time, so every change committed at or after it is emitted again. Change Tracking must
 * still hold those changes (the version is at least the table's minimum valid version); otherwise the rewind is
 * refused, naming the earliest time still possible, unless the offset chose {@code "if_expired": "resnapshot"}.
 * A time before every retained commit resolves to version 0 when the table's minimum valid version is 0.
 * The same resolution checks a PATCHed offset and, when the task starts, turns it into an incremental anchor.
 */
public final class PointInTimeRewind {

    private static final Logger LOG = LoggerFactory.getLogger(PointInTimeRewind.class);

    private PointInTimeRewind() {
    }

    /**
     * The incremental anchor {@code rewind} resolves to in this cycle (at most its current version {@code upper}),
     * or empty: re-snapshot the table, as the offset chose for a time Change Tracking no longer covers.
     *
     * @throws InvalidOffsetException when the time is too old and the offset did not choose to re-snapshot
     */
    public static Optional<IncrementalAnchor> resolve(ChangeCycle cycle, TableId table, PointInTimeAnchor rewind,
                                                      long upper) {
        long minValid = cycle.minValidVersion(table).orElseThrow(() -> new InvalidOffsetException(
                "CHANGE_TRACKING_MIN_VALID_VERSION of " + table.qualified() + " is NULL: the connector's user lacks VIEW "
                        + "CHANGE TRACKING on it (GRANT VIEW CHANGE TRACKING ON " + table.qualified() + " TO <user>)"));
        Optional<Long> before = cycle.lastVersionCommittedBefore(rewind.since()).map(v -> Math.min(v, upper));
        if (before.isEmpty() && minValid == 0) {
            // No retained commit is that old, and nothing was ever cleaned from the table: version 0 precedes every
            // change, so anchor 0 yields every change committed since the time (and all Change Tracking holds).
            before = Optional.of(0L);
        }
        if (before.isPresent() && before.get() >= minValid) {
            LOG.info("Table {} rewinds to {}: the last version committed before it is {}; every later change is emitted "
                    + "again (current version {})", table, rewind.since(), before.get(), upper);
            return before.map(IncrementalAnchor::at);
        }
        String why = "Rewinding " + table.qualified() + " to " + rewind.since() + " needs its changes since "
                + before.map(v -> "version " + v).orElse("before the oldest commit sys.dm_tran_commit_table still holds")
                + ", but its minimum valid version is " + minValid + " (retention cleanup removed older changes): "
                + earliestPossible(cycle, minValid);
        if (rewind.ifExpired() == PointInTimeAnchor.IfExpired.RESNAPSHOT) {
            LOG.warn("{}. The offset chose \"if_expired\": \"resnapshot\": re-snapshotting the table.", why);
            return Optional.empty();
        }
        throw new InvalidOffsetException(why + ". Rewind to a later time, or add \"if_expired\": \"resnapshot\" to the "
                + "offset to re-snapshot the table instead");
    }

    private static String earliestPossible(ChangeCycle cycle, long minValid) {
        return cycle.firstCommitFrom(minValid)
                .map(c -> "the earliest time still possible is any time after " + c.committed() + " (the commit of version "
                        + c.version() + ")")
                .orElse("no commit since that version is retained; rewind by version instead: {\"phase\": "
                        + "\"incremental\", \"version\": " + minValid + "}");
    }
}
