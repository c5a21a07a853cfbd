package io.ctsync.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.config.ConfigDefs;
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
    void singleOptionsAreValidatedOnTheirOwn() {
        assertThat(errors(Map.of("schema.evolution", "full"), "schema.evolution")).anySatisfy(e -> assertThat(e).contains("none, basic"));
        assertThat(errors(Map.of("table.name.format", "${nope}"), "table.name.format")).anySatisfy(e -> assertThat(e).contains("${nope}"));
        assertThat(errors(Map.of("dialect.name", "oracle"), "dialect.name")).anySatisfy(e -> assertThat(e).contains("known:"));
    }

    private static List<String> errors(Map<String, String> overrides, String option) {
        Map<String, String> config = new HashMap<>(Map.of("connector.class", JdbcSinkConnector.class.getName(), "topics", "t",
                "connection.url", "jdbc:postgresql://db/x"));
        config.putAll(overrides);
        return new JdbcSinkConnector().validate(config).configValues().stream().filter(v -> v.name().equals(option))
                .flatMap(v -> v.errorMessages().stream()).toList();
    }

}
