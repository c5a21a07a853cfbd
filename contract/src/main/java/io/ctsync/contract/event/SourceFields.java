package io.ctsync.contract.event;

/**
 * Field names of the {@code source} block. The first group matches Debezium's common source fields so
 * Debezium-aware consumers read it unchanged; the second carries what SQL Server Change Tracking tells.
 */
public final class SourceFields {
    public static final String VERSION = "version";
    public static final String CONNECTOR = "connector";
    /** The connector's {@code topic.prefix}. */
    public static final String NAME = "name";
    /** Commit time of the change when known, otherwise the time it was read (epoch millis). */
    public static final String TS_MS = "ts_ms";
    /** {@code true} for rows read by a snapshot, {@code last} for the last of them, else {@code false}. */
    public static final String SNAPSHOT = "snapshot";
    public static final String DB = "db";
    public static final String SCHEMA = "schema";
    public static final String TABLE = "table";

    /**
     * The Change Tracking version of the change ({@code SYS_CHANGE_VERSION}); for snapshot rows the version the
     * snapshot was anchored at. Sinks gate on it: a row never moves back to a lower version.
     */
    public static final String CHANGE_VERSION = "change_version";
    /** {@code SYS_CHANGE_CREATION_VERSION}: the version of the row's last insert, when tracked. */
    public static final String CREATION_VERSION = "creation_version";
    /** Names of the columns an update changed, when the table tracks columns updated; null means all. */
    public static final String CHANGED_COLUMNS = "changed_columns";
    /** {@code SYS_CHANGE_CONTEXT} of the writing transaction, lower-case hex, or null. */
    public static final String CONTEXT = "context";

    /** The value of {@link #CONNECTOR} for events of the ctsync source. */
    public static final String CONNECTOR_NAME = "sqlserver-ct";

    private SourceFields() {
    }
}
