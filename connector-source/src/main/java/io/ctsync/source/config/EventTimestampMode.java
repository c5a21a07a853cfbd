package io.ctsync.source.config;

/** {@code event.timestamp.mode}: which time a change event's {@code source.ts_ms} carries. */
public enum EventTimestampMode {
    /** When the connector read the change (no extra query). */
    READ,
    /** When SQL Server committed the change's version ({@code sys.dm_tran_commit_table}; one query per page). */
    COMMIT;

    public static EventTimestampMode of(String value) {
        return valueOf(value.toUpperCase(java.util.Locale.ROOT));
    }
}
