package io.ctsync.launcher;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Objects;

/**
 * Reads the demo's SQLite target in a process of its own. The sink in the worker loads its own copy of SQLite's
 * native library from its plugin directory; a second copy in the same process breaks SQLite's POSIX locks and WAL
 * index (SQLite: "multiple copies of SQLite in the same program"), so the launcher's process never opens the file.
 * Protocol on stdin/stdout, one request a line: {@code COUNT table} or {@code ROWS table<TAB>columns<TAB>order by};
 * each answer is rows of tab-separated values, then {@code END} (or {@code ERROR message}).
 */
public final class TargetReaderProcess {

    private TargetReaderProcess() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = new PrintStream(System.out, false, StandardCharsets.UTF_8);
        try (Connection connection = DriverManager.getConnection(args[0]);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("PRAGMA busy_timeout = 5000");
            }
            String request;
            while ((request = in.readLine()) != null) {
                try {
                    answer(connection, request, out);
                    out.println("END");
                } catch (SQLException e) {
                    out.println("ERROR " + String.valueOf(e.getMessage()).replace('\n', ' '));
                }
                out.flush();
            }
        }
    }

    private static void answer(Connection connection, String request, PrintStream out) throws SQLException {
        String sql;
        if (request.startsWith("COUNT ")) {
            sql = "SELECT COUNT(*) FROM " + request.substring(6);
        } else {
            String[] parts = request.substring(5).split("\t");
            sql = "SELECT " + parts[1] + " FROM " + parts[0] + " ORDER BY " + parts[2];
        }
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            int columns = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder line = new StringBuilder();
                for (int i = 1; i <= columns; i++) {
                    line.append(i > 1 ? "\t" : "").append(Objects.toString(rs.getObject(i), "\\N"));
                }
                out.println(line);
            }
        }
    }
}
