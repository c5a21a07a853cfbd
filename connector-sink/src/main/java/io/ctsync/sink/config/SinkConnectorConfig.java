package io.ctsync.sink.config;

import io.ctsync.contract.config.ConnectionOptions;
import java.util.Map;
import org.apache.kafka.common.config.AbstractConfig;
import org.apache.kafka.common.config.ConfigDef;

/** Options of the JDBC sink connector. */
public class SinkConnectorConfig extends AbstractConfig {

    public static final ConfigDef CONFIG_DEF = configDef();

    public SinkConnectorConfig(Map<String, String> props) {
        super(CONFIG_DEF, props);
    }

    public ConnectionOptions.Settings connection() {
        return ConnectionOptions.Settings.of(this);
    }

    private static ConfigDef configDef() {
        ConfigDef def = new ConfigDef();
        ConnectionOptions.addTo(def, "jdbc:postgresql://db.example.com:5432/analytics");
        return def;
    }
}
