package io.ctsync.source.metrics;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One table's numbers as the task last saw them: rows emitted by operation, snapshot progress, anchor, lag and
 * retention headroom. Written by the task thread, read by the metrics reporter.
 */
public final class TableStats {

    final String table;
    final AtomicLong snapshotRows = new AtomicLong();
    final AtomicLong created = new AtomicLong();
    final AtomicLong updated = new AtomicLong();
    final AtomicLong deleted = new AtomicLong();
    volatile String phase = "none";
    volatile long anchorVersion = -1;
    volatile long currentVersion = -1;
    volatile long rowEstimate = -1;
    /** Seconds of retention left for the anchor; -1 unknown. */
    volatile long headroomSeconds = -1;
    volatile long retentionSeconds = -1;
    boolean warned;

    TableStats(String table) {
        this.table = table;
    }

    void count(String operation) {
        switch (operation) {
            case "r" -> snapshotRows.incrementAndGet();
            case "c" -> created.incrementAndGet();
            case "u" -> updated.incrementAndGet();
            case "d" -> deleted.incrementAndGet();
            default -> {
                // other operations (truncate, messages) are not rows
            }
        }
    }

    long lagVersions() {
        return anchorVersion < 0 || currentVersion < 0 ? -1 : Math.max(0, currentVersion - anchorVersion);
    }

    /** Snapshot rows emitted per 100 rows of the table's estimate, 100 once incremental; -1 unknown. */
    long snapshotPercent() {
        if (phase.equals("incremental")) {
            return 100;
        }
        return rowEstimate <= 0 ? -1 : Math.min(100, 100 * snapshotRows.get() / rowEstimate);
    }

    void headroom(Duration headroom, Duration retention) {
        headroomSeconds = headroom == null ? -1 : Math.max(0, headroom.toSeconds());
        retentionSeconds = retention == null ? -1 : retention.toSeconds();
    }

    /** Less than a quarter of the retention period left. */
    boolean headroomLow() {
        return headroomSeconds >= 0 && retentionSeconds > 0 && headroomSeconds * 4 < retentionSeconds;
    }
}
