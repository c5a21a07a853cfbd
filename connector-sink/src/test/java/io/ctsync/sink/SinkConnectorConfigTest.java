package io.ctsync.sink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.config.ConfigDefs;
import io.ctsync.sink.config.ConflictOptions;
import io.ctsync.sink.config.ConflictPolicy;
import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.schema.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SinkConnectorConfigTest {

    @Test
    void everyOptionIsDocumentedGroupedOrderedNamedAndValidated() {
        assertThat(ConfigDefs.incompleteOptions(new JdbcSinkConnector().config())).isEmpty();
    }

    @Test
    void everyDialectOptionIsNamespacedUnderItsDialect() {
        assertThat(new JdbcSinkConnector().config().names()).filteredOn(n -> n.startsWith("dialect.") && !n.equals("dialect.name"))
                .isNotEmpty().allSatisfy(n -> assertThat(n).matches("dialect\\.(postgresql|mariadb|sqlserver|sqlite)\\..+"));
    }

    @Test
    void aUrlNoDialectServesIsAnErrorOnTheUrl() {
        assertThat(errors(Map.of("connection.url", "jdbc:oracle:thin:@h:1521/x"), "connection.url"))
                .anySatisfy(e -> assertThat(e).contains("No dialect serves this URL", "dialect.name"));
        assertThat(errors(Map.of("connection.url", "jdbc:oracle:thin:@h:1521/x", "dialect.name", "postgresql"), "connection.url"))
                .isEmpty();
    }

    @Test
    void anotherDialectsOptionIsAnErrorOnThatOption() {
        assertThat(errors(Map.of("dialect.mariadb.bulk.statements", "false"), "dialect.mariadb.bulk.statements"))
                .anySatisfy(e -> assertThat(e).contains("only to the mariadb dialect", "postgresql"));
    }

    @Test
    void tombstonesCannotBeRoutedBySourceFields() {
        assertThat(errors(Map.of("table.name.format", "${source.table}", "tombstone.handling", "delete"), "tombstone.handling"))
                .anySatisfy(e -> assertThat(e).contains("cannot be routed"));
        assertThat(errors(Map.of("table.name.format", "${source.table}", "tombstone.handling", "auto"), "tombstone.handling"))
                .isEmpty();
    }

    @Test
    void stateAndOffsetsTablesMustDifferAndTheVersionColumnIsNoKey() {
        assertThat(errors(Map.of("sync.offsets.table", "ctsync_sink_state"), "sync.offsets.table")).isNotEmpty();
        assertThat(errors(Map.of("primary.key.fields", "id,__ctsync_version"), "primary.key.fields"))
                .anySatisfy(e -> assertThat(e).contains("cannot be a key column"));
    }

    @Test
    void thePendingReconciliationDeletesTableMustDifferFromTheOtherTables() {
        assertThat(errors(Map.of("sync.reconcile.pending.table", "ctsync_sink_snapshots"), "sync.reconcile.pending.table"))
                .anySatisfy(e -> assertThat(e).contains("sync.snapshots.table"));
        assertThat(errors(Map.of("sync.reconcile.pending.table", "ctsync_sink_parked"), "sync.reconcile.pending.table"))
                .isNotEmpty();
        assertThat(errors(Map.of(), "sync.reconcile.pending.table")).isEmpty();
    }

    @Test
    void singleOptionsAreValidatedOnTheirOwn() {
        assertThat(errors(Map.of("schema.evolution", "full"), "schema.evolution")).anySatisfy(e -> assertThat(e).contains("none, basic"));
        assertThat(errors(Map.of("table.name.format", "${nope}"), "table.name.format")).anySatisfy(e -> assertThat(e).contains("${nope}"));
        assertThat(errors(Map.of("dialect.name", "oracle"), "dialect.name")).anySatisfy(e -> assertThat(e).contains("known:"));
    }

    @Test
    void conflictRulesNeedWhatTheyUse() {
        assertThat(errors(Map.of("conflict.policy", "newer-wins"), "conflict.newer.column"))
                .anySatisfy(e -> assertThat(e).contains("name the column"));
        assertThat(errors(Map.of("conflict.policy", "merge-changed-columns", "conflict.merge.fallback", "newer-wins"),
                "conflict.newer.column")).isNotEmpty();
        assertThat(errors(Map.of("conflict.policy.orders", "manual"), "conflict.topic"))
                .anySatisfy(e -> assertThat(e).contains("manual is used"));
        assertThat(errors(Map.of("conflict.delete.missing", "manual"), "conflict.topic")).isNotEmpty();
        assertThat(errors(Map.of("conflict.topic", "conflicts"), "conflict.kafka.bootstrap.servers"))
                .anySatisfy(e -> assertThat(e).contains("needs its Kafka cluster"));
        assertThat(errors(Map.of("conflict.policy", "manual", "conflict.topic", "conflicts",
                "conflict.kafka.bootstrap.servers", "kafka:9092"), "conflict.topic")).isEmpty();
        assertThat(errors(Map.of("conflict.merge.fallback", "merge-changed-columns"), "conflict.merge.fallback")).isNotEmpty();
    }

    @Test
    void aPerTablePolicyIsValidatedOnItsOwnKey() {
        assertThat(errors(Map.of("conflict.policy.orders", "latest-wins"), "conflict.policy.orders"))
                .anySatisfy(e -> assertThat(e).contains("source-wins, target-wins, newer-wins, merge-changed-columns, manual"));
        assertThat(errors(Map.of("conflict.policy.orders", "target-wins"), "conflict.policy.orders")).isEmpty();
        assertThat(errors(Map.of("conflict.policy.", "target-wins"), "conflict.policy.")).isNotEmpty();
    }

    @Test
    void aTablesOwnRuleIsFoundByItsQualifiedOrItsBareName() {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", "jdbc:postgresql://db/x",
                "conflict.policy", "newer-wins", "conflict.policy.orders", "target-wins", "conflict.policy.audit.orders", "manual"));
        ConflictOptions.Settings settings = new SinkConnectorConfig(props).conflicts();
        assertThat(settings.policyOf(TableId.parse("audit.orders"))).isEqualTo(ConflictPolicy.MANUAL);
        assertThat(settings.policyOf(TableId.parse("sales.ORDERS"))).isEqualTo(ConflictPolicy.TARGET_WINS);
        assertThat(settings.policyOf(TableId.parse("customers"))).isEqualTo(ConflictPolicy.NEWER_WINS);
        props.put("conflict.policy.orders", "latest-wins");
        assertThatThrownBy(() -> new SinkConnectorConfig(props).conflicts()).hasMessageContaining("conflict.policy.orders");
    }

    @Test
    void foreignKeysCanBeDeferredOnlyWhereTheDatabaseCan() {
        assertThat(errors(Map.of("fk.defer", "true"), "fk.defer")).isEmpty();
        assertThat(errors(Map.of("connection.url", "jdbc:sqlite:/tmp/x.db", "fk.defer", "true"), "fk.defer")).isEmpty();
        for (String url : List.of("jdbc:mariadb://db/x", "jdbc:sqlserver://db;databaseName=x")) {
            assertThat(errors(Map.of("connection.url", url, "fk.defer", "true"), "fk.defer"))
                    .anySatisfy(e -> assertThat(e).contains("cannot defer foreign key checks", "parked"));
        }
    }

    @Test
    void theDeadLetterBudgetNeedsToleranceAndTheParkedTableItsOwnName() {
        assertThat(errors(Map.of("errors.max.dead.letters", "5"), "errors.max.dead.letters"))
                .anySatisfy(e -> assertThat(e).contains("errors.tolerance=none"));
        assertThat(errors(Map.of("errors.max.dead.letters", "5", "errors.tolerance", "all"), "errors.max.dead.letters")).isEmpty();
        assertThat(errors(Map.of("fk.parked.table", "ctsync_sink_offsets"), "fk.parked.table")).isNotEmpty();
    }

    private static List<String> errors(Map<String, String> overrides, String option) {
        Map<String, String> config = new HashMap<>(Map.of("connector.class", JdbcSinkConnector.class.getName(), "topics", "t",
                "connection.url", "jdbc:postgresql://db/x"));
        config.putAll(overrides);
        return new JdbcSinkConnector().validate(config).configValues().stream().filter(v -> v.name().equals(option))
                .flatMap(v -> v.errorMessages().stream()).toList();
    }

}
