package io.ctsync.source.tsql;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/** Opens SQL Server over mssql-jdbc: the connector's default database factory. */
public final class SqlServerDatabaseFactory implements ChangeTrackingDatabaseFactory {

    /** The URL with any password property masked, for messages and logs. */
    static String redacted(String url) {
        return url.replaceAll("(?i)((?:password|pwd)\\s*=)[^;]*", "$1****");
    }

    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection) {
        Properties properties = new Properties();
        if (!connection.user().isEmpty()) {
            properties.setProperty("user", connection.user());
        }
        if (connection.password() != null) {
            properties.setProperty("password", connection.password().value());
        }
        properties.putIfAbsent("applicationName", "ctsync-source");
        try {
            Connection jdbc = new com.microsoft.sqlserver.jdbc.SQLServerDriver().connect(connection.url(), properties);
            if (jdbc == null) {
                jdbc = DriverManager.getConnection(connection.url(), properties);
            }
            return new SqlServerChangeTrackingDatabase(jdbc);
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Connecting to " + redacted(connection.url()), e);
        }
    }
}
