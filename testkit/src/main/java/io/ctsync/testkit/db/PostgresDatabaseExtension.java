package io.ctsync.testkit.db;

import static io.ctsync.testkit.RequiredService.setting;

/**
 * A fresh database per test class on the local PostgreSQL ({@code CTSYNC_PG_HOST}, {@code CTSYNC_PG_PORT},
 * {@code CTSYNC_PG_USER}, {@code CTSYNC_PG_PASSWORD}; default 127.0.0.1:5432, user postgres, trust auth).
 */
public class PostgresDatabaseExtension extends ServerDatabaseExtension {

    private final String host = setting("CTSYNC_PG_HOST", "127.0.0.1");
    private final String port = setting("CTSYNC_PG_PORT", "5432");
    private final String user = setting("CTSYNC_PG_USER", "postgres");
    private final String password = setting("CTSYNC_PG_PASSWORD", "");

    @Override
    protected String serverDescription() {
        return "PostgreSQL at " + host + ":" + port;
    }

    @Override
    protected String howToProvide() {
        return "Start it (.ci/run does: pg_ctlcluster <version> main start) or point CTSYNC_PG_HOST/PORT/USER at one.";
    }

    @Override
    protected String adminUrl() {
        return "jdbc:postgresql://" + host + ":" + port + "/postgres";
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
        return DatabaseKind.POSTGRESQL;
    }

    @Override
    protected String databaseUrl(String databaseName) {
        return "jdbc:postgresql://" + host + ":" + port + "/" + databaseName;
    }

    @Override
    protected String createStatement(String databaseName) {
        return "CREATE DATABASE " + databaseName;
    }

    @Override
    protected String dropStatement(String databaseName) {
        return "DROP DATABASE IF EXISTS " + databaseName + " WITH (FORCE)";
    }
}
