package io.ctsync.source.config;

import io.ctsync.contract.config.Validators;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.apache.kafka.common.config.ConfigException;

/**
 * Which databases of the server one connector captures. Without either option the connector captures the database
 * of {@code connection.url} alone, as it always did. With one of them the URL only says where the connector connects
 * to list the server's databases; each captured database gets a connection of its own (its URL with that
 * {@code databaseName}), since Azure SQL Database does not support {@code USE} of another database.
 */
public final class DatabaseOptions {

    public static final String GROUP = "Databases";

    public static final String DATABASE_NAMES = "database.names";
    private static final String DATABASE_NAMES_DOC = "Databases to capture, comma-separated names (as Debezium's SQL "
            + "Server connector names them). Each must exist, be open to the user and have Change Tracking enabled. "
            + "Empty (and database.include.list empty): the database of connection.url only. Set: the databaseName of "
            + "connection.url only says where the connector connects to list the server's databases; that database is "
            + "captured only when listed here or matched by database.include.list.";
    public static final String DATABASE_INCLUDE_LIST = "database.include.list";
    private static final String DATABASE_INCLUDE_LIST_DOC = "Regular expressions matched against the names of the "
            + "server's databases that have Change Tracking enabled and that the user may open "
            + "(sys.change_tracking_databases, HAS_DBACCESS); matching databases are captured, in addition to "
            + "database.names. Each expression must match at least one database when the connector starts; databases "
            + "that start matching later are picked up by the table monitor. Azure SQL Database: a connection to a user "
            + "database does not see the others, so name the databases in database.names there.";

    private final List<String> names;
    private final List<Pattern> includes;

    public DatabaseOptions(AbstractConfig config) {
        this.names = config.getList(DATABASE_NAMES).stream().map(String::trim).toList();
        this.includes = config.getList(DATABASE_INCLUDE_LIST).stream().map(p -> Pattern.compile(p.trim())).toList();
    }

    /** Adds the options to {@code def}, in their own group. */
    public static ConfigDef addTo(ConfigDef def) {
        return def.define(DATABASE_NAMES, Type.LIST, "", DatabaseOptions::validateNames, Importance.HIGH,
                        DATABASE_NAMES_DOC, GROUP, 1, Width.LONG, "Databases")
                .define(DATABASE_INCLUDE_LIST, Type.LIST, "", Validators.regexList(), Importance.MEDIUM,
                        DATABASE_INCLUDE_LIST_DOC, GROUP, 2, Width.LONG, "Include databases");
    }

    private static void validateNames(String name, Object value) {
        @SuppressWarnings("unchecked")
        List<String> entries = (List<String>) value;
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        for (String entry : entries == null ? List.<String>of() : entries) {
            String trimmed = entry.trim();
            if (trimmed.isEmpty() || trimmed.length() > 128 || trimmed.chars().anyMatch(Character::isISOControl)) {
                throw new ConfigException(name, value, "each entry must be a database name of 1 to 128 characters "
                        + "without control characters (got '" + entry + "')");
            }
            if (!seen.add(trimmed)) {
                throw new ConfigException(name, value, "lists database '" + trimmed + "' twice");
            }
        }
    }

    /** Whether several databases may be captured: either option set. */
    public boolean multiDatabase() {
        return !names.isEmpty() || !includes.isEmpty();
    }

    public List<String> names() {
        return names;
    }

    public List<Pattern> includes() {
        return includes;
    }

    /**
     * The captured databases: the listed names in their order, then the matching tracked databases in name order. A
     * name is taken once whatever its case (database names usually compare case-insensitively on SQL Server), so one
     * database is never captured twice.
     */
    public List<String> resolve(List<String> changeTrackingDatabases) {
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        List<String> captured = new ArrayList<>();
        names.stream().filter(seen::add).forEach(captured::add);
        changeTrackingDatabases.stream().sorted().filter(this::matches).filter(seen::add).forEach(captured::add);
        return captured;
    }

    /** Include-list expressions that match none of {@code changeTrackingDatabases}. */
    public List<String> unmatchedIncludes(List<String> changeTrackingDatabases) {
        return includes.stream().filter(p -> changeTrackingDatabases.stream().noneMatch(d -> p.matcher(d).matches()))
                .map(Pattern::pattern).toList();
    }

    private boolean matches(String database) {
        return includes.stream().anyMatch(p -> p.matcher(database).matches());
    }
}
