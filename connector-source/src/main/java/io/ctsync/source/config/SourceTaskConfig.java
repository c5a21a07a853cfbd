package io.ctsync.source.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A task's configuration: the connector's options plus the tables the connector assigned to it. Tasks only
 * execute the plan; they never choose tables themselves.
 */
public final class SourceTaskConfig extends SourceConnectorConfig {

    /**
     * Internal: the assigned tables as a JSON array of [schema, table] pairs (tables of the connection's database) or
     * of [database, schema, table] triples (several databases captured); names may contain any character.
     */
    public static final String TASK_TABLES = "ctsync.task.tables";

    /**
     * Internal, on one task only when a signal channel is enabled (the one that reports problems of signals, so each
     * is logged once per connector): every table the connector captures, as [database, schema, table] triples.
     */
    public static final String SIGNAL_CATALOG = "ctsync.task.signal.catalog";

    /** The key of {@link #databaseTables()} for tables of the database {@code connection.url} opens. */
    public static final String CONNECTION_DATABASE = "";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConfigDef TASK_DEF = new ConfigDef(CONFIG_DEF)
            .defineInternal(TASK_TABLES, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH)
            .defineInternal(SIGNAL_CATALOG, ConfigDef.Type.STRING, null, ConfigDef.Importance.LOW);

    private final Map<String, List<TableId>> tablesByDatabase;

    public SourceTaskConfig(Map<String, String> props) {
        super(TASK_DEF, props);
        this.tablesByDatabase = decodeByDatabase(getString(TASK_TABLES));
    }

    /** Every assigned table, of whichever database. */
    public List<TableId> tables() {
        return tablesByDatabase.values().stream().flatMap(List::stream).toList();
    }

    /** The assigned tables by database name; {@link #CONNECTION_DATABASE} for the connection's own database. */
    public Map<String, List<TableId>> databaseTables() {
        return tablesByDatabase;
    }

    /** Every table the connector captures, by database, on the task that reports signal problems; else null. */
    public Map<String, List<TableId>> signalCatalog() {
        String catalog = getString(SIGNAL_CATALOG);
        return catalog == null ? null : decodeByDatabase(catalog);
    }

    /** Makes {@code taskProps} the task that reports problems of signals, knowing every one of {@code captured}. */
    public static void reportSignals(Map<String, String> taskProps, List<DatabaseTable> captured) {
        taskProps.put(SIGNAL_CATALOG, triples(captured));
    }

    /** The task configuration for tables of named databases, built on the connector's own properties. */
    public static Map<String, String> forDatabaseTables(Map<String, String> connectorProps, List<DatabaseTable> tables) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_TABLES, triples(tables));
        return props;
    }

    private static String triples(List<DatabaseTable> tables) {
        try {
            return JSON.writeValueAsString(tables.stream()
                    .map(t -> List.of(t.database(), t.table().schema(), t.table().table())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The task configuration for {@code tables}, built on the connector's own properties. */
    public static Map<String, String> forTables(Map<String, String> connectorProps, List<TableId> tables) {
        Map<String, String> props = new HashMap<>(connectorProps);
        props.put(TASK_TABLES, encode(tables));
        return props;
    }

    static String encode(List<TableId> tables) {
        try {
            return JSON.writeValueAsString(tables.stream().map(t -> List.of(t.schema(), t.table())).toList());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    static List<TableId> decode(String json) {
        return decodeByDatabase(json).values().stream().flatMap(List::stream).toList();
    }

    static Map<String, List<TableId>> decodeByDatabase(String json) {
        try {
            List<List<String>> entries = JSON.readValue(json, new TypeReference<List<List<String>>>() { });
            Map<String, List<TableId>> byDatabase = new LinkedHashMap<>();
            for (List<String> e : entries) {
                if (e.size() == 2) {
                    byDatabase.computeIfAbsent(CONNECTION_DATABASE, d -> new ArrayList<>()).add(new TableId(e.get(0), e.get(1)));
                } else if (e.size() == 3 && !e.get(0).isEmpty()) {
                    byDatabase.computeIfAbsent(e.get(0), d -> new ArrayList<>()).add(new TableId(e.get(1), e.get(2)));
                } else {
                    throw new IllegalArgumentException("entry " + e);
                }
            }
            return byDatabase;
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConfigException(TASK_TABLES, json, "must be a JSON array of [schema, table] pairs or "
                    + "[database, schema, table] triples");
        }
    }
}
