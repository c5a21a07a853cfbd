package io.ctsync.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/** The SQLite file the sink writes into, read back with this JVM's own driver. */
record SqliteTarget(String url) {

    /** id -> name of every row of {@code table}, in id order. */
    Map<Integer, String> rows(String table) throws SQLException {
        Map<Integer, String> rows = new LinkedHashMap<>();
        try (Connection connection = DriverManager.getConnection(url); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id, name FROM \"" + table + "\" ORDER BY id")) {
            while (rs.next()) {
                rows.put(rs.getInt(1), rs.getString(2));
            }
        }
        return rows;
    }
}
