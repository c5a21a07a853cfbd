package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.source.config.SourceConnectorConfig;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;

/** Captures SQL Server Change Tracking changes into one topic per table. */
public class ChangeTrackingSourceConnector extends SourceConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new SourceConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ChangeTrackingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return List.of(props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SourceConnectorConfig.CONFIG_DEF;
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return ExactlyOnceSupport.SUPPORTED;
    }
}
