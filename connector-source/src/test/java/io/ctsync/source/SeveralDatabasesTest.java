package io.ctsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.config.DatabaseOptions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.source.tracking.TableId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.api.Test;

/**
 * One connector, several databases of one simulated server: {@code validate()} reports each database's problem on the
 * option that names it, and the connector plans the tables of every database over its tasks.
 */
class SeveralDatabasesTest {

    private final String server = "several-" + UUID.randomUUID();
    private final ChangeTrackingModel master = ChangeTrackingModel.create(server, "master");
    private final ChangeTrackingModel sales = ChangeTrackingModel.create(server, "sales").enableChangeTracking();
    private final ChangeTrackingModel hr = ChangeTrackingModel.create(server, "hr").enableChangeTracking();

    SeveralDatabasesTest() {
        track(sales, "orders");
        track(hr, "orders");
        track(hr, "people");
        ChangeTrackingModel.create(server, "legacy");
        ChangeTrackingModel.create(server, "locked").enableChangeTracking().dbAccess(false);
    }

    private static void track(ChangeTrackingModel model, String table) {
        model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 20))
                .track("dbo", table, false);
    }

    private Map<String, String> props(String... options) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", ModelDatabaseFactory.url(master),
                "topic.prefix", "erp", SourceConnectorConfig.DATABASE_FACTORY, ModelDatabaseFactory.class.getName(),
                "topic.creation.default.partitions", "1", "topic.creation.default.replication.factor", "1"));
        for (int i = 0; i < options.length; i += 2) {
            props.put(options[i], options[i + 1]);
        }
        return props;
    }

    private Map<String, List<String>> errors(String... options) {
        return new ChangeTrackingSourceConnector().validate(props(options)).configValues().stream()
                .filter(v -> !v.errorMessages().isEmpty())
                .collect(Collectors.toMap(ConfigValue::name, ConfigValue::errorMessages));
    }

    @Test
    void listedDatabasesThatAreHealthyHaveNoProblems() {
        assertThat(errors(DatabaseOptions.DATABASE_NAMES, "sales,hr")).isEmpty();
    }

    @Test
    void eachDatabaseProblemIsReportedOnDatabaseNamesNamingTheDatabase() {
        Map<String, List<String>> errors = errors(DatabaseOptions.DATABASE_NAMES, "sales,legacy,nosuch,locked");

        assertThat(errors).containsOnlyKeys(DatabaseOptions.DATABASE_NAMES);
        assertThat(errors.get(DatabaseOptions.DATABASE_NAMES)).hasSize(3).anySatisfy(m -> assertThat(m)
                .contains("Change Tracking is not enabled on database legacy").contains("ALTER DATABASE [legacy] SET CHANGE_TRACKING = ON"))
                .anySatisfy(m -> assertThat(m).contains("cannot open database nosuch").contains("CREATE USER"))
                .anySatisfy(m -> assertThat(m).contains("cannot open database locked"));
    }

    @Test
    void aListedDatabaseWithoutCapturedTablesAndMissingPermissionsNameTheirDatabase() {
        hr.permissions("dbo", "people", false, true);
        Map<String, List<String>> errors = errors(DatabaseOptions.DATABASE_NAMES, "sales,hr",
                SourceConnectorConfig.TABLE_INCLUDE_LIST, "sales\\.dbo\\.orders,dbo\\.people");

        assertThat(errors.get("connection.user")).singleElement().asString()
                .startsWith("database hr: the user lacks SELECT on dbo.people");
        assertThat(errors).containsOnlyKeys("connection.user");

        Map<String, List<String>> noTables = errors(DatabaseOptions.DATABASE_NAMES, "sales,hr",
                SourceConnectorConfig.TABLE_INCLUDE_LIST, "sales\\.dbo\\.orders");
        assertThat(noTables.get(DatabaseOptions.DATABASE_NAMES)).singleElement().asString()
                .contains("database hr has no change-tracked table that table.include.list and table.exclude.list select");
    }

    @Test
    void theIncludeListMatchesTrackedDatabasesTheUserMayOpenAndReportsExpressionsMatchingNone() {
        assertThat(errors(DatabaseOptions.DATABASE_INCLUDE_LIST, ".*")).isEmpty();
        assertThat(errors(DatabaseOptions.DATABASE_INCLUDE_LIST, "company_.*").get(DatabaseOptions.DATABASE_INCLUDE_LIST))
                .singleElement().asString().contains("'company_.*' matches no database with Change Tracking enabled")
                .contains("[hr, sales]");
    }

    @Test
    void tablesOfEveryDatabaseArePlannedOverTheTasksWithTheirDatabase() {
        hr.insert("dbo", "people", Map.of("id", 1, "name", "ann"));
        ChangeTrackingSourceConnector connector = new ChangeTrackingSourceConnector();
        connector.start(props(DatabaseOptions.DATABASE_INCLUDE_LIST, "sales|hr"));
        try {
            List<SourceTaskConfig> tasks = connector.taskConfigs(2).stream().map(SourceTaskConfig::new).toList();

            assertThat(tasks).hasSize(2);
            Map<String, List<TableId>> planned = new HashMap<>();
            tasks.forEach(t -> t.databaseTables().forEach((db, tables) ->
                    planned.computeIfAbsent(db, d -> new java.util.ArrayList<>()).addAll(tables)));
            assertThat(planned).containsOnlyKeys("sales", "hr");
            assertThat(planned.get("hr")).containsExactlyInAnyOrder(new TableId("dbo", "orders"), new TableId("dbo", "people"));
            assertThat(planned.get("sales")).containsExactly(new TableId("dbo", "orders"));
        } finally {
            connector.stop();
        }
    }

    @Test
    void withoutTheOptionsTheUrlsDatabaseIsCapturedAsBefore() {
        ChangeTrackingSourceConnector connector = new ChangeTrackingSourceConnector();
        Map<String, String> props = props();
        props.put("connection.url", ModelDatabaseFactory.url(hr));
        connector.start(props);
        try {
            List<Map<String, String>> tasks = connector.taskConfigs(1);
            assertThat(tasks).singleElement().extracting(t -> t.get(SourceTaskConfig.TASK_TABLES))
                    .isEqualTo("[[\"dbo\",\"orders\"],[\"dbo\",\"people\"]]");
        } finally {
            connector.stop();
        }
    }

    @Test
    void aRowFilterQualifiedByADatabaseIsCheckedOnThatDatabaseAndMustNameACapturedOne() {
        String filter = SourceConnectorConfig.TABLE_FILTER_PREFIX;
        assertThat(errors(DatabaseOptions.DATABASE_NAMES, "sales,hr", filter + "dbo.orders", "id > 1",
                filter + "hr.dbo.orders", "name = 'x'", filter + "HR.dbo.people", "id < 5")).isEmpty();

        Map<String, List<String>> errors = errors(DatabaseOptions.DATABASE_NAMES, "sales,hr",
                filter + "north.dbo.orders", "id > 1", filter + "sales.dbo.people", "id > 1",
                filter + "hr.dbo.orders", "nosuch = 1");

        assertThat(errors.get(filter + "north.dbo.orders")).singleElement().asString()
                .contains("names database north, which the connector does not capture").contains("[sales, hr]");
        assertThat(errors.get(filter + "sales.dbo.people")).as("people is a table of hr only").singleElement()
                .asString().contains("'sales.dbo.people' is not a captured table").contains("hr.dbo.people");
        assertThat(errors.get(filter + "hr.dbo.orders")).singleElement().asString()
                .startsWith("database hr: the row filter (nosuch = 1) is not a valid T-SQL search condition on dbo.orders");
        assertThat(errors).hasSize(3);
    }

    @Test
    void aRowFilterKeyThatNamesATableOfOneDatabaseAndAQualifiedTableOfAnotherIsRefusedAsAmbiguous() {
        sales.createTable("hr", "dbo.orders", ModelColumn.key("id", "int")).track("hr", "dbo.orders", false);
        String key = SourceConnectorConfig.TABLE_FILTER_PREFIX + "hr.dbo.orders";

        assertThat(errors(DatabaseOptions.DATABASE_NAMES, "sales,hr", key, "id > 1").get(key)).singleElement().asString()
                .contains("'hr.dbo.orders' is ambiguous").contains("[sales]").contains("dbo.orders of database hr");
    }

    @Test
    void withSignalsOnTheFirstTaskAloneKnowsEveryCapturedTableOfEveryDatabaseToReportSignalProblemsOnce() {
        ChangeTrackingSourceConnector connector = new ChangeTrackingSourceConnector();
        connector.start(props(DatabaseOptions.DATABASE_NAMES, "sales,hr", "signal.enabled.channels", "kafka",
                "signal.kafka.topic", "erp-signal", "signal.kafka.bootstrap.servers", "localhost:9"));
        try {
            List<SourceTaskConfig> tasks = connector.taskConfigs(3).stream().map(SourceTaskConfig::new).toList();

            assertThat(tasks).hasSize(3);
            assertThat(tasks.get(0).signalCatalog()).containsOnlyKeys("sales", "hr");
            assertThat(tasks.get(0).signalCatalog().get("hr"))
                    .containsExactlyInAnyOrder(new TableId("dbo", "orders"), new TableId("dbo", "people"));
            assertThat(tasks.subList(1, 3)).allSatisfy(t -> assertThat(t.signalCatalog()).isNull());
        } finally {
            connector.stop();
        }
        connector.start(props(DatabaseOptions.DATABASE_NAMES, "sales,hr"));
        try {
            assertThat(connector.taskConfigs(3)).as("signals off").noneMatch(t -> t.containsKey(
                    SourceTaskConfig.SIGNAL_CATALOG));
        } finally {
            connector.stop();
        }
    }
}
