package io.ctsync.contract.sink;

/**
 * Headers the JDBC sink adds to every record it sends to the dead-letter topic, next to the record's own headers and
 * Connect's {@code __connect.errors.*} context headers (when {@code errors.deadletterqueue.context.headers.enable}).
 * Values are UTF-8 text; a header is absent when it does not apply (no SQLSTATE for a record that could not be read).
 */
public final class DeadLetterHeaders {

    public static final String PREFIX = "ctsync.error.";
    /** Where the record failed: {@code read} (its shape, key or schema), {@code write} (the database refused it) or
     * {@code foreign-key} (its parent row never arrived within {@code fk.retry.max.ms}). */
    public static final String STAGE = PREFIX + "stage";
    /** The class of the underlying failure, e.g. {@code org.postgresql.util.PSQLException}. */
    public static final String CLASS = PREFIX + "class";
    /** The database's SQLSTATE, e.g. {@code 23502}. */
    public static final String SQLSTATE = PREFIX + "sqlstate";
    /** The database's own error code, e.g. MariaDB {@code 1406}. */
    public static final String VENDOR_CODE = PREFIX + "vendor.code";
    /** The full reason, naming topic, partition, offset, table and column. */
    public static final String MESSAGE = PREFIX + "message";
    /** The target table ({@code schema.table} or {@code table}). */
    public static final String TABLE = PREFIX + "table";
    /** The column the failure is about, when the database or the sink can tell. */
    public static final String COLUMN = PREFIX + "column";

    public static final String STAGE_READ = "read";
    public static final String STAGE_WRITE = "write";
    public static final String STAGE_FOREIGN_KEY = "foreign-key";

    private DeadLetterHeaders() {
    }
}
