package io.ctsync.source.tsql;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * T-SQL text of the connector's queries. Identifiers come only from the catalog and are bracket-quoted (a {@code ]}
 * doubled), types are rebuilt from the catalog's numbers, and every value is a {@code ?} parameter: no SQL
 * injection through table, column or key values. The one exception is a row filter ({@link RowFilter}): operator
 * configuration, trusted like a view definition, put in as written between parentheses (and a line break, so a
 * trailing {@code --} comment cannot swallow the rest of the statement), always over the table aliased {@code t} alone,
 * so its bare column names mean the same in the check, the snapshot and the changes query.
 */
final class TSql {

    static final String FACTS = "SELECT DB_NAME() AS database_name, CHANGE_TRACKING_CURRENT_VERSION() AS current_version, "
            + "CAST(CASE WHEN d.snapshot_isolation_state = 1 THEN 1 ELSE 0 END AS bit) AS snapshot_allowed "
            + "FROM sys.databases AS d WHERE d.database_id = DB_ID()";

    static final String TRACKED_TABLES = "SELECT s.name AS schema_name, t.name AS table_name, "
            + "ct.is_track_columns_updated_on, "
            + "(SELECT SUM(p.rows) FROM sys.partitions AS p WHERE p.object_id = t.object_id AND p.index_id IN (0, 1)) AS row_estimate, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'SELECT') AS can_select, "
            + "HAS_PERMS_BY_NAME(QUOTENAME(s.name) + N'.' + QUOTENAME(t.name), N'OBJECT', N'VIEW CHANGE TRACKING') AS can_view "
            + "FROM sys.change_tracking_tables AS ct "
            + "JOIN sys.tables AS t ON t.object_id = ct.object_id "
            + "JOIN sys.schemas AS s ON s.schema_id = t.schema_id";

    /**
     * Columns of one table (schema and name as parameters). The type name comes from {@code sys.types} by
     * {@code user_type_id}, never {@code TYPE_NAME(system_type_id)}: hierarchyid, geometry, geography and user CLR
     * types share system type 240, which names no type (TYPE_NAME gives NULL), and {@code sysname} and alias types
     * share their base type's system id (sys.types reference: "user_type_id ... system_type_id"). An alias type
     * (and sysname) is read as its base system type, found by {@code user_type_id = system_type_id}; a CLR type keeps
     * its own name, which the type mapper refuses by name.
     */
    static final String COLUMNS = "SELECT c.name, c.column_id, "
            + "CASE WHEN ty.user_type_id <> ty.system_type_id AND ty.is_assembly_type = 0 THEN base.name ELSE ty.name END "
            + "AS type_name, c.max_length, "
            + "c.precision, c.scale, c.is_nullable, ISNULL(ic.key_ordinal, 0) AS key_ordinal, "
            + "ISNULL(ct.is_track_columns_updated_on, 0) AS track_columns "
            + "FROM sys.columns AS c "
            + "JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id "
            + "LEFT JOIN sys.types AS base ON base.user_type_id = ty.system_type_id "
            + "JOIN sys.tables AS t ON t.object_id = c.object_id "
            + "JOIN sys.schemas AS s ON s.schema_id = t.schema_id "
            + "LEFT JOIN sys.change_tracking_tables AS ct ON ct.object_id = t.object_id "
            + "LEFT JOIN sys.indexes AS i ON i.object_id = t.object_id AND i.is_primary_key = 1 "
            + "LEFT JOIN sys.index_columns AS ic ON ic.object_id = i.object_id AND ic.index_id = i.index_id "
            + "AND ic.column_id = c.column_id "
            + "WHERE s.name = ? AND t.name = ? ORDER BY c.column_id";

    /** A token per table that changes with any ALTER TABLE (modify_date) or column change. */
    static final String SCHEMA_STAMPS = "SELECT s.name AS schema_name, t.name AS table_name, "
            + "CONCAT(CONVERT(varchar(33), t.modify_date, 126), N'/', "
            + "(SELECT COUNT(*) FROM sys.columns AS c WHERE c.object_id = t.object_id), N'/', "
            + "(SELECT MAX(c.column_id) FROM sys.columns AS c WHERE c.object_id = t.object_id)) AS stamp "
            + "FROM sys.tables AS t JOIN sys.schemas AS s ON s.schema_id = t.schema_id";

