package io.ctsync.testkit.db;

import static io.ctsync.testkit.RequiredService.setting;

/**
 * A fresh database per test class on the local MariaDB ({@code CTSYNC_MARIADB_HOST}, {@code CTSYNC_MARIADB_PORT},
 * {@code CTSYNC_MARIADB_USER}, {@code CTSYNC_MARIADB_PASSWORD}; default 127.0.0.1:3306, root, empty password).
 */
public class MariaDbDatabaseExtension extends ServerDatabaseExtension {

    private final String host = setting("CTSYNC_MARIADB_HOST", "127.0.0.1");
    private final String port = setting("CTSYNC_MARIADB_PORT", "3306");
    private final String user = setting("CTSYNC_MARIADB_USER", "root");
    private final String password = setting("CTSYNC_MARIADB_PASSWORD", "");

    @Override
    protected String serverDescription() {
        return "MariaDB at " + host + ":" + port;
    }

    @Override
    protected String howToProvide() {
        return "Start it (.ci/run does: start-stop-daemon --start --background --exec /usr/sbin/mariadbd) "
                + "or point CTSYNC_MARIADB_HOST/PORT/USER at one.";
    }

    @Override
    protected String adminUrl() {
        return "jdbc:mariadb://" + host + ":" + port + "/";
    }

    @Override
    protected String user() {
        return user;
    }

    @Override
    protected String password() {
        return password;
    }

    @Override
    protected DatabaseKind kind() {
        return DatabaseKind.MARIADB;
    }

    @Override
    protected String databaseUrl(String databaseName) {
        return "jdbc:mariadb://" + host + ":" + port + "/" + databaseName;
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
