package io.ctsync.testkit.db;

import static io.ctsync.testkit.RequiredService.setting;

import io.ctsync.testkit.RequiredService;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * A database created on a shared local server through an admin connection, and dropped afterwards. Where the
 * server is comes from {@code <envPrefix>_HOST}, {@code _PORT}, {@code _USER} and {@code _PASSWORD} (default
 * 127.0.0.1, the product's port and admin user, empty password).
 */
abstract class ServerDatabaseExtension extends DatabaseExtension {

    private final String product;
    private final String jdbcScheme;
    private final String host;
    private final String port;
    private final String user;
    private final String password;

    protected ServerDatabaseExtension(String product, String jdbcScheme, String envPrefix, String defaultPort,
                                      String defaultUser) {
        this.product = product;
        this.jdbcScheme = jdbcScheme;
        this.host = setting(envPrefix + "_HOST", "127.0.0.1");
        this.port = setting(envPrefix + "_PORT", defaultPort);
        this.user = setting(envPrefix + "_USER", defaultUser);
        this.password = setting(envPrefix + "_PASSWORD", "");
    }

    /** What to do when the server is missing, for the skip/fail message. */
    protected abstract String howToProvide();

    /** The database the admin connection opens (empty: none). */
    protected abstract String adminDatabase();

    protected abstract DatabaseKind kind();

    protected abstract String createStatement(String databaseName);

    protected abstract String dropStatement(String databaseName);

    /** e.g. "PostgreSQL at 127.0.0.1:5432". */
    protected String serverDescription() {
        return product + " at " + host + ":" + port;
    }

    protected String adminUrl() {
        return databaseUrl(adminDatabase());
    }

    protected String user() {
        return user;
    }

    protected String password() {
        return password;
    }

    protected String databaseUrl(String databaseName) {
        return "jdbc:" + jdbcScheme + "://" + host + ":" + port + "/" + databaseName;
    }

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
