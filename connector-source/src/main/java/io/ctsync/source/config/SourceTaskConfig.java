package io.ctsync.source.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.source.tracking.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/**
 * A task's configuration: the connector's options plus the tables the connector assigned to it. Tasks only
 * execute the plan; they never choose tables themselves.
 */
public final class SourceTaskConfig extends SourceConnectorConfig {

    /** Internal: the assigned tables as a JSON array of [schema, table] pairs (names may contain any character). */
    public static final String TASK_TABLES = "ctsync.task.tables";

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ConfigDef TASK_DEF = new ConfigDef(CONFIG_DEF)
            .defineInternal(TASK_TABLES, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, ConfigDef.Importance.HIGH);

    private final List<TableId> tables;

    public SourceTaskConfig(Map<String, String> props) {
        super(TASK_DEF, props);
        this.tables = decode(getString(TASK_TABLES));
    }

    public List<TableId> tables() {
        return tables;
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
        try {
            List<List<String>> pairs = JSON.readValue(json, new TypeReference<List<List<String>>>() { });
            return pairs.stream().map(p -> new TableId(p.get(0), p.get(1))).toList();
        } catch (JsonProcessingException | RuntimeException e) {
            throw new ConfigException(TASK_TABLES, json, "must be a JSON array of [schema, table] pairs");
        }
    }
}
