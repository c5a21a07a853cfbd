package io.ctsync.source.connect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * One full run of the connector against a real SQL Server in a real Connect worker: Change Tracking enabled,
 * snapshot, insert/update/delete, column mask, context exclusion, and an anchor expired by a manual cleanup that
 * leads to a re-snapshot. Runs wherever Docker runs; skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerSourceConnectorIT {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();
    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofMinutes(3);

    private static List<String> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(500))
                .ignoreExceptions().until(() -> ChangeEvents.all(CONNECT, topic).stream().map(ChangeEvents.Event::toString)
                        .toList(), e -> e.size() >= count);
    }

    @Test
    void capturesSnapshotChangesMasksAndContextsAndResnapshotsAfterCleanup() throws Exception {
        TestDatabase db = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "shop");
        db.execute("CREATE TABLE dbo.orders (id int PRIMARY KEY, name nvarchar(50), qty int, price decimal(9,2), "
                        + "at datetime2(7))",
                "ALTER TABLE dbo.orders ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = ON)",
                "INSERT INTO dbo.orders VALUES (1, N'one', 1, 1.50, '2024-01-31 10:00:00.1234567'), "
                        + "(2, N'two', 2, 2.50, NULL)");
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.ctsync.source.ChangeTrackingSourceConnector");
        config.put("connection.url", db.jdbcUrl());
        config.put("connection.user", db.user());
        config.put("connection.password", db.password());
        config.put("topic.prefix", "shop");
        config.put("poll.interval.ms", "200");
        config.put("heartbeat.interval.ms", "1000");
        config.put("change.context.exclude", "0x6374");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "1");
        String topic = "shop.shop.dbo.orders";
        CONNECT.startConnector("shop", config, 1);
        assertThat(awaitEvents(topic, 2)).containsExactly("1:r", "2:r");

        db.execute("INSERT INTO dbo.orders VALUES (3, N'three', 3, 3.50, NULL)",
                "UPDATE dbo.orders SET qty = 10 WHERE id = 1",
                "DELETE FROM dbo.orders WHERE id = 2");
        assertThat(awaitEvents(topic, 5)).containsExactly("1:r", "2:r", "3:c", "1:u", "2:d");
        db.execute("WITH CHANGE_TRACKING_CONTEXT (0x6374) UPDATE dbo.orders SET name = N'echo' WHERE id = 3",
                "UPDATE dbo.orders SET name = N'four' WHERE id = 1");
        awaitEvents(topic, 6);
        Thread.sleep(2_000);
        assertThat(ChangeEvents.all(CONNECT, topic)).as("the change written with the excluded context is not emitted")
                .extracting(ChangeEvents.Event::toString).containsExactly("1:r", "2:r", "3:c", "1:u", "2:d", "1:u");
        List<ChangeEvents.Event> all = ChangeEvents.all(CONNECT, topic);
        assertThat(all.get(3).payload().get("source").get("changed_columns").toString()).isEqualTo("[\"qty\"]");
        assertThat(all.get(0).payload().get("after").get("at").asLong()).isEqualTo(1_706_695_200_123_456_700L);

        CONNECT.cluster().stopConnector("shop");
        CONNECT.cluster().assertions().assertConnectorIsStopped("shop", "did not stop");
        db.execute("INSERT INTO dbo.orders VALUES (5, N'five', 5, 5.00, NULL)",
                "ALTER DATABASE CURRENT SET CHANGE_TRACKING (CHANGE_RETENTION = 1 MINUTES)");
        Thread.sleep(65_000);
        db.execute("EXEC sys.sp_flush_CT_internal_table_on_demand @TableToClean = N'dbo.orders'");
        CONNECT.cluster().resumeConnector("shop");

        List<String> afterCleanup = awaitEvents(topic, 9);
        assertThat(afterCleanup.subList(6, afterCleanup.size())).as("expired anchor: the table is snapshotted again")
                .containsExactly("1:r", "3:r", "5:r");
    }

    /**
     * Two databases of the server through database.names, the URL naming master: each database gets its own
     * connection (its URL with that databaseName), its own topics and anchors with its own versions; a listed database
     * without Change Tracking is reported by validate() on database.names.
     */
    @Test
    void capturesTwoDatabasesListedInDatabaseNames() throws Exception {
        TestDatabase north = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "north");
        TestDatabase south = SqlServerContainers.changeTrackedDatabase(SQLSERVER, "south");
        for (TestDatabase db : List.of(north, south)) {
            db.execute("CREATE TABLE dbo.items (id int PRIMARY KEY, name nvarchar(50))",
                    "ALTER TABLE dbo.items ENABLE CHANGE_TRACKING",
                    "INSERT INTO dbo.items VALUES (1, N'one')");
        }
        south.execute("INSERT INTO dbo.items VALUES (2, N'two')", "INSERT INTO dbo.items VALUES (3, N'three')");
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", "io.ctsync.source.ChangeTrackingSourceConnector");
        config.put("tasks.max", "2");
        config.put("connection.url", SQLSERVER.getJdbcUrl() + ";databaseName=master");
        config.put("connection.user", SQLSERVER.getUsername());
        config.put("connection.password", SQLSERVER.getPassword());
        config.put("database.names", "north,south");
        config.put("topic.prefix", "two");
        config.put("poll.interval.ms", "200");
        config.put("heartbeat.interval.ms", "1000");
        config.put("topic.creation.default.partitions", "1");
        config.put("topic.creation.default.replication.factor", "1");

        Map<String, String> withUntracked = new HashMap<>(config);
        withUntracked.put("database.names", "north,master");
        var infos = CONNECT.cluster().validateConnectorConfig("ChangeTrackingSourceConnector", withUntracked);
        assertThat(infos.configs()).anySatisfy(c -> {
            assertThat(c.configValue().name()).isEqualTo("database.names");
            assertThat(c.configValue().errors()).anySatisfy(e -> assertThat(e)
                    .contains("Change Tracking is not enabled on database master"));
        });

        CONNECT.startConnector("two", config, 2);
        assertThat(awaitEvents("two.north.dbo.items", 1)).containsExactly("1:r");
        assertThat(awaitEvents("two.south.dbo.items", 3)).containsExactly("1:r", "2:r", "3:r");
        north.execute("INSERT INTO dbo.items VALUES (4, N'four')");
        south.execute("DELETE FROM dbo.items WHERE id = 1");
        assertThat(awaitEvents("two.north.dbo.items", 2)).containsExactly("1:r", "4:c");
        assertThat(awaitEvents("two.south.dbo.items", 4)).containsExactly("1:r", "2:r", "3:r", "1:d");
        long northVersion = ((Number) north.value("SELECT CHANGE_TRACKING_CURRENT_VERSION()")).longValue();
        long southVersion = ((Number) south.value("SELECT CHANGE_TRACKING_CURRENT_VERSION()")).longValue();
        assertThat(northVersion).as("versions are per database").isNotEqualTo(southVersion);
        Awaitility.await("anchors of both databases").atMost(WAIT).until(() -> {
            String offsets = CONNECT.restGet("connectors/two/offsets").body();
            return offsets.contains("\"database\":\"north\"") && offsets.contains("\"database\":\"south\"")
                    && offsets.contains("\"version\":" + northVersion) && offsets.contains("\"version\":" + southVersion);
        });
    }
}
