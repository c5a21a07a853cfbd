package io.ctsync.source.config;

/** {@code snapshot.mode}: what a table without an anchor (offset) starts with. */
public enum SnapshotMode {
    /** Snapshot, then follow Change Tracking. */
    INITIAL,
    /** No snapshot: follow Change Tracking from the version current when the table is first seen. */
    NEVER,
    /** Like {@code initial}, and an expired anchor always leads to a new snapshot. */
    WHEN_NEEDED,
    /** Snapshot, then stop capturing the table. */
    INITIAL_ONLY;

    public static SnapshotMode of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
