package io.ctsync.testkit.db;

/**
 * A fresh database per test class on the local PostgreSQL ({@code CTSYNC_PG_HOST}, {@code CTSYNC_PG_PORT},
 * {@code CTSYNC_PG_USER}, {@code CTSYNC_PG_PASSWORD}; default 127.0.0.1:5432, user postgres, trust auth).
 */
public class PostgresDatabaseExtension extends ServerDatabaseExtension {

    public PostgresDatabaseExtension() {
        super("PostgreSQL", "postgresql", "CTSYNC_PG", "5432", "postgres");
    }

    @Override
    protected String howToProvide() {
        return "Start it (.ci/run does: pg_ctlcluster <version> main start) or point CTSYNC_PG_HOST/PORT/USER at one.";
    }

    @Override
    protected String adminDatabase() {
        return "postgres";
    }

    @Override
    protected DatabaseKind kind() {
        return DatabaseKind.POSTGRESQL;
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
