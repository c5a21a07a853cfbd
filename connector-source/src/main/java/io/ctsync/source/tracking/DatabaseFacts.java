package io.ctsync.source.tracking;

/**
 * What the connector checks about the database before it captures anything.
 *
 * @param currentVersion {@code CHANGE_TRACKING_CURRENT_VERSION()}: null when Change Tracking is off for the
 *                       database, 0 on a freshly enabled database without changes
 * @param snapshotIsolationAllowed {@code sys.databases.snapshot_isolation_state} is ON
 */
public record DatabaseFacts(String databaseName, Long currentVersion, boolean snapshotIsolationAllowed) {

    public boolean changeTrackingEnabled() {
        return currentVersion != null;
    }
}
