package io.ctsync.source.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabase;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each problem the connector finds before capturing is attached to the option that fixes it. */
class StartupChecksTest {

    private final ChangeTrackingModel model = ChangeTrackingModel.create("checks-" + UUID.randomUUID());

    private Map<String, List<String>> check(String... options) {
        Map<String, String> props = new HashMap<>(Map.of("connection.url", ModelDatabaseFactory.url(model), "topic.prefix", "p",
                SourceConnectorConfig.DATABASE_FACTORY, ModelDatabaseFactory.class.getName(),
                // Where the snapshot markers learn the topics' partition count.
                "topic.creation.default.partitions", "1", "topic.creation.default.replication.factor", "1"));
        for (int i = 0; i < options.length; i += 2) {
            props.put(options[i], options[i + 1]);
        }
        SourceConnectorConfig config = new SourceConnectorConfig(props);
        Map<String, List<String>> problems = new HashMap<>(StartupChecks.ofConfig(config));
        problems.putAll(StartupChecks.ofDatabase(config, new ModelDatabase(model)));
        return problems;
    }

    private void table(String name, ModelColumn... extra) {
        ModelColumn[] columns = new ModelColumn[extra.length + 1];
        columns[0] = ModelColumn.key("id", "int");
        System.arraycopy(extra, 0, columns, 1, extra.length);
        model.createTable("dbo", name, columns).track("dbo", name, false);
    }

    @Test
    void changeTrackingOffIsReportedOnTheUrlWithTheStatementThatEnablesIt() {
        assertThat(check().get("connection.url")).singleElement().asString()
                .contains("Change Tracking is not enabled on database " + model.name())
                .contains("SET CHANGE_TRACKING = ON");
    }

    @Test
    void aHealthyDatabaseHasNoProblems() {
        model.enableChangeTracking();
        table("orders", ModelColumn.of("note", "nvarchar"));
        assertThat(check()).isEmpty();
    }

    @Test
    void includeEntriesMissingPermissionsUnsupportedColumnsAndRequiredSnapshotIsolation() {
        model.enableChangeTracking().allowSnapshotIsolation(false);
        table("orders", ModelColumn.of("v", "sql_variant"));
        table("secret");
        model.permissions("dbo", "secret", false, true);

        Map<String, List<String>> problems = check(SourceConnectorConfig.TABLE_INCLUDE_LIST, "dbo\\.orders,dbo\\.secret,dbo\\.gone",
                SourceConnectorConfig.SNAPSHOT_ISOLATION_REQUIRED, "true");

        assertThat(problems.get(SourceConnectorConfig.TABLE_INCLUDE_LIST)).singleElement().asString()
                .contains("'dbo\\.gone' matches no change-tracked table");
        assertThat(problems.get("connection.user")).singleElement().asString()
                .contains("lacks SELECT on dbo.secret").contains("GRANT SELECT ON dbo.secret");
        assertThat(problems.get(SourceConnectorConfig.COLUMN_EXCLUDE_LIST)).singleElement().asString()
                .contains("Column v of table dbo.orders has type sql_variant");
        assertThat(problems.get(SourceConnectorConfig.SNAPSHOT_ISOLATION_REQUIRED)).singleElement().asString()
                .contains("SET ALLOW_SNAPSHOT_ISOLATION ON");
    }

    @Test
    void excludingAKeyColumnOrContradictoryOptionsAreRejected() {
        model.enableChangeTracking();
        table("orders");

        Map<String, List<String>> problems = check(SourceConnectorConfig.COLUMN_EXCLUDE_LIST, "dbo\\.orders\\.id",
                SourceConnectorConfig.SNAPSHOT_MODE, "when_needed", SourceConnectorConfig.RETENTION_EXPIRED_POLICY, "fail");

        assertThat(problems.get(SourceConnectorConfig.COLUMN_EXCLUDE_LIST)).singleElement().asString()
                .contains("primary-key column(s) [id] of dbo.orders");
        assertThat(problems.get(SourceConnectorConfig.RETENTION_EXPIRED_POLICY)).singleElement().asString()
                .contains("contradicts snapshot.mode=when_needed");
    }

    @Test
    void commitTimeEventsNeedViewServerState() {
        model.enableChangeTracking().viewServerState(false);
        table("orders");

        assertThat(check()).isEmpty();
        assertThat(check(SourceConnectorConfig.EVENT_TIMESTAMP_MODE, "commit").get(SourceConnectorConfig.EVENT_TIMESTAMP_MODE))
                .singleElement().asString().contains("GRANT VIEW SERVER STATE TO <login>");
        model.viewServerState(true);
        assertThat(check(SourceConnectorConfig.EVENT_TIMESTAMP_MODE, "commit")).isEmpty();
    }

    @Test
    void eachRowFilterMustNameACapturedTableAndCompileAgainstIt() {
        model.enableChangeTracking();
        table("orders", ModelColumn.of("status", "nvarchar"), ModelColumn.of("total", "int"));
        table("lines");

        assertThat(check("table.filter.dbo.orders", "status IN ('open', 'paid') AND total BETWEEN 1 AND 100")).isEmpty();
        Map<String, List<String>> problems = check("table.filter.dbo.orders", "statuss = 'open'",
                "table.filter.dbo.lines", "id >", "table.filter.dbo.gone", "id = 1", "table.filter.dbo.blank", " ");

        assertThat(problems.get("table.filter.dbo.orders")).singleElement().asString()
                .contains("the row filter (statuss = 'open') is not a valid T-SQL search condition on dbo.orders")
                .containsIgnoringCase("statuss");
        assertThat(problems.get("table.filter.dbo.lines")).singleElement().asString()
                .contains("not a valid T-SQL search condition on dbo.lines");
        assertThat(problems.get("table.filter.dbo.gone")).singleElement().asString()
                .contains("'dbo.gone' is not a captured table").contains("dbo.orders").contains("dbo.lines");
        assertThat(problems.get("table.filter.dbo.blank")).singleElement().asString()
                .contains("the row filter of dbo.blank is empty");
    }
}
