package io.ctsync.testkit.db;

import io.ctsync.testkit.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/** A database created on a shared local server through an admin connection, and dropped afterwards. */
abstract class ServerDatabaseExtension extends DatabaseExtension {

    /** e.g. "PostgreSQL at 127.0.0.1:5432". */
    protected abstract String serverDescription();

    /** What to do when the server is missing, for the skip/fail message. */
    protected abstract String howToProvide();

    protected abstract String adminUrl();

    protected abstract String user();

    protected abstract String password();

    protected abstract DatabaseKind kind();

    protected abstract String databaseUrl(String databaseName);

    protected abstract String createStatement(String databaseName);

    protected abstract String dropStatement(String databaseName);

    @Override
    protected TestDatabase create(Class<?> testClass) throws SQLException {
        String name = DatabaseNames.forTestClass(testClass);
        try (Connection admin = connectAdmin(); Statement statement = admin.createStatement()) {
            statement.execute(createStatement(name));
        }
        return new TestDatabase(kind(), name, databaseUrl(name), user(), password());
    }

    @Override
    protected void drop(TestDatabase database) throws SQLException {
        try (Connection admin = DriverManager.getConnection(adminUrl(), user(), password());
             Statement statement = admin.createStatement()) {
            statement.execute(dropStatement(database.name()));
        }
    }

    private Connection connectAdmin() {
        try {
            return DriverManager.getConnection(adminUrl(), user(), password());
        } catch (SQLException e) {
            throw RequiredService.unavailable(serverDescription(), howToProvide(), e);
        }
    }
}
