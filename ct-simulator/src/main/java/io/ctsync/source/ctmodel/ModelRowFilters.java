package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableMetadata;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;

/**
 * Evaluates row filters (T-SQL search conditions, {@code table.filter.<schema>.<table>}) over the model's rows. The
 * model parses no SQL: each row is put into a one-row table of an embedded, in-memory H2 database in its SQL Server
 * compatibility mode, and H2 evaluates {@code SELECT COUNT(*) FROM t WHERE (<filter>)}. Column names resolve without
 * regard to case and string comparisons ignore case, as under SQL Server's default collation
 * ({@code SQL_Latin1_General_CP1_CI_AS}); a bit column holds 1 or 0, as T-SQL compares it.
 *
 * <p>The subset the model is held to (and its tests use): comparisons ({@code = <> != < <= > >=}), {@code AND},
 * {@code OR}, {@code NOT}, parentheses, {@code IN (...)}, {@code LIKE} with {@code %} and {@code _},
 * {@code IS [NOT] NULL}, {@code BETWEEN}, and number, string ({@code '...'}, {@code N'...'}) and date-string literals,
 * over columns of the integer, decimal, float, character, date and time types. A comparison with NULL is UNKNOWN, so
 * the row does not match, as in T-SQL. Anything beyond (T-SQL functions, subqueries, other types) is whatever H2 makes
 * of it: the real server is the reference, proven by the contract test against SQL Server.
 *
 * <p>H2 is loaded by name, only when a filter is used: the model runs without it otherwise.
 */
final class ModelRowFilters {

    private static final String URL_OPTIONS = ";MODE=MSSQLServer;DATABASE_TO_UPPER=FALSE;CASE_INSENSITIVE_IDENTIFIERS=TRUE"
            + ";IGNORECASE=TRUE";

    private Connection connection;
    /** The H2 table holding the rows of each table definition filtered so far. */
    private final Map<TableMetadata, String> tables = new HashMap<>();

    /** H2's reason why {@code filter} is no search condition on {@code table}, or empty when it is one. */
    Optional<String> error(TableMetadata table, RowFilter filter) {
        try (PreparedStatement ignored = connection().prepareStatement(count(table, filter))) {
            return Optional.empty();
        } catch (SQLException e) {
            // H2 appends the statement, which names its own table, not the operator's: keep the reason only.
            String message = String.valueOf(e.getMessage());
            int statement = message.indexOf("; SQL statement:");
            return Optional.of(statement < 0 ? message : message.substring(0, statement));
        }
    }

    /** Whether the row (values by column name) satisfies {@code filter}. */
    boolean matches(TableMetadata table, RowFilter filter, Map<String, Object> row) {
        String name = h2Table(table);
        List<Column> columns = mappedColumns(table);
        try (Statement clear = connection().createStatement()) {
            clear.executeUpdate("DELETE FROM " + name);
            try (PreparedStatement insert = connection.prepareStatement(insert(name, columns))) {
                for (int i = 0; i < columns.size(); i++) {
                    insert.setObject(i + 1, h2Value(row.get(columns.get(i).name())));
                }
                insert.executeUpdate();
            }
            try (PreparedStatement select = connection.prepareStatement(count(table, filter));
                 ResultSet rs = select.executeQuery()) {
                rs.next();
                return rs.getInt(1) == 1;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Evaluating the row filter (" + filter.predicate() + ") of " + table.id()
                    + ": " + e.getMessage(), e);
        }
    }

    private String count(TableMetadata table, RowFilter filter) {
        return "SELECT COUNT(*) FROM " + h2Table(table) + " AS t WHERE (" + filter.predicate() + "\n)";
    }

    private String h2Table(TableMetadata table) {
        String existing = tables.get(table);
        if (existing != null) {
            return existing;
        }
        String name = "\"rows_" + tables.size() + "\"";
        StringBuilder ddl = new StringBuilder("CREATE TABLE ").append(name).append(" (");
        List<Column> columns = mappedColumns(table);
        for (int i = 0; i < columns.size(); i++) {
            ddl.append(i == 0 ? "" : ", ").append(quote(columns.get(i).name())).append(' ')
                    .append(h2Type(columns.get(i)));
        }
        try (Statement statement = connection().createStatement()) {
            statement.execute(ddl.append(')').toString());
        } catch (SQLException e) {
            throw new IllegalStateException("Creating the H2 table for the row filters of " + table.id() + ": "
                    + e.getMessage(), e);
        }
        tables.put(table, name);
        return name;
    }

    private static String insert(String name, List<Column> columns) {
        return "INSERT INTO " + name + " VALUES (" + "?, ".repeat(columns.size() - 1) + "?)";
    }

    /** The columns H2 can hold; a filter naming another column fails as naming an unknown one. */
    private static List<Column> mappedColumns(TableMetadata table) {
        return table.columns().stream().filter(c -> h2Type(c) != null).toList();
    }

    /** The H2 type that compares like the SQL Server type; null for types the model does not filter on. */
    private static String h2Type(Column column) {
        switch (column.typeName().toLowerCase(Locale.ROOT)) {
            case "bit": case "tinyint": case "smallint":
                return "SMALLINT";
            case "int":
                return "INT";
            case "bigint":
                return "BIGINT";
            case "decimal": case "numeric":
                return "NUMERIC(" + Math.max(column.precision(), 1) + ", " + column.scale() + ")";
            case "money":
                return "NUMERIC(19, 4)";
            case "smallmoney":
                return "NUMERIC(10, 4)";
            case "float":
                return "DOUBLE PRECISION";
            case "real":
                return "REAL";
            case "char": case "nchar": case "varchar": case "nvarchar": case "text": case "ntext": case "sysname":
            case "uniqueidentifier":
                return "VARCHAR";
            case "date":
                return "DATE";
            case "datetime": case "datetime2": case "smalldatetime":
                return "TIMESTAMP(9)";
            case "time":
                return "TIME(9)";
            case "datetimeoffset":
                return "TIMESTAMP(9) WITH TIME ZONE";
            default:
                return null;
        }
    }

    private static Object h2Value(Object value) {
        if (value instanceof Boolean b) {
            return b ? 1 : 0;
        }
        if (value instanceof UUID uuid) {
            return uuid.toString();
        }
        return value;
    }

    private static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }

    private Connection connection() throws SQLException {
        if (connection == null) {
            try {
                Driver driver = (Driver) Class.forName("org.h2.Driver").getDeclaredConstructor().newInstance();
                connection = driver.connect("jdbc:h2:mem:ctmodel_filters_" + UUID.randomUUID() + URL_OPTIONS,
                        new Properties());
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("The model evaluates row filters with H2 (com.h2database:h2), which is "
                        + "not on the class path", e);
            }
        }
        return connection;
    }
}
