package io.ctsync.compat;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * Prints the ids of compat_rows, one a line, from a process of its own: the sink under test runs in this test's JVM
 * with its own copy of SQLite's native library (from its plugin directory), and two copies in one process break
 * SQLite's POSIX locks and WAL index, so a read from the test's JVM may not see what the sink committed.
 */
public final class SqliteIds {

    private SqliteIds() {
    }

    public static void main(String[] args) throws Exception {
        try (Connection connection = DriverManager.getConnection(args[0]); Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT id FROM compat_rows ORDER BY id")) {
            while (rs.next()) {
                System.out.println(rs.getInt(1));
            }
        }
    }
}
