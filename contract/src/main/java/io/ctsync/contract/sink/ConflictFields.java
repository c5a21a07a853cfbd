package io.ctsync.contract.sink;

/**
 * Fields of the records the JDBC sink writes to its {@code conflict.topic}: one per conflict, whatever the rule, so a
 * person or a service can audit or replay it. The value is JSON (Connect's JsonConverter with schemas); the key is
 * {@code <table>|<row key>}, so the conflicts of one row stay in order in one partition. {@code kafka_topic},
 * {@code kafka_partition} and {@code kafka_offset} identify the change event; a consumer de-duplicates by them (the
 * topic gets every conflict at least once).
 */
public final class ConflictFields {

    public static final String SCHEMA_NAME = "io.ctsync.sink.Conflict";

    public static final String CONNECTOR = "connector";
    public static final String TABLE = "table";
    /** The row's key as text ({@code |}-separated for composite keys). */
    public static final String ROW_KEY = "row_key";
    /** The change event's record key (the key columns, typed). */
    public static final String KEY = "key";
    /** {@code insert-exists}, {@code update-modified}, {@code update-missing}, {@code delete-missing}, {@code delete-modified}. */
    public static final String SITUATION = "situation";
    /** The rule applied, e.g. {@code target-wins} or {@code conflict.update.missing=skip}. */
    public static final String RULE = "rule";
    /** {@code applied}, {@code merged}, {@code skipped} or {@code manual} (not applied; waiting for a person). */
    public static final String OUTCOME = "outcome";
    public static final String REASON = "reason";
    /** The event's op letter ({@code c}, {@code r}, {@code u}, {@code d}), null for flat rows. */
    public static final String OP = "op";
    public static final String EVENT_VERSION = "event_version";
    /** The source's row values (the event's after image; for a delete what it carries of the row). */
    public static final String SOURCE = "source";
    /** The target row's current values as text, column by column; null when the row is missing. */
    public static final String TARGET = "target";
    /** Columns the source changed (from {@code source.changed_columns}), null when not known. */
    public static final String SOURCE_CHANGED = "source_changed_columns";
    /** Columns changed in the target since the sink last wrote the row, null when not known. */
    public static final String TARGET_CHANGED = "target_changed_columns";
    /** Columns written (a merge), null when the whole row was or nothing was. */
    public static final String WRITTEN_COLUMNS = "written_columns";
    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";
    public static final String DETECTED_MS = "detected_ms";

    private ConflictFields() {
    }
}
