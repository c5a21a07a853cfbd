package io.ctsync.sink.jdbc;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.TableId;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One connection to the target, opened lazily and reopened after a failure, with its prepared statements cached by
 * SQL text (a statement is built once per table and column set, then reused for every batch).
 */
public final class JdbcSession implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSession.class);

    private final Dialect dialect;
    private final ConnectionOptions.Settings settings;
    private final Map<String, PreparedStatement> statements = new HashMap<>();
    /** Session objects (temporary tables) created by committed transactions of this connection, by their DDL. */
    private final Set<String> sessionObjects = new HashSet<>();
    /** Those created in the current transaction: theirs only once it commits (a rollback undoes the DDL too). */
    private final Set<String> pendingSessionObjects = new HashSet<>();
    private Driver driver;
    private Connection connection;

    public JdbcSession(Dialect dialect, ConnectionOptions.Settings settings) {
        this.dialect = dialect;
        this.settings = settings;
    }

    public Dialect dialect() {
        return dialect;
    }

    /** The open connection (auto-commit off), connecting first when needed. */
    public Connection connection() throws SQLException {
        if (connection == null) {
            Properties properties = dialect.connectionProperties(settings.url());
            if (!settings.user().isEmpty()) {
                properties.setProperty("user", settings.user());
            }
            if (settings.password() != null && !settings.password().value().isEmpty()) {
                properties.setProperty("password", settings.password().value());
            }
            Connection opened = connect(properties);
            try {
                opened.setAutoCommit(false);
                dialect.initialize(opened);
                opened.commit();
            } catch (SQLException e) {
                closeQuietly(opened);
                throw e;
            }
            connection = opened;
            LOG.info("Connected to {} ({} dialect)", settings.url(), dialect.name());
        }
        return connection;
    }

    /** The cached statement for this SQL on the current connection. */
    public PreparedStatement prepare(String sql) throws SQLException {
        PreparedStatement statement = statements.get(sql);
        if (statement == null) {
            statement = connection().prepareStatement(sql);
            statements.put(sql, statement);
        }
        return statement;
    }

    /**
     * Runs this DDL of a session object (a temporary table) once per connection: again after a reconnect, or when the
     * transaction that ran it was rolled back.
     */
    public void ensureSessionObject(String ddl) throws SQLException {
        if (sessionObjects.contains(ddl) || pendingSessionObjects.contains(ddl)) {
            return;
        }
        try (Statement statement = connection().createStatement()) {
            statement.execute(ddl);
        }
        pendingSessionObjects.add(ddl);
    }

    /** Creates one of the sink's own tables when missing, and commits. */
    public void createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns) throws SQLException {
        try (Statement statement = connection().createStatement()) {
            statement.execute(dialect.createTable(table, columns, keyColumns));
        }
        commit();
    }

    public void commit() throws SQLException {
        connection().commit();
        sessionObjects.addAll(pendingSessionObjects);
        pendingSessionObjects.clear();
    }

    /** Rolls back what is pending; a failure to do so (e.g. connection gone) closes the connection instead. */
    public void rollbackQuietly() {
        pendingSessionObjects.clear();
        if (connection == null) {
            return;
        }
        try {
            connection.rollback();
        } catch (SQLException e) {
            LOG.debug("Rollback failed ({}); closing the connection", e.getMessage());
            close();
        }
    }

    /** True when there is no usable connection (never opened, closed, or no longer answering). */
    public boolean isBroken() {
        try {
            return connection == null || connection.isClosed() || !connection.isValid(2);
        } catch (SQLException e) {
            return true;
        }
    }

    /** Drops the connection and its statements; the next use reconnects. */
    @Override
    public void close() {
        statements.clear();
        sessionObjects.clear();
        pendingSessionObjects.clear();
        if (connection != null) {
            closeQuietly(connection);
            connection = null;
        }
    }

    private Connection connect(Properties properties) throws SQLException {
        // The driver comes from the plugin's own class loader: DriverManager alone does not see drivers in an
        // isolated plugin directory on every worker version.
        if (driver == null) {
            try {
                driver = (Driver) Class.forName(dialect.driverClass(), true, JdbcSession.class.getClassLoader())
                        .getDeclaredConstructor().newInstance();
            } catch (ReflectiveOperationException | LinkageError e) {
                LOG.debug("Driver {} not loadable ({}); asking DriverManager", dialect.driverClass(), e.toString());
                return DriverManager.getConnection(settings.url(), properties);
            }
        }
        Connection opened = driver.connect(settings.url(), properties);
        if (opened == null) {
            throw new SQLException("The " + dialect.name() + " driver does not accept the URL " + settings.url(), "08001");
        }
        return opened;
    }

    private static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException e) {
            LOG.debug("Closing the connection failed: {}", e.getMessage());
        }
    }
}
