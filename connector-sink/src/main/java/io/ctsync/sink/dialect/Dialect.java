package io.ctsync.sink.dialect;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * What differs between target databases, and nothing else: identifiers, SQL types, the version-gated upsert,
 * parameter binding, catalog reading and failure classification. One implementation per database; found through
 * {@link DialectProvider}. Statements are built once per table and column set, never per row.
 */
public interface Dialect {

    /** The name of {@code dialect.name}, e.g. {@code postgresql}. */
    String name();

    /** The JDBC driver class this dialect ships with, loaded from the plugin's own class loader. */
    String driverClass();

    /** Driver properties for the fast path (e.g. batch rewriting); the URL's own settings win. */
    Properties connectionProperties(String url);

    /** Prepares a new connection (session settings). Auto-commit is switched off by the caller. */
    default void initialize(Connection connection) throws SQLException {
    }

    String quote(String identifier);

    default String qualified(TableId table) {
        return table.schema() == null ? quote(table.table()) : quote(table.schema()) + "." + quote(table.table());
    }

    /** The table as the catalog describes it, or empty when it does not exist. */
    Optional<TableDefinition> readTable(Connection connection, TableId table) throws SQLException;

    /** The SQL type of a column holding {@code type}; {@code keyColumn} asks for an indexable type. */
    String sqlType(FieldType type, boolean keyColumn);

