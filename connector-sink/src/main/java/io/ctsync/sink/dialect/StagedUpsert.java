package io.ctsync.sink.dialect;

import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * A set-based upsert: a batch's rows are bulk-loaded into a staging table private to the session, then applied to the
 * target with one gated {@code INSERT … SELECT}. The database parses one load and plans one statement instead of a
 * statement per batch of rows. Offered by a dialect whose database has a bulk load ({@link Dialect#stagedUpsert()}).
 */
public interface StagedUpsert {

    /** The fewest rows of one table and statement worth staging; smaller groups go as a batch of upserts. */
    int minRows();

    /**
     * The DDL of the staging table {@code staging} with these columns (created once per connection, kept for the
     * session, its rows dropped at every commit).
     */
    String createStaging(String staging, List<String> columns, List<FieldType> types);

    /** The statement that empties the staging table, for a second load into it within one transaction. */
    String clearStaging(String staging);

    /**
     * Appends one value in the load format (a null too) and returns true; returns false, appending nothing useful,
     * when the value would not load exactly as a bound parameter would (the rows then go as a batch of upserts).
     */
    boolean appendValue(StringBuilder out, FieldType type, Object value);

    /** Appended between two values of a row. */
    char fieldSeparator();

    /** Appended after each row. */
    char rowSeparator();

    /** Loads the rows of {@code data} (in the load format) into the staging table; returns the rows loaded. */
    long load(Connection connection, String staging, List<String> columns, String data) throws SQLException;

    /**
     * The gated insert-or-update of the target from the staging table, as {@link Dialect#upsert} does for one row:
     * with a version column a row only changes when its stored version is null, the new one is null, or the stored
     * one is lower. The staging table holds no key twice. Its update count is the rows inserted or changed.
     */
    String upsertFromStaging(TableId table, String staging, List<String> keyColumns, List<String> valueColumns,
                             String versionColumn);
}