    /** The database's Change Tracking retention and the server's UTC clock. */
    static final String RETENTION = "SELECT retention_period, retention_period_units_desc, SYSUTCDATETIME() AS now_utc "
            + "FROM sys.change_tracking_databases WHERE database_id = DB_ID()";
    static final String CURRENT_VERSION = "SELECT CHANGE_TRACKING_CURRENT_VERSION()";
    static final String MIN_VALID_VERSION = "SELECT CHANGE_TRACKING_MIN_VALID_VERSION(OBJECT_ID(?))";
    /** {@code begin_version} of a tracked table; "reset if the table is truncated" (sys.change_tracking_tables). */
    static final String TRACKING_BEGIN_VERSION = "SELECT ct.begin_version FROM sys.change_tracking_tables AS ct "
            + "WHERE ct.object_id = OBJECT_ID(?)";

    /*
     * Commit times (sys.dm_tran_commit_table: "one row for each transaction that is committed for a table that is
     * tracked"; commit_ts is the Change Tracking version, commit_time a datetime). Microsoft does not say in which
     * time zone commit_time is; as a datetime written by the server it is read as the server's local time at its
     * current offset (SYSDATETIMEOFFSET()), which is exact on servers that run in UTC (containers, Azure SQL) and off
     * by the DST shift for times on the other side of a DST change. The contract test pins it against the clock.
     */
    /** The last version committed before a datetimeoffset parameter. */
    static final String LAST_VERSION_COMMITTED_BEFORE = "SELECT MAX(ct.commit_ts) FROM sys.dm_tran_commit_table AS ct "
            + "WHERE ct.commit_time < CONVERT(datetime2(3), SWITCHOFFSET(CAST(? AS datetimeoffset(7)), "
            + "DATEPART(TZOFFSET, SYSDATETIMEOFFSET())))";
    private static final String COMMIT_TIME = "TODATETIMEOFFSET(ct.commit_time, DATEPART(TZOFFSET, SYSDATETIMEOFFSET()))";
    /** The earliest retained commit at or after a version. */
    static final String FIRST_COMMIT_FROM = "SELECT TOP (1) ct.commit_ts, " + COMMIT_TIME
            + " FROM sys.dm_tran_commit_table AS ct WHERE ct.commit_ts >= ? ORDER BY ct.commit_ts";
    /** Commit times of a range of versions (one version for the retention metrics: the same bound twice). */
    static final String COMMIT_TIMES = "SELECT ct.commit_ts, " + COMMIT_TIME
            + " FROM sys.dm_tran_commit_table AS ct WHERE ct.commit_ts BETWEEN ? AND ?";
    /**
     * Whether the user sees every commit time: "sys.dm_tran_commit_table doesn't reflect real-time changes for
     * read-only users, since VIEW SERVER STATE permission is required" (Microsoft's page for the view); Azure SQL
     * Database grants database-scoped views through VIEW DATABASE STATE.
     */
    static final String SEES_COMMIT_TIMES = "SELECT CAST(CASE WHEN HAS_PERMS_BY_NAME(NULL, NULL, N'VIEW SERVER STATE') = 1 "
            + "OR (SERVERPROPERTY('EngineEdition') = 5 AND HAS_PERMS_BY_NAME(DB_NAME(), N'DATABASE', N'VIEW DATABASE STATE') = 1) "
            + "THEN 1 ELSE 0 END AS bit)";

    /**
     * The databases with Change Tracking enabled that the user may open, by name. sys.change_tracking_databases
     * "returns one row for each database that has change tracking enabled"; sys.databases names it and says whether it
     * is ONLINE ({@code state} 0); HAS_DBACCESS(name) "returns 1 if the user has access to the specified database"
     * (0 without access, NULL for an unknown name); Microsoft's pages of the three on learn.microsoft.com. Catalog
     * visibility (VIEW ANY DATABASE, granted to public by default) may hide databases the user cannot open anyway; on
     * Azure SQL Database a connection to a user database sees only it and master in sys.databases ("SQL Database does
     * not support returning the entire set of catalogs from a user database", the JDBC driver's getCatalogs page).
     */
    static final String CHANGE_TRACKING_DATABASES = "SELECT d.name FROM sys.change_tracking_databases AS ctd "
            + "JOIN sys.databases AS d ON d.database_id = ctd.database_id "
            + "WHERE d.state = 0 AND HAS_DBACCESS(d.name) = 1 ORDER BY d.name";

