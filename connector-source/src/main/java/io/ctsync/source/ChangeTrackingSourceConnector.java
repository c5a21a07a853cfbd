package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.offset.InvalidOffsetException;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.anchor.OffsetAlterations;
import io.ctsync.source.capture.ReconnectingDatabase;
import io.ctsync.source.config.DatabaseOptions;
import io.ctsync.source.config.SignalOptions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.plan.CapturedDatabases;
import io.ctsync.source.plan.StartupChecks;
import io.ctsync.source.plan.TableMonitor;
import io.ctsync.source.plan.TaskPlanner;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
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
 * Captures SQL Server Change Tracking changes into one topic per table. The connector checks the database (or each of
 * the databases {@code database.names} / {@code database.include.list} name), plans the captured tables into task
 * configurations (balanced by size) and re-plans when tracked tables appear or disappear; its tasks only execute.
 */
public class ChangeTrackingSourceConnector extends SourceConnector {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrackingSourceConnector.class);

    private Map<String, String> props;
    private ReconnectingDatabase database;
    private CapturedDatabases databases;
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
        ChangeTrackingDatabaseFactory factory = DatabaseFactories.of(config);
        this.database = new ReconnectingDatabase(factory, config.connection());
        this.databases = capturedDatabases(config, factory, database);
        try {
            StartupChecks.requireNone(databases.multiDatabase() ? StartupChecks.ofDatabases(config, databases)
                    : StartupChecks.ofDatabase(config, database));
            Map<String, List<TrackedTable>> tables = databases.capturedTables();
            tables.forEach((name, list) -> LOG.info("Capturing {} table(s) of database {}: {}", list.size(), name,
                    list.stream().map(TrackedTable::id).toList()));
            monitor = new TableMonitor(databases::capturedTables, () -> {
                database.reconnect();
                databases.reconnect();
            }, tables, () -> context.requestTaskReconfiguration(), config.tableMonitorIntervalMs());
            monitor.start(props.getOrDefault("name", config.topicPrefix()));
        } catch (RuntimeException e) {
            databases.close();
            database.close();
            throw e;
        }
    }

    /** The databases {@code database.names} / {@code database.include.list} name, or the URL's database alone. */
    private static CapturedDatabases capturedDatabases(SourceConnectorConfig config, ChangeTrackingDatabaseFactory factory,
                                                       ChangeTrackingDatabase server) {
        return new CapturedDatabases(new DatabaseOptions(config), new TableSelector(config), server,
                name -> new ReconnectingDatabase(factory, config.connection(), name));
    }

    @Override
    public Class<? extends Task> taskClass() {
        return ChangeTrackingSourceTask.class;
    }

    @Override
    public List<Map<String, String>> taskConfigs(int maxTasks) {
        Map<String, List<TrackedTable>> tables = monitor.tables();
        List<List<DatabaseTable>> plan = TaskPlanner.plan(tables, maxTasks);
        LOG.info("Planned {} task(s) for {} table(s) of {} database(s): {}", plan.size(),
                tables.values().stream().mapToInt(List::size).sum(), tables.size(), plan);
        boolean multiDatabase = databases.multiDatabase();
        List<Map<String, String>> configs = plan.stream().map(group -> multiDatabase
                ? SourceTaskConfig.forDatabaseTables(props, group)
                : SourceTaskConfig.forTables(props, group.stream().map(DatabaseTable::table).toList())).toList();
        if (!configs.isEmpty() && SignalOptions.kafkaEnabled(new SourceConnectorConfig(props))) {
            // One task knows every captured table, so a signal naming none of any database is reported once.
            SourceTaskConfig.reportSignals(configs.get(0), plan.stream().flatMap(List::stream).toList());
        }
        return configs;
    }

    @Override
    public void stop() {
        if (monitor != null) {
            monitor.stop();
        }
        if (databases != null) {
            databases.close();
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
        try (ChangeTrackingDatabase db = DatabaseFactories.open(config);
             CapturedDatabases captured = capturedDatabases(config, DatabaseFactories.of(config), db)) {
            attach(result, captured.multiDatabase() ? StartupChecks.ofDatabases(config, captured)
                    : StartupChecks.ofDatabase(config, db), connectorConfigs);
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
            if (new DatabaseOptions(config).multiDatabase()) {
                validateByDatabase(config, offsets);
            } else {
                OffsetAlterations.validate(config, offsets, () -> DatabaseFactories.open(config));
            }
        } catch (ConnectException e) {
            LOG.warn("Rejected offsets {}: {}", offsets, e.getMessage());
            throw e;
        }
        LOG.info("Accepted offsets {}", offsets);
        return true;
    }

    /** Offsets of several databases: each partition's database must be captured; each group checked on its database. */
    private static void validateByDatabase(SourceConnectorConfig config, Map<Map<String, ?>, Map<String, ?>> offsets) {
        ChangeTrackingDatabaseFactory factory = DatabaseFactories.of(config);
        List<String> names;
        try (ChangeTrackingDatabase server = DatabaseFactories.open(config);
             CapturedDatabases captured = capturedDatabases(config, factory, server)) {
            names = captured.names();
        }
        Map<String, Map<Map<String, ?>, Map<String, ?>>> byDatabase = new LinkedHashMap<>();
        for (Map.Entry<Map<String, ?>, Map<String, ?>> entry : offsets.entrySet()) {
            Object database = entry.getKey().get(TablePartition.DATABASE);
            String name = names.stream().filter(n -> n.equalsIgnoreCase(String.valueOf(database))).findFirst()
                    .orElseThrow(() -> new InvalidOffsetException("Source partition field "
                            + "'database' is '" + database + "', which this connector does not capture (captured: "
                            + names + ")"));
            byDatabase.computeIfAbsent(name, n -> new HashMap<>()).put(entry.getKey(), entry.getValue());
        }
        byDatabase.forEach((name, group) -> OffsetAlterations.validate(config, group,
                () -> factory.open(config.connection(), name)));
    }
}
