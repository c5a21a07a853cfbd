package io.ctsync.source.tracking;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/**
 * What decides how long an anchor stays valid: the database's Change Tracking retention period
 * ({@code sys.change_tracking_databases}), the commit time of versions ({@code sys.dm_tran_commit_table}, UTC; a
 * version missing from the map is unknown there, e.g. already cleaned up), and the server's clock now (UTC).
 */
public record RetentionFacts(Duration retention, Map<Long, Instant> commitTimes, Instant now) {

    /**
     * How much of the retention period is left for an anchor at {@code version} when the database is at
     * {@code current}: all of it when the anchor is current (nothing to expire), else retention minus the age of the
     * anchor's version; null when the commit time is unknown.
     */
    public Duration headroom(long version, long current) {
        if (version >= current) {
            return retention;
        }
        Instant committed = commitTimes.get(version);
        return committed == null ? null : retention.minus(Duration.between(committed, now));
    }
}
