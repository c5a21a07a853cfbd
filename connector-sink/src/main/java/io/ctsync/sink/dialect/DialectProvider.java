package io.ctsync.sink.dialect;

import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;

/**
 * Makes one {@link Dialect}; listed in {@code META-INF/services/io.ctsync.sink.dialect.DialectProvider} and found
 * with {@link java.util.ServiceLoader}, so a new database is one class and one line.
 */
public interface DialectProvider {

    /** The {@code dialect.name} value, lower case. */
    String name();

    /** True when this dialect serves the JDBC URL (e.g. {@code jdbc:postgresql:}). */
    boolean supportsUrl(String jdbcUrl);

    /** Adds this dialect's own options, all named {@code dialect.<name>.*}, to the connector's ConfigDef. */
    default void defineOptions(ConfigDef def) {
    }

    /** The dialect, configured from the connector's original properties (its own options included). */
    Dialect create(Map<String, String> props);

    /** A boolean option of this dialect from the connector's properties (validated by the ConfigDef). */
    static boolean flag(Map<String, String> props, String option, boolean defaultValue) {
        String value = props.get(option);
        return value == null || value.isBlank() ? defaultValue : Boolean.parseBoolean(value.trim());
    }

    /** The prefix of this dialect's own options. */
    default String optionPrefix() {
        return "dialect." + name() + ".";
    }
}
