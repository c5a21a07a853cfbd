package io.ctsync.source.config;

/** {@code retention.expired.policy}: what happens when a table's anchor is older than its minimum valid version. */
public enum RetentionExpiredPolicy {
    /** Snapshot the table again from the current version, and say so at WARN. */
    RESNAPSHOT,
    /** Fail the task with a message that tells the operator how to recover. */
    FAIL;

    public static RetentionExpiredPolicy of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
