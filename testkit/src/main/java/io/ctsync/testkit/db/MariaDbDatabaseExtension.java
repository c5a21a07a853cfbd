package io.ctsync.testkit.db;

/**
 * A fresh database per test class on the local MariaDB ({@code CTSYNC_MARIADB_HOST}, {@code CTSYNC_MARIADB_PORT},
 * {@code CTSYNC_MARIADB_USER}, {@code CTSYNC_MARIADB_PASSWORD}; default 127.0.0.1:3306, root, empty password).
 */
public class MariaDbDatabaseExtension extends ServerDatabaseExtension {

    public MariaDbDatabaseExtension() {
        super("MariaDB", "mariadb", "CTSYNC_MARIADB", "3306", "root");
    }

    @Override
    protected String howToProvide() {
        return "Start it (.ci/run does: start-stop-daemon --start --background --exec /usr/sbin/mariadbd) "
                + "or point CTSYNC_MARIADB_HOST/PORT/USER at one.";
    }

    @Override
    protected String adminDatabase() {
        return "";
    }

    @Override
    protected DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    protected String createStatement(String databaseName) {
        return "CREATE DATABASE " + databaseName + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin";
    }

    @Override
    protected String dropStatement(String databaseName) {
        return "DROP DATABASE IF EXISTS " + databaseName;
    }
}
