package io.ctsync.sink;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.sink.config.SinkConnectorConfig;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/** Applies change events to a relational database over JDBC. */
public class JdbcSinkConnector extends SinkConnector {

    private Map<String, String> props;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        new SinkConnectorConfig(props);
        this.props = Map.copyOf(props);
    }

    @Override
    public Class<? extends Task> taskClass() {
        return JdbcSinkTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        return Collections.nCopies(maxTasks, props);
    }

    @Override
    public void stop() {
    }

    @Override
    public ConfigDef config() {
        return SinkConnectorConfig.CONFIG_DEF;
    }
}
