package io.ctsync.sink;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.sink.config.ConflictValidation;
import io.ctsync.sink.config.FailureOptions;
import io.ctsync.sink.config.ReconcileOptions;
import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.config.TableNameFormat;
import io.ctsync.sink.dialect.DialectProvider;
import io.ctsync.sink.dialect.Dialects;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.Config;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigValue;
import org.apache.kafka.connect.connector.Task;
import org.apache.kafka.connect.sink.SinkConnector;

/**
 * Applies change events to a relational database over JDBC. Every task gets the same configuration: Kafka spreads
 * the topic partitions over the tasks, and each task owns its partitions' rows (Kafka's key partitioning keeps all
 * events of one row in one partition).
 */
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

    /** The ConfigDef's checks, then the rules across options, each error attached to the option to change. */
    @Override
    public Config validate(Map<String, String> connectorConfigs) {
        Config config = super.validate(connectorConfigs);
        Map<String, ConfigValue> values = config.configValues().stream()
                .collect(Collectors.toMap(ConfigValue::name, Function.identity()));
        ConflictValidation.checkTablePolicies(connectorConfigs, config);
        if (config.configValues().stream().anyMatch(v -> !v.errorMessages().isEmpty())) {
            return config;
        }
        SinkConnectorConfig parsed = new SinkConnectorConfig(connectorConfigs);
        Optional<DialectProvider> dialect = Dialects.choose(parsed.dialectName(), parsed.connection().url());
        if (dialect.isEmpty()) {
            values.get(ConnectionOptions.CONNECTION_URL).addErrorMessage("No dialect serves this URL; set dialect.name to one "
                    + "of " + Dialects.names());
        } else {
            checkDialectOptions(connectorConfigs, dialect.get(), values);
        }
        TableNameFormat format = parsed.tableNameFormat();
        if (format.usesSourceFields() && "delete".equalsIgnoreCase(parsed.getString(SinkConnectorConfig.TOMBSTONE_HANDLING))) {
            values.get(SinkConnectorConfig.TOMBSTONE_HANDLING).addErrorMessage("Tombstones carry no source block, so "
                    + "they cannot be routed by table.name.format '" + format + "'; use auto or ignore, or route by ${topic}");
        }
        String snapshots = parsed.reconcile().snapshotsTable();
        if (snapshots.equalsIgnoreCase(parsed.stateTable()) || snapshots.equalsIgnoreCase(parsed.offsetsTable())
                || snapshots.equalsIgnoreCase(parsed.failures().parkedTable())) {
            values.get(ReconcileOptions.SNAPSHOTS_TABLE).addErrorMessage("The snapshots table must differ from "
                    + SinkConnectorConfig.STATE_TABLE + ", " + SinkConnectorConfig.OFFSETS_TABLE + " and "
                    + FailureOptions.PARKED_TABLE);
        }
        String pending = parsed.reconcile().pendingTable();
        if (pending.equalsIgnoreCase(snapshots) || pending.equalsIgnoreCase(parsed.stateTable())
                || pending.equalsIgnoreCase(parsed.offsetsTable()) || pending.equalsIgnoreCase(parsed.failures().parkedTable())) {
            values.get(ReconcileOptions.PENDING_TABLE).addErrorMessage("The pending reconciliation deletes table must "
                    + "differ from " + ReconcileOptions.SNAPSHOTS_TABLE + ", " + SinkConnectorConfig.STATE_TABLE + ", "
                    + SinkConnectorConfig.OFFSETS_TABLE + " and " + FailureOptions.PARKED_TABLE);
        }
        if (parsed.stateTable().equalsIgnoreCase(parsed.offsetsTable())) {
            values.get(SinkConnectorConfig.OFFSETS_TABLE).addErrorMessage("The offsets table must differ from "
                    + SinkConnectorConfig.STATE_TABLE + " (" + parsed.stateTable() + ")");
        }
        if (parsed.primaryKeyFields().stream().anyMatch(f -> f.equalsIgnoreCase(parsed.versionColumn()))) {
            values.get(SinkConnectorConfig.PRIMARY_KEY_FIELDS).addErrorMessage("The version column "
                    + parsed.versionColumn() + " cannot be a key column");
        }
        String parked = parsed.failures().parkedTable();
        if (parked.equalsIgnoreCase(parsed.stateTable()) || parked.equalsIgnoreCase(parsed.offsetsTable())) {
            values.get(FailureOptions.PARKED_TABLE).addErrorMessage("The parked records table must differ from "
                    + SinkConnectorConfig.STATE_TABLE + " and " + SinkConnectorConfig.OFFSETS_TABLE);
        }
        dialect.ifPresent(d -> checkDeferral(connectorConfigs, parsed, d, values));
        if (parsed.failures().maxDeadLetters() >= 0 && !parsed.failures().tolerant()) {
            values.get(FailureOptions.MAX_DEAD_LETTERS).addErrorMessage("Has no effect with errors.tolerance=none (every "
                    + "record that cannot be applied fails the task); set errors.tolerance=all and "
                    + "errors.deadletterqueue.topic.name, or remove it");
        }
        ConflictValidation.check(parsed.conflicts(), values);
        return config;
    }

    /**
     * The tasks keep their offsets in the target and seek to them, so an offsets change through the REST API
     * ({@code PATCH}/{@code DELETE /connectors/{name}/offsets}, with the connector stopped) is applied there first;
     * when the target cannot take it the request fails naming the cause, and the worker leaves the consumer group as
     * it was.
     */
    @Override
    public boolean alterOffsets(Map<String, String> connectorConfig, Map<TopicPartition, Long> offsets) {
        OffsetsAlteration.apply(connectorConfig, offsets);
        return true;
    }

    private static void checkDeferral(Map<String, String> configs, SinkConnectorConfig parsed, DialectProvider provider,
                                      Map<String, ConfigValue> values) {
        if (parsed.failures().fkDefer() && provider.create(configs).deferForeignKeys().isEmpty()) {
            values.get(FailureOptions.FK_DEFER).addErrorMessage("The " + provider.name() + " dialect cannot defer foreign "
                    + "key checks (the database has no deferrable constraints); remove fk.defer: children that arrive "
                    + "before their parents are parked and retried after them (fk.retry.max.ms)");
        }
    }

    private static void checkDialectOptions(Map<String, String> configs, DialectProvider chosen, Map<String, ConfigValue> values) {
        for (DialectProvider other : Dialects.providers()) {
            if (other.name().equals(chosen.name())) {
                continue;
            }
            configs.keySet().stream().filter(k -> k.startsWith(other.optionPrefix()) && values.containsKey(k))
                    .forEach(k -> values.get(k).addErrorMessage("Applies only to the " + other.name() + " dialect, but "
                            + "this connector uses the " + chosen.name() + " dialect; remove it"));
        }
    }
}
