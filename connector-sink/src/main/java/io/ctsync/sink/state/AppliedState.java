package io.ctsync.sink.state;

/**
 * What the sink last did to one row: the change version (null when the event carried none), whether it was a delete
 * (a tombstone), and, for tables under conflict detection, the row's column hashes as it was left
 * (null otherwise).
 */
public record AppliedState(Long version, boolean deleted, String rowHashes) {

    public AppliedState(long version, boolean deleted) {
        this(Long.valueOf(version), deleted, null);
    }
}
