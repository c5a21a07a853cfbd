package io.ctsync.source.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.config.DatabaseOptions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.source.tracking.TrackedTable;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The captured databases are listed again at each call: a database that starts matching is picked up. */
class CapturedDatabasesTest {

    private final String server = "captured-" + UUID.randomUUID();
    private final ChangeTrackingModel master = ChangeTrackingModel.create(server, "master");

    private static ChangeTrackingModel company(String server, String name) {
        ChangeTrackingModel model = ChangeTrackingModel.create(server, name).enableChangeTracking();
        model.createTable("dbo", "ARCUS", ModelColumn.key("id", "int")).track("dbo", "ARCUS", false);
        return model;
    }

    @Test
    void aCompanyDatabaseEnabledLaterIsPickedUpAndEachDatabaseHasItsOwnConnection() {
        company(server, "COMP01");
        ChangeTrackingModel second = ChangeTrackingModel.create(server, "COMP02");
        SourceConnectorConfig config = new SourceConnectorConfig(Map.of("connection.url", ModelDatabaseFactory.url(master),
                "topic.prefix", "p", DatabaseOptions.DATABASE_INCLUDE_LIST, "COMP[0-9]+"));
        ModelDatabaseFactory factory = new ModelDatabaseFactory();
        ConnectionOptions.Settings settings = config.connection();
        try (CapturedDatabases databases = new CapturedDatabases(new DatabaseOptions(config), new TableSelector(config),
                factory.open(settings), name -> factory.open(settings, name))) {
            assertThat(databases.capturedTables()).containsOnlyKeys("COMP01");

            second.enableChangeTracking();
            second.createTable("dbo", "ARCUS", ModelColumn.key("id", "int")).track("dbo", "ARCUS", false);
            second.insert("dbo", "ARCUS", Map.of("id", 1));

            Map<String, List<TrackedTable>> tables = databases.capturedTables();
            assertThat(tables).containsOnlyKeys("COMP01", "COMP02");
            assertThat(databases.database("COMP02").facts().databaseName()).isEqualTo("COMP02");
            assertThat(databases.database("COMP02").facts().currentVersion()).isEqualTo(1L);
            assertThat(databases.database("COMP01").facts().currentVersion()).isZero();
        }
    }
}
