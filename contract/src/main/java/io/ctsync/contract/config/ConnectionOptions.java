package io.ctsync.contract.config;

import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.types.Password;

/**
 * The options both plugins share to reach a database over JDBC and to ride out transient failures. Each
 * connector adds them to its own {@link ConfigDef} under the group {@link #GROUP}.
 */
public final class ConnectionOptions {

    public static final String GROUP = "Connection";

    public static final String CONNECTION_URL = "connection.url";
    private static final String CONNECTION_URL_DOC = "JDBC URL of the database, e.g. %s.";
    private static final String CONNECTION_URL_DISPLAY = "JDBC URL";

    public static final String CONNECTION_USER = "connection.user";
    private static final String CONNECTION_USER_DOC = "Database user. Leave empty when the URL or the driver "
            + "supplies the identity (e.g. integrated authentication).";
    private static final String CONNECTION_USER_DISPLAY = "User";
    public static final String CONNECTION_USER_DEFAULT = "";

    public static final String CONNECTION_PASSWORD = "connection.password";
    private static final String CONNECTION_PASSWORD_DOC = "Password of the database user. Never logged; use a "
            + "Connect config provider (e.g. ${file:/secrets/db.properties:password}) to keep it out of the config.";
    private static final String CONNECTION_PASSWORD_DISPLAY = "Password";

    public static final String MAX_RETRIES = "max.retries";
    private static final String MAX_RETRIES_DOC = "How many times an operation that failed for a transient reason "
            + "(connection lost, deadlock, lock timeout, serialization failure) is retried, reconnecting as needed, "
            + "before the task fails with the cause.";
    private static final String MAX_RETRIES_DISPLAY = "Maximum retries";
    public static final int MAX_RETRIES_DEFAULT = 10;

    public static final String RETRY_BACKOFF_MS = "retry.backoff.ms";
    private static final String RETRY_BACKOFF_MS_DOC = "Wait before the first retry of a transient failure, in "
            + "milliseconds; each further retry doubles it, up to one minute.";
    private static final String RETRY_BACKOFF_MS_DISPLAY = "Retry backoff (ms)";
    public static final long RETRY_BACKOFF_MS_DEFAULT = 1_000L;

    private ConnectionOptions() {
    }

    /** Adds the options to {@code def}; {@code urlExample} shows operators the URL form their database takes. */
    public static ConfigDef addTo(ConfigDef def, String urlExample) {
        int order = 0;
        return def
                .define(CONNECTION_URL, Type.STRING, ConfigDef.NO_DEFAULT_VALUE, Validators.jdbcUrl(), Importance.HIGH,
                        String.format(CONNECTION_URL_DOC, urlExample), GROUP, ++order, Width.LONG, CONNECTION_URL_DISPLAY)
                .define(CONNECTION_USER, Type.STRING, CONNECTION_USER_DEFAULT, new ConfigDef.NonNullValidator(),
                        Importance.HIGH, CONNECTION_USER_DOC, GROUP, ++order, Width.MEDIUM, CONNECTION_USER_DISPLAY)
                .define(CONNECTION_PASSWORD, Type.PASSWORD, null, Importance.HIGH, CONNECTION_PASSWORD_DOC, GROUP,
                        ++order, Width.MEDIUM, CONNECTION_PASSWORD_DISPLAY)
                .define(MAX_RETRIES, Type.INT, MAX_RETRIES_DEFAULT, Range.atLeast(0), Importance.MEDIUM, MAX_RETRIES_DOC,
                        GROUP, ++order, Width.SHORT, MAX_RETRIES_DISPLAY)
                .define(RETRY_BACKOFF_MS, Type.LONG, RETRY_BACKOFF_MS_DEFAULT, Range.between(0L, 60_000L),
                        Importance.LOW, RETRY_BACKOFF_MS_DOC, GROUP, ++order, Width.SHORT, RETRY_BACKOFF_MS_DISPLAY);
    }

    /** The connection settings of a parsed config. */
    public record Settings(String url, String user, Password password, int maxRetries, long retryBackoffMs) {

        public static Settings of(AbstractConfig config) {
            return new Settings(config.getString(CONNECTION_URL), config.getString(CONNECTION_USER),
                    config.getPassword(CONNECTION_PASSWORD), config.getInt(MAX_RETRIES), config.getLong(RETRY_BACKOFF_MS));
        }

        @Override
        public String toString() {
            return "Settings[url=" + url + ", user=" + user + ", password=[hidden], maxRetries=" + maxRetries
                    + ", retryBackoffMs=" + retryBackoffMs + "]";
        }
    }
}
