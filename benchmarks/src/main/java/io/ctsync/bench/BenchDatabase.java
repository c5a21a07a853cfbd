package io.ctsync.bench;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** A fresh database on the local server for one benchmark run, dropped afterwards. */
final class BenchDatabase implements AutoCloseable {

    private final TargetKind kind;
    private final String name;

    private BenchDatabase(TargetKind kind, String name) {
        this.kind = kind;
        this.name = name;
    }

    static BenchDatabase create(TargetKind kind) throws SQLException {
        String name = "ctsync_bench_" + Long.toString(System.currentTimeMillis(), 36);
        try (Connection admin = DriverManager.getConnection(kind.serverUrl + kind.adminDatabase, kind.user, kind.password);
             Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return new BenchDatabase(kind, name);
    }

    TargetKind kind() {
        return kind;
    }

    /** The URL as an operator would configure it. */
    String jdbcUrl() {
        return kind.serverUrl + name;
    }

    /** The URL as an operator would configure it, through a proxy listening on the loopback {@code port}. */
    String jdbcUrlVia(int port) {
        return kind.serverUrl("127.0.0.1", port) + name;
    }

    /** The URL with the driver's batching fast path on, for the raw-JDBC limit. */
    String fastJdbcUrl() {
        return kind.serverUrl + name + kind.fastPathParameters;
    }

    Connection open(String url) throws SQLException {
        return DriverManager.getConnection(url, kind.user, kind.password);
    }

    /** True when the table exists and holds the row; false while the connector has not created it yet. */
    boolean hasRow(Connection connection, String table, long id) {
        try (PreparedStatement statement = connection.prepareStatement("SELECT 1 FROM " + table + " WHERE id = ?")) {
            statement.setLong(1, id);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next();
            }
        } catch (SQLException e) {
            rollbackQuietly(connection);
            return false;
        }
    }

    boolean hasAnyRow(Connection connection, String table) {
        try (Statement statement = connection.createStatement();
             ResultSet rs = statement.executeQuery("SELECT 1 FROM " + table + " LIMIT 1")) {
            return rs.next();
        } catch (SQLException e) {
            rollbackQuietly(connection);
            return false;
        }
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            if (!connection.getAutoCommit()) {
                connection.rollback();
            }
        } catch (SQLException ignored) {
            // The probe failed because the table is not there yet; nothing to undo.
        }
    }

    @Override
    public void close() throws SQLException {
        if (Boolean.getBoolean("ctsync.bench.keep.databases")) {
            return;
        }
        String drop = kind == TargetKind.POSTGRESQL ? "DROP DATABASE IF EXISTS " + name + " WITH (FORCE)"
                : "DROP DATABASE IF EXISTS " + name;
        try (Connection admin = DriverManager.getConnection(kind.serverUrl + kind.adminDatabase, kind.user, kind.password);
             Statement statement = admin.createStatement()) {
            statement.execute(drop);
        }
    }

    @Override
    public String toString() {
        return kind + " database " + name;
    }
}