    /** CREATE TABLE (if not exists) with the given primary key. */
    String createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns);

    String addColumn(TableId table, ColumnSpec column);

    /**
     * Insert-or-update of one row. Parameters in order: {@code keyColumns}, {@code valueColumns}, then the version
     * when {@code versionColumn} is not null. With a version column the row only changes when its stored version is
     * null, the new version is null, or the stored one is lower: the gate runs in the database, in the same
     * statement.
     */
    String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn);

    /**
     * {@link #upsert(TableId, List, List, String)} into a target table as the catalog describes it (its column types
     * and identity columns), for dialects whose statement depends on them; by default the same statement.
     */
    default String upsert(TableDefinition table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return upsert(table.id(), keyColumns, valueColumns, versionColumn);
    }

    /**
     * How many times the row's parameters ({@code keyColumns}, {@code valueColumns}, version) are bound, one set after
     * the other, for {@link #upsert(TableDefinition, List, List, String)}: 1 unless the upsert is two statements.
     */
    default int upsertParameterSets(List<String> valueColumns, String versionColumn) {
        return 1;
    }

    /** {@link #delete(TableId, List, String)} from a target table as the catalog describes it. */
    default String delete(TableDefinition table, List<String> keyColumns, String versionColumn) {
        return delete(table.id(), keyColumns, versionColumn);
    }

    /** {@link #update(TableId, List, List, String)} of a target table as the catalog describes it. */
    default String update(TableDefinition table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return update(table.id(), keyColumns, valueColumns, versionColumn);
    }

    /**
     * The most rows one upsert statement should carry, given its parameters per row; 1 (the default) when the
     * database does best with a JDBC batch of one-row upserts (or its driver already rewrites the batch).
     */
    default int upsertRowsPerStatement(int parametersPerRow) {
        return 1;
    }

    /**
     * The upsert of {@link #upsert} for {@code rows} rows in one statement, parameters row after row; only asked for
     * when {@link #upsertRowsPerStatement} allows more than one row.
     */
    default String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn, int rows) {
        throw new UnsupportedOperationException(name() + " writes one row per upsert statement");
    }

    /**
     * The set-based upsert of many rows through a staging table, or empty when this dialect writes rows with
     * statements only.
     */
    default Optional<StagedUpsert> stagedUpsert() {
        return Optional.empty();
    }

    /**
     * Delete of one row by key; with {@code versionColumn}, only when the stored version is null or lower than the
     * delete's (the last parameter).
     */
    default String delete(TableId table, List<String> keyColumns, String versionColumn) {
        StringBuilder sql = new StringBuilder("DELETE FROM ").append(qualified(table)).append(" WHERE ");
        appendKeyMatch(sql, keyColumns);
        if (versionColumn != null) {
            sql.append(" AND (").append(quote(versionColumn)).append(" IS NULL OR ").append(quote(versionColumn))
                    .append(" < ?)");
        }
        return sql.toString();
    }

    /**
     * Update of some columns of an existing row by key (a merge of changed columns). Parameters in order:
     * {@code valueColumns}, the version when {@code versionColumn} is not null, {@code keyColumns}, then the version
     * again for the gate: the row only changes when its stored version is null or lower.
     */
    default String update(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        StringBuilder sql = new StringBuilder("UPDATE ").append(qualified(table)).append(" SET ");
        for (int i = 0; i < valueColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(valueColumns.get(i))).append(" = ?");
        }
        if (versionColumn != null) {
            sql.append(valueColumns.isEmpty() ? "" : ", ").append(quote(versionColumn)).append(" = ?");
        }
        sql.append(" WHERE ");
        appendKeyMatch(sql, keyColumns);
        if (versionColumn != null) {
            sql.append(" AND (").append(quote(versionColumn)).append(" IS NULL OR ").append(quote(versionColumn))
                    .append(" < ?)");
        }
        return sql.toString();
    }

    /**
     * {@code SELECT <columns> FROM <table> WHERE <condition>}, locking the rows it reads until the transaction ends,
     * so no other writer changes them between the sink's read and its write.
     */
    default String lockingSelect(String columns, TableId table, String condition) {
        return "SELECT " + columns + " FROM " + qualified(table) + " WHERE " + condition + " FOR UPDATE";
    }

    /**
     * The statement that defers foreign key checks to the commit of the current transaction, or empty when the
     * database cannot defer them ({@code fk.defer} is then refused).
     */
    default Optional<String> deferForeignKeys() {
        return Optional.empty();
    }

    /** The statement that makes foreign key checks immediate again (checking what was deferred so far). */
    default Optional<String> foreignKeyChecksImmediate() {
        return Optional.empty();
    }

    /** True when the failure is a foreign key violation (a child without its parent, or a parent with children). */
    default boolean isForeignKeyViolation(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if ("23503".equals(e.getSQLState())) {
                return true;
            }
        }
        return false;
    }

    /**
     * A condition that {@code column} is one of {@code count} text values, for reading many rows by key in one query
     * (the state table); {@link #bindTextValues} binds the values. The default is an IN list of parameters.
     */
    default String textIn(String column, int count) {
        return column + " IN (" + "?, ".repeat(count - 1) + "?)";
    }

    /**
     * Binds the values of a {@link #textIn} condition from {@code index}, padding to {@code count} by repeating the
     * last value; returns the index after them.
     */
    default int bindTextValues(PreparedStatement statement, int index, List<String> values, int count) throws SQLException {
        for (int i = 0; i < count; i++) {
            statement.setString(index++, values.get(Math.min(i, values.size() - 1)));
        }
        return index;
    }

    /**
     * The most values one {@link #textIn} condition should carry: each further one is another query, another round
     * trip. 512 by default (SQL Server takes at most 2,100 parameters a statement).
     */
    default int textValuesPerQuery() {
        return 512;
    }

    /** True when {@code (a, b) IN ((?, ?), …)} works (row values); else composite keys are matched with ORs. */
    default boolean rowValueIn() {
        return true;
    }

    /** False where the driver cannot release a savepoint (it then lives until the transaction ends). */
    default boolean releasesSavepoints() {
        return true;
    }

    /** Binds one non-null converted value (see {@link io.ctsync.sink.schema.SchemaTypes}). */
    void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException;

    default void bindNull(PreparedStatement statement, int index, FieldType type) throws SQLException {
        statement.setNull(index, type.kind().jdbcType());
    }

    /**
     * Refuses a target table whose upsert would be ambiguous or wrong (e.g. MariaDB's ON DUPLICATE KEY UPDATE
     * with secondary unique keys); returns the reason, or empty when the table is fine.
     */
    default Optional<String> upsertProblem(TableDefinition table) {
        return Optional.empty();
    }

    /** Classifies a failure by SQLSTATE and vendor code; {@link SqlStates} holds the standard classes. */
    FailureKind classify(SQLException failure);

    /** The column a failure names, when the database says it. */
    default Optional<String> failedColumn(SQLException failure) {
        return Optional.empty();
    }

    default void appendKeyMatch(StringBuilder sql, List<String> keyColumns) {
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(quote(keyColumns.get(i))).append(" = ?");
        }
    }
}
