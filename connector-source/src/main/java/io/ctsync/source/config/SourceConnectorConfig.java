package io.ctsync.source.config;

import io.ctsync.contract.config.ConnectionOptions;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Width;

/** Options of the Change Tracking source connector. */
public class SourceConnectorConfig extends AbstractConfig {

    public static final String NAMING_GROUP = "Naming";

    public static final String TOPIC_PREFIX = "topic.prefix";
    private static final String TOPIC_PREFIX_DOC = "Logical name of the source server. It prefixes every topic "
            + "(<prefix>.<database>.<schema>.<table>) and schema name, and it identifies the connector's anchors in "
            + "the source offsets: changing it starts over.";
    private static final String TOPIC_PREFIX_DISPLAY = "Topic prefix";

    public static final ConfigDef CONFIG_DEF = configDef();

    public SourceConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public String topicPrefix() {
        return getString(TOPIC_PREFIX);
    }

    public ConnectionOptions.Settings connection() {
        return ConnectionOptions.Settings.of(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionOptions.addTo(def, "jdbc:sqlserver://db.example.com:1433;databaseName=sales;encrypt=true");
        def.define(TOPIC_PREFIX, ConfigDef.Type.STRING, ConfigDef.NO_DEFAULT_VALUE, new ConfigDef.NonEmptyStringWithoutControlChars(),
                Importance.HIGH, TOPIC_PREFIX_DOC, NAMING_GROUP, 1, Width.MEDIUM, TOPIC_PREFIX_DISPLAY);
        return def;
    }
}
