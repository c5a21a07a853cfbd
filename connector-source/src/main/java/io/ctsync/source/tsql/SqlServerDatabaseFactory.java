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

    /**
     * mssql-jdbc sends a {@code java.time.LocalTime} parameter as {@code datetime} unless told otherwise
     * ({@code sendTimeAsDatetime}, default true, "Setting the connection properties" in the driver's docs), rounding
     * it to 1/300 s: a keyset cursor over a {@code time} key column would then re-read or skip rows. Off on every
     * connection, unless the URL sets it.
     */
    static final String SEND_TIME_AS_DATETIME = "sendTimeAsDatetime";

    /** The driver properties the source connects with: credentials and the settings above the URL does not name. */
    static Properties driverProperties(ConnectionOptions.Settings connection) {
        Properties properties = new Properties();
        if (!connection.user().isEmpty()) {
            properties.setProperty("user", connection.user());
        }
        if (connection.password() != null) {
            properties.setProperty("password", connection.password().value());
        }
        properties.setProperty("applicationName", "ctsync-source");
        if (!urlSets(connection.url(), SEND_TIME_AS_DATETIME)) {
            properties.setProperty(SEND_TIME_AS_DATETIME, "false");
        }
        return properties;
    }

    /** True when the URL's {@code ;name=value} properties name {@code property} (the driver ignores case). */
    static boolean urlSets(String url, String property) {
        return java.util.regex.Pattern.compile("[;?]\\s*" + java.util.regex.Pattern.quote(property) + "\\s*=",
                java.util.regex.Pattern.CASE_INSENSITIVE).matcher(url).find();
    }

    /**
     * The URL with its database replaced by {@code database}: any {@code databaseName} or {@code database} property
     * removed, {@code ;databaseName={name}} appended. mssql-jdbc takes a braced value verbatim, a {@code }} in it doubled
     * ("Building the connection URL" in the driver's docs), so a name with {@code ;} or {@code =} stays one value.
     */
    static String withDatabase(String url, String database) {
        String without = url.replaceAll("(?i);\\s*(?:databaseName|database)\\s*=\\s*(?:\\{(?:[^}]|\\}\\})*\\}|[^;]*)", "");
        String separator = without.endsWith(";") ? "" : ";";
        return without + separator + "databaseName={" + database.replace("}", "}}") + "}";
    }

    /**
     * A connection of its own to {@code database}, by URL: Azure SQL Database does not support {@code USE} of another
     * database, so switching one connection would not work there.
     */
    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection, String database) {
        return open(new ConnectionOptions.Settings(withDatabase(connection.url(), database), connection.user(),
                connection.password(), connection.maxRetries(), connection.retryBackoffMs()));
    }

    @Override
    public ChangeTrackingDatabase open(ConnectionOptions.Settings connection) {
        Properties properties = driverProperties(connection);
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