    /** Result columns of a changes page, before the key and row columns. */
    static final int CHANGE_FIXED_COLUMNS = 5;

    private TSql() {
    }

    static String quote(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    static String quote(TableId table) {
        return quote(table.schema()) + "." + quote(table.table());
    }

    /** The computed column of a filtered changes page: 1 when the base-table row satisfies the row filter. */
    static final String FILTER_MATCH = "ctsync_row_filter_match";

    /** {@code SELECT TOP (?) <columns> FROM t [WHERE key > (?, ...)] ORDER BY key}. */
    static String snapshotChunk(TableMetadata table, boolean afterKey) {
        return snapshotChunk(table, Optional.empty(), afterKey);
    }

    /** {@code SELECT TOP (?) <columns> FROM t WHERE (<filter>) [AND key > (?, ...)] ORDER BY key}. */
    static String snapshotChunk(TableMetadata table, Optional<RowFilter> filter, boolean afterKey) {
        List<String> conditions = new ArrayList<>();
        filter.ifPresent(f -> conditions.add(condition(f)));
        if (afterKey) {
            String after = keyAfter("t", table.keyColumns());
            conditions.add(filter.isPresent() ? "(" + after + ")" : after);
        }
        return "SELECT TOP (?) " + columnList("t", table.columns()) + " FROM " + quote(table.id()) + " AS t"
                + (conditions.isEmpty() ? "" : " WHERE " + String.join(" AND ", conditions))
                + " ORDER BY " + columnList("t", table.keyColumns());
    }

    /** Compiles a row filter against its table without reading a row: {@code SELECT TOP 0 1 ... WHERE (<filter>)}. */
    static String rowFilterCheck(TableId table, RowFilter filter) {
        return "SELECT TOP 0 1 FROM " + quote(table) + " AS t WHERE " + condition(filter);
    }

    /** The filter as a search condition: parenthesized, the closing parenthesis on a line of its own. */
    static String condition(RowFilter filter) {
        return "(" + filter.predicate() + "\n)";
    }

    /**
     * A page of {@code CHANGETABLE(CHANGES t, ?)} joined to the base table: version, creation version, operation,
     * context, whether the column mask is NULL, the key from the change table, one
     * {@code CHANGE_TRACKING_IS_COLUMN_IN_MASK} per non-key column (when the table tracks columns), then the row.
     * Column ids are catalog integers written as literals and the mask results are read by position, unnamed: a
     * statement takes at most 2,100 parameters and an identifier at most 128 characters, so neither may grow with
     * the table's width or its column names. Parameters: TOP, anchor, upper bound, [cursor version twice, cursor key].
     */
    static String changesPage(TableMetadata table, boolean afterCursor) {
        return changesPage(table, Optional.empty(), afterCursor);
    }

    /**
     * {@link #changesPage(TableMetadata, boolean)}, with a row filter: the base table is joined through a derived
     * table (scoped to the table alone, so the filter's column names cannot clash with the change table's key columns)
     * that adds {@code CASE WHEN (<filter>) THEN 1 ELSE 0 END}, read as the last column. A row the filter's UNKNOWN
     * (NULL) excludes counts as not matching, as in the snapshot's WHERE.
     */
    static String changesPage(TableMetadata table, Optional<RowFilter> filter, boolean afterCursor) {
        List<Column> keys = table.keyColumns();
        StringBuilder sql = new StringBuilder("SELECT TOP (?) c.SYS_CHANGE_VERSION, c.SYS_CHANGE_CREATION_VERSION, ")
                .append("c.SYS_CHANGE_OPERATION, c.SYS_CHANGE_CONTEXT, ")
                .append("CAST(CASE WHEN c.SYS_CHANGE_COLUMNS IS NULL THEN 1 ELSE 0 END AS bit), ")
                .append(columnList("c", keys));
        for (Column column : maskedColumns(table)) {
            sql.append(", CHANGE_TRACKING_IS_COLUMN_IN_MASK(").append(column.columnId()).append(", c.SYS_CHANGE_COLUMNS)");
        }
        sql.append(", CAST(CASE WHEN t.").append(quote(keys.get(0).name()))
                .append(" IS NULL THEN 0 ELSE 1 END AS bit), ").append(columnList("t", table.columns()));
        filter.ifPresent(f -> sql.append(", t.").append(quote(FILTER_MATCH)));
        sql.append(" FROM CHANGETABLE(CHANGES ").append(quote(table.id())).append(", ?) AS c")
                .append(" LEFT JOIN ").append(filter.map(f -> filteredTable(table, f)).orElse(quote(table.id())))
                .append(" AS t ON ")
                .append(keys.stream().map(k -> "t." + quote(k.name()) + " = c." + quote(k.name()))
                        .collect(Collectors.joining(" AND ")))
                .append(" WHERE c.SYS_CHANGE_VERSION <= ?");
        if (afterCursor) {
            sql.append(" AND (c.SYS_CHANGE_VERSION > ? OR (c.SYS_CHANGE_VERSION = ? AND (")
                    .append(keyAfter("c", keys)).append(")))");
        }
        return sql.append(" ORDER BY c.SYS_CHANGE_VERSION, ").append(columnList("c", keys)).toString();
    }

    private static String filteredTable(TableMetadata table, RowFilter filter) {
        return "(SELECT " + columnList("t", table.columns()) + ", CASE WHEN " + condition(filter) + " THEN 1 ELSE 0 END AS "
                + quote(FILTER_MATCH) + " FROM " + quote(table.id()) + " AS t)";
    }

    /** The non-key columns whose change bit is read (none when the table does not track columns updated). */
    static List<Column> maskedColumns(TableMetadata table) {
        return table.trackColumnsUpdated() ? table.columns().stream().filter(c -> !c.isKey()).toList() : List.of();
    }

    /**
     * Keyset predicate "key after (?, ?, ...)" in key order: {@code (k1 > ?) OR (k1 = ? AND k2 > ?) ...}. Each
     * parameter is cast to the column's own type, so comparisons use the column's type and collation.
     */
    static String keyAfter(String alias, List<Column> keys) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < keys.size(); i++) {
            sql.append(i == 0 ? "(" : " OR (");
            for (int j = 0; j < i; j++) {
                sql.append(alias).append('.').append(quote(keys.get(j).name())).append(" = ").append(param(keys.get(j)))
                        .append(" AND ");
            }
            sql.append(alias).append('.').append(quote(keys.get(i).name())).append(" > ").append(param(keys.get(i))).append(')');
        }
        return sql.toString();
    }

    /** How many parameters {@link #keyAfter} takes for a key of {@code size} columns, in binding order. */
    static int[] keyAfterBindings(int size) {
        int[] order = new int[size * (size + 1) / 2];
        int n = 0;
        for (int i = 0; i < size; i++) {
            for (int j = 0; j <= i; j++) {
                order[n++] = j;
            }
        }
        return order;
    }

    /** The column's declared type, rebuilt from catalog numbers, e.g. {@code nvarchar(50)}, {@code decimal(18,4)}. */
    static String declaredType(Column column) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        switch (type) {
            case "char": case "varchar": case "binary": case "varbinary":
                return type + "(" + (column.maxLength() < 0 ? "max" : Integer.toString(column.maxLength())) + ")";
            case "nchar": case "nvarchar":
                return type + "(" + (column.maxLength() < 0 ? "max" : Integer.toString(column.maxLength() / 2)) + ")";
            case "decimal": case "numeric":
                return type + "(" + column.precision() + "," + column.scale() + ")";
            case "time": case "datetime2": case "datetimeoffset":
                return type + "(" + column.scale() + ")";
            default:
                if (!type.matches("[a-z0-9_]+")) {
                    throw new IllegalArgumentException("Unexpected type name " + column.typeName());
                }
                return type;
        }
    }

    private static String param(Column column) {
        return "CAST(? AS " + declaredType(column) + ")";
    }

    private static String columnList(String alias, List<Column> columns) {
        return columns.stream().map(c -> alias + "." + quote(c.name())).collect(Collectors.joining(", "));
    }
}
