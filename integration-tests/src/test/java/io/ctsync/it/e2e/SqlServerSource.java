package io.ctsync.it.e2e;

import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.db.TestDatabase;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * A real SQL Server database with Change Tracking (Testcontainers), written and read over JDBC with the same Java types
 * the model holds. Values are bound as parameters; {@code sendTimeAsDatetime=false} so a {@code LocalTime} reaches a
 * {@code time(7)} column whole.
 */
final class SqlServerSource implements SourceDatabase {

    private final TestDatabase db;
    private final String writeUrl;
    private final Map<String, List<ModelColumn>> columns = new LinkedHashMap<>();

    SqlServerSource(TestDatabase db) {
        this.db = db;
        this.writeUrl = db.jdbcUrl() + ";sendTimeAsDatetime=false";
    }

    @Override
    public void createTrackedTable(String table, List<ModelColumn> definition, boolean trackColumnsUpdated) {
        columns.put(table, new ArrayList<>(definition));
        String key = definition.stream().filter(c -> c.keyOrdinal() > 0)
                .sorted(java.util.Comparator.comparingInt(ModelColumn::keyOrdinal)).map(c -> quote(c.name()))
                .collect(Collectors.joining(", "));
        db.execute("CREATE TABLE dbo." + quote(table) + " (" + definition.stream().map(SqlServerSource::columnDefinition)
                        .collect(Collectors.joining(", ")) + ", PRIMARY KEY (" + key + "))",
                "ALTER TABLE dbo." + quote(table) + " ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = "
                        + (trackColumnsUpdated ? "ON" : "OFF") + ")");
    }

    @Override
    public void addColumn(String table, ModelColumn column) {
        db.execute("ALTER TABLE dbo." + quote(table) + " ADD " + columnDefinition(column));
        columns.get(table).add(column);
    }

    @Override
    public void transaction(Consumer<Statements> statements) {
        try (Connection connection = open()) {
            connection.setAutoCommit(false);
            statements.accept(new JdbcStatements(connection));
            connection.commit();
        } catch (SQLException e) {
            throw new IllegalStateException("SQL Server transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public void truncate(String table) {
        db.execute("TRUNCATE TABLE dbo." + quote(table));
    }

    @Override
    public List<Map<String, Object>> rows(String table) {
        List<Map<String, Object>> rows = new ArrayList<>();
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT * FROM dbo." + quote(table))) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), read(rs, i, meta.getColumnTypeName(i)));
                }
                rows.add(row);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Reading dbo." + table + " failed: " + e.getMessage(), e);
        }
        return rows;
    }

    @Override
    public Map<String, String> connectorOptions() {
        return Map.of("connection.url", db.jdbcUrl(), "connection.user", db.user(), "connection.password", db.password());
    }

    private Connection open() throws SQLException {
        return new TestDatabase(db.kind(), db.name(), writeUrl, db.user(), db.password()).open();
    }

    private static Object read(ResultSet rs, int i, String typeName) throws SQLException {
        return switch (typeName.toLowerCase(Locale.ROOT)) {
            case "date" -> rs.getObject(i, LocalDate.class);
            case "time" -> rs.getObject(i, LocalTime.class);
            case "datetime", "datetime2", "smalldatetime" -> rs.getObject(i, LocalDateTime.class);
            case "datetimeoffset" -> rs.getObject(i, OffsetDateTime.class);
            case "binary", "varbinary", "image", "timestamp" -> rs.getBytes(i);
            case "xml", "text", "ntext" -> rs.getString(i);
            default -> rs.getObject(i);
        };
    }

    private static String columnDefinition(ModelColumn column) {
        String type = column.typeName().toLowerCase(Locale.ROOT);
        String size = switch (type) {
            case "decimal", "numeric" -> "(" + column.precision() + "," + column.scale() + ")";
            case "time", "datetime2", "datetimeoffset" -> "(" + column.scale() + ")";
            case "char", "nchar", "varchar", "nvarchar", "binary", "varbinary" -> "(" + column.maxLength() + ")";
            default -> "";
        };
        return quote(column.name()) + " " + type + size + (column.nullable() ? " NULL" : " NOT NULL");
    }

    private static String quote(String identifier) {
        return "[" + identifier.replace("]", "]]") + "]";
    }

    private record JdbcStatements(Connection connection) implements Statements {
        @Override
        public void insert(String table, Map<String, Object> row) {
            List<String> names = new ArrayList<>(row.keySet());
            run("INSERT INTO dbo." + quote(table) + " (" + names.stream().map(SqlServerSource::quote)
                    .collect(Collectors.joining(", ")) + ") VALUES (" + names.stream().map(n -> "?")
                    .collect(Collectors.joining(", ")) + ")", names.stream().map(row::get).toList());
        }

        @Override
        public void update(String table, List<Object> key, Map<String, Object> set) {
            List<String> names = new ArrayList<>(set.keySet());
            List<Object> values = new ArrayList<>(names.stream().map(set::get).toList());
            values.addAll(key);
            run("UPDATE dbo." + quote(table) + " SET " + names.stream().map(n -> quote(n) + " = ?")
                    .collect(Collectors.joining(", ")) + " WHERE " + where(table), values);
        }

        @Override
        public void delete(String table, List<Object> key) {
            run("DELETE FROM dbo." + quote(table) + " WHERE " + where(table), key);
        }

        private static String where(String table) {
            // Every table of the suite is keyed by id, except order_lines (order_id, line_no).
            return table.equals(SourceTables.LINES) ? "[order_id] = ? AND [line_no] = ?" : "[id] = ?";
        }

        private void run(String sql, List<Object> values) {
            try (PreparedStatement statement = connection.prepareStatement(sql)) {
                for (int i = 0; i < values.size(); i++) {
                    statement.setObject(i + 1, values.get(i));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new IllegalStateException(sql + " failed: " + e.getMessage(), e);
            }
        }
    }
}
