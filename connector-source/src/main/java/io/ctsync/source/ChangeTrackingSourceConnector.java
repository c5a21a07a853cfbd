package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.source.anchor.OffsetAlterations;
import io.ctsync.source.capture.ReconnectingDatabase;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.plan.StartupChecks;
import io.ctsync.source.plan.TableMonitor;
import io.ctsync.source.plan.TaskPlanner;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.ExactlyOnceSupport;
import org.apache.kafka.connect.source.SourceConnector;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures SQL Server Change Tracking changes into one topic per table. The connector checks the database, plans the
 * captured tables into task configurations (balanced by size) and re-plans when tracked tables appear or disappear;
 * its tasks only execute.
 */
public class ChangeTrackingSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrackingSourceConnector.class);

    private Map<String, String> props;
    private ReconnectingDatabase database;
    private TableMonitor monitor;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SourceConnectorConfig config = new SourceConnectorConfig(props);
        StartupChecks.requireNone(StartupChecks.ofConfig(config));
        this.props = Map.copyOf(props);
        this.database = new ReconnectingDatabase(DatabaseFactories.of(config), config.connection());
        try {
            StartupChecks.requireNone(StartupChecks.ofDatabase(config, database));
            TableSelector selector = new TableSelector(config);
            List<TrackedTable> tables = selector.select(database.trackedTables());
            LOG.info("Capturing {} table(s) of database {}: {}", tables.size(), database.facts().databaseName(),
                    tables.stream().map(TrackedTable::id).toList());
            monitor = new TableMonitor(() -> selector.select(database.trackedTables()), database::reconnect, tables,
                    () -> context.requestTaskReconfiguration(), config.tableMonitorIntervalMs());
            monitor.start(props.getOrDefault("name", config.topicPrefix()));
        } catch (RuntimeException e) {
            database.close();
            throw e;
        }
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ChangeTrackingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        List<List<TableId>> plan = TaskPlanner.plan(monitor.tables(), maxTasks);
        LOG.info("Planned {} task(s) for {} table(s): {}", plan.size(), monitor.tables().size(), plan);
        return plan.stream().map(tables -> SourceTaskConfig.forTables(props, tables)).toList();
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.stop();
        }
        if (database != null) {
            database.close();
        }
    }

    @Override
    public ConfigDef config() {
        return SourceConnectorConfig.CONFIG_DEF;
    }

    /** Option-level checks, then cross-option rules and the database checks, each error attached to its option. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config result = super.validate(connectorConfigs);
        if (result.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return result;
        }
        SourceConnectorConfig config = new SourceConnectorConfig(connectorConfigs);
        attach(result, StartupChecks.ofConfig(config), connectorConfigs);
        try (ChangeTrackingDatabase db = DatabaseFactories.open(config)) {
            attach(result, StartupChecks.ofDatabase(config, db), connectorConfigs);
        } catch (RuntimeException e) {
            attach(result, Map.of(io.ctsync.contract.config.ConnectionOptions.CONNECTION_URL,
                    List.of("Cannot reach the database: " + e.getMessage())), connectorConfigs);
        }
        return result;
    }

    /** Adds each problem to its option's value; an option the ConfigDef does not define (table.filter.*) gets one. */
    private static void attach(Config result, Map<String, List<String>> problems, Map<String, String> configs) {
        for (ConfigValue value : result.configValues()) {
            problems.getOrDefault(value.name(), List.of()).forEach(value::addErrorMessage);
        }
        problems.forEach((option, messages) -> {
            if (result.configValues().stream().noneMatch(v -> v.name().equals(option))) {
                result.configValues().add(new ConfigValue(option, configs.get(option), List.of(), new ArrayList<>(messages)));
            }
        });
    }

    @Override
    public ExactlyOnceSupport exactlyOnceSupport(Map<String, String> props) {
        return ExactlyOnceSupport.SUPPORTED;
    }

    /** Validates offsets an operator writes through the REST API (KIP-875); see {@link OffsetAlterations}. */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<Map<String, ?>, Map<String, ?>> offsets) {
        SourceConnectorConfig config = new SourceConnectorConfig(connectorConfig);
        try {
            OffsetAlterations.validate(config, offsets, () -> DatabaseFactories.open(config));
        } catch (ConnectException e) {
            LOG.warn("Rejected offsets {}: {}", offsets, e.getMessage());
            throw e;
        }
        LOG.info("Accepted offsets {}", offsets);
        return true;
    }
}
