package io.ctsync.testkit.db;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/** A database created for one test class: where it is and how to talk to it. */
public record TestDatabase(DatabaseKind kind, String name, String jdbcUrl, String user, String password) {

    public Connection open() throws SQLException {
        Properties properties = new Properties();
        if (user != null) {
            properties.setProperty("user", user);
        }
        if (password != null) {
            properties.setProperty("password", password);
        }
        return DriverManager.getConnection(jdbcUrl, properties);
    }

    /** Runs statements in order, each in auto-commit. */
    public void execute(String... statements) {
        try (Connection connection = open(); Statement statement = connection.createStatement()) {
            for (String sql : statements) {
                statement.execute(sql);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Failed on " + kind + " database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The rows of a query, each as column label → value, in result order. */
    public List<Map<String, Object>> rows(String sql) {
        try (Connection connection = open(); Statement statement = connection.createStatement();
             ResultSet resultSet = statement.executeQuery(sql)) {
            ResultSetMetaData meta = resultSet.getMetaData();
            List<Map<String, Object>> rows = new ArrayList<>();
            while (resultSet.next()) {
                Map<String, Object> row = new LinkedHashMap<>();
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    row.put(meta.getColumnLabel(i), resultSet.getObject(i));
                }
                rows.add(row);
            }
            return rows;
        } catch (SQLException e) {
            throw new IllegalStateException("Query failed on " + kind + " database " + name + ": " + e.getMessage(), e);
        }
    }

    /** The single value of a one-row, one-column query. */
    public Object value(String sql) {
        List<Map<String, Object>> rows = rows(sql);
        if (rows.size() != 1 || rows.get(0).size() != 1) {
            throw new IllegalStateException("Expected one row with one column from '" + sql + "', got " + rows);
        }
        return rows.get(0).values().iterator().next();
    }

    @Override
    public String toString() {
        return kind + " " + name + " (" + jdbcUrl + ")";
    }
}
