package io.ctsync.source.connect;

import static io.ctsync.source.connect.ChangeEvents.all;
import static io.ctsync.source.connect.ChangeEvents.connectorConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.connect.ConnectClusterExtension.RestResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * One connector capturing two databases of one simulated server ({@code database.names}) in a real Connect worker:
 * their tables are planned over two tasks, each database's events reach topics named after it, each table's anchor
 * names its database and carries that database's own Change Tracking version, a worker restart resumes from them, and
 * the offsets API refuses a database the connector does not capture.
 */
class SeveralDatabasesIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String SERVER = "several-it";

    private static ChangeTrackingModel database(String name, String... tables) {
        ChangeTrackingModel model = ChangeTrackingModel.create(SERVER, name).enableChangeTracking();
        for (String table : tables) {
            model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                    .track("dbo", table, false);
        }
        return model;
    }

    private static void insert(ChangeTrackingModel model, String table, int from, int to) {
        model.transaction(tx -> IntStream.rangeClosed(from, to).forEach(id -> {
            Map<String, Object> row = new HashMap<>();
            row.put("id", id);
            row.put("name", "n" + id);
            tx.insert("dbo", table, row);
        }));
    }

    private static List<String> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> all(CONNECT, topic).stream().map(ChangeEvents.Event::toString).toList(),
                        e -> e.size() >= count);
    }

    @Test
    void twoDatabasesOverTwoTasksKeepTheirOwnTopicsAnchorsAndVersionsAcrossARestart() throws Exception {
        ChangeTrackingModel master = ChangeTrackingModel.create(SERVER, "master");
        ChangeTrackingModel sales = database("sales", "orders");
        ChangeTrackingModel hr = database("hr", "orders", "people");
        insert(sales, "orders", 1, 3);
        insert(hr, "orders", 1, 2);
        insert(hr, "people", 1, 1);
        insert(hr, "people", 2, 2);
        Map<String, String> config = connectorConfig("unused", "multi");
        config.put("connection.url", ModelDatabaseFactory.url(master));
        config.put("database.names", "sales,hr");
        config.put("tasks.max", "2");
        CONNECT.startConnector("multi", config, 2);

        assertThat(CONNECT.cluster().taskConfigs("multi")).extracting(t -> t.config().get("ctsync.task.tables"))
                .as("tables of both databases, each named with its database, over two tasks")
                .containsExactlyInAnyOrder("[[\"hr\",\"dbo\",\"orders\"],[\"hr\",\"dbo\",\"people\"]]",
                        "[[\"sales\",\"dbo\",\"orders\"]]");
        assertThat(awaitEvents("multi.sales.dbo.orders", 3)).containsExactly("1:r", "2:r", "3:r");
        assertThat(awaitEvents("multi.hr.dbo.orders", 2)).containsExactly("1:r", "2:r");
        assertThat(awaitEvents("multi.hr.dbo.people", 2)).containsExactly("1:r", "2:r");

        insert(sales, "orders", 4, 4);
        insert(hr, "people", 3, 3);
        insert(hr, "people", 4, 4);
        assertThat(awaitEvents("multi.sales.dbo.orders", 4)).endsWith("4:c");
        assertThat(awaitEvents("multi.hr.dbo.people", 4)).endsWith("3:c", "4:c");
        assertThat(sales.currentVersion()).as("versions are per database").isEqualTo(2L).isNotEqualTo(hr.currentVersion());
        awaitAnchor("multi", "sales", "orders", sales.currentVersion());
        awaitAnchor("multi", "hr", "orders", hr.currentVersion());
        awaitAnchor("multi", "hr", "people", hr.currentVersion());

        CONNECT.restartWorkers();
        CONNECT.awaitRunning("multi", 2);
        insert(sales, "orders", 5, 5);
        insert(hr, "orders", 3, 3);
        assertThat(awaitEvents("multi.sales.dbo.orders", 5)).as("resumed from the sales anchor: no second snapshot")
                .containsExactly("1:r", "2:r", "3:r", "4:c", "5:c");
        assertThat(awaitEvents("multi.hr.dbo.orders", 3)).as("resumed from the hr anchor")
                .containsExactly("1:r", "2:r", "3:c");

        assertThat(CONNECT.rest("PUT", "connectors/multi/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped("multi", "connector did not stop");
        RestResponse other = CONNECT.rest("PATCH", "connectors/multi/offsets", "{\"offsets\":[{\"partition\":"
                + partition("payroll", "orders") + ",\"offset\":null}]}");
        assertThat(other.body()).contains("'database' is 'payroll', which this connector does not capture");
        RestResponse ahead = CONNECT.rest("PATCH", "connectors/multi/offsets", "{\"offsets\":[{\"partition\":"
                + partition("sales", "orders") + ",\"offset\":{\"phase\":\"incremental\",\"version\":" + hr.currentVersion()
                + "}}]}");
        assertThat(ahead.body()).as("checked against the sales versions, not hr's")
                .contains("is ahead of the database's current Change Tracking version " + sales.currentVersion());
    }

    /** One task holding both databases: a transient failure of one is retried on its own connection. */
    @Test
    void oneTaskReadsBothDatabasesInTurnAndRetriesAFailingOneAlone() throws Exception {
        ChangeTrackingModel master = ChangeTrackingModel.create(SERVER, "master1");
        ChangeTrackingModel east = database("east", "orders");
        ChangeTrackingModel west = database("west", "orders");
        Map<String, String> config = connectorConfig("unused", "single");
        config.put("connection.url", ModelDatabaseFactory.url(master));
        config.put("database.include.list", "east|west");
        config.put("retry.backoff.ms", "50");
        insert(east, "orders", 1, 1);
        insert(west, "orders", 1, 1);
        CONNECT.startConnector("single", config, 1);
        assertThat(CONNECT.cluster().taskConfigs("single")).singleElement().extracting(t -> t.config().get("ctsync.task.tables"))
                .isEqualTo("[[\"east\",\"dbo\",\"orders\"],[\"west\",\"dbo\",\"orders\"]]");
        awaitEvents("single.east.dbo.orders", 1);
        awaitEvents("single.west.dbo.orders", 1);

        west.faults().failChangePage(1, true);
        insert(west, "orders", 2, 2);
        insert(east, "orders", 2, 2);
        assertThat(awaitEvents("single.east.dbo.orders", 2)).containsExactly("1:r", "2:c");
        assertThat(awaitEvents("single.west.dbo.orders", 2)).as("west retried after its transient failure")
                .containsExactly("1:r", "2:c");
        CONNECT.awaitRunning("single", 1);
    }

    /** The partitions name the database as DB_NAME() gives it either way, so the anchors carry over. */
    @Test
    void aConnectorMovedFromItsUrlsDatabaseToDatabaseNamesKeepsItsAnchors() throws Exception {
        ChangeTrackingModel master = ChangeTrackingModel.create(SERVER, "master2");
        ChangeTrackingModel north = database("north", "orders");
        insert(north, "orders", 1, 2);
        Map<String, String> config = connectorConfig("unused", "moved");
        config.put("connection.url", ModelDatabaseFactory.url(north));
        CONNECT.startConnector("moved", config, 1);
        awaitEvents("moved.north.dbo.orders", 2);
        insert(north, "orders", 3, 3);
        awaitEvents("moved.north.dbo.orders", 3);
        awaitAnchor("moved", "north", "orders", north.currentVersion());

        config.put("connection.url", ModelDatabaseFactory.url(master));
        config.put("database.names", "north");
        CONNECT.cluster().configureConnector("moved", config);
        Awaitility.await("tasks re-planned with their database").atMost(WAIT).untilAsserted(() ->
                assertThat(CONNECT.cluster().taskConfigs("moved")).singleElement()
                        .extracting(t -> t.config().get("ctsync.task.tables")).isEqualTo("[[\"north\",\"dbo\",\"orders\"]]"));
        CONNECT.awaitRunning("moved", 1);
        insert(north, "orders", 4, 4);

        assertThat(awaitEvents("moved.north.dbo.orders", 4)).as("no second snapshot: the anchor carried over")
                .containsExactly("1:r", "2:r", "3:c", "4:c");
    }

    /**
     * Three databases over two tasks, so one task holds two: each task reads the signal topic with one consumer, a
     * qualified row filter wins for its database, a signal naming {@code <database>.dbo.orders} re-snapshots that
     * database's table only, and a signal naming no table is one WARN line for the whole connector.
     */
    @Test
    void rowFiltersAndSignalsOfSeveralDatabasesOverTwoTasks() throws Exception {
        ChangeTrackingModel master = ChangeTrackingModel.create(SERVER, "master3");
        List<ChangeTrackingModel> databases = List.of(database("e15", "orders"), database("w15", "orders"),
                database("n15", "orders"));
        databases.forEach(db -> insert(db, "orders", 1, 3));
        String signals = "several-signal";
        CONNECT.cluster().kafka().createTopic(signals, 1);
        Map<String, String> config = connectorConfig("unused", "sig3");
        config.put("connection.url", ModelDatabaseFactory.url(master));
        config.put("database.names", "e15,w15,n15");
        config.put("tasks.max", "2");
        config.put("table.filter.dbo.orders", "id <= 2");
        config.put("table.filter.w15.dbo.orders", "id >= 2");
        config.put("signal.enabled.channels", "kafka");
        config.put("signal.kafka.topic", signals);
        config.put("signal.kafka.bootstrap.servers", CONNECT.bootstrapServers());
        try (LogLines logs = new LogLines("io.ctsync.source.signal")) {
            CONNECT.startConnector("sig3", config, 2);
            assertThat(awaitEvents("sig3.e15.dbo.orders", 2)).containsExactly("1:r", "2:r");
            assertThat(awaitEvents("sig3.w15.dbo.orders", 2)).as("w15's own filter").containsExactly("2:r", "3:r");
            assertThat(awaitEvents("sig3.n15.dbo.orders", 2)).containsExactly("1:r", "2:r");
            assertThat(logs.matching("with one consumer for")).as("one consumer per task, one task holding two databases")
                    .hasSize(2).anyMatch(l -> l.contains("of 2 database(s)"));

            CONNECT.cluster().kafka().produce(signals, "sig3", "{\"type\":\"execute-snapshot\",\"data\":"
                    + "{\"data-collections\":[\"nosuch.dbo.orders\"]}}");
            CONNECT.cluster().kafka().produce(signals, "sig3", "{\"type\":\"execute-snapshot\",\"data\":"
                    + "{\"data-collections\":[\"w15.dbo.orders\"]}}");
            assertThat(awaitEvents("sig3.w15.dbo.orders", 4)).containsExactly("2:r", "3:r", "2:r", "3:r");
            Awaitility.await("every table considered both signals").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                    .until(() -> CONNECT.restGet("connectors/sig3/offsets").body().split("\"signal_offset\":2", -1).length - 1,
                            n -> n == 3);

            assertThat(logs.matching("'nosuch.dbo.orders' matches none")).as("one WARN for the connector")
                    .singleElement().asString().contains("of the 3 captured tables");
            assertThat(all(CONNECT, "sig3.e15.dbo.orders")).as("e15 not re-snapshotted").hasSize(2);
            assertThat(all(CONNECT, "sig3.n15.dbo.orders")).as("n15 not re-snapshotted").hasSize(2);
        }
    }

    private static String partition(String database, String table) {
        return "{\"server\":\"multi\",\"database\":\"" + database + "\",\"schema\":\"dbo\",\"table\":\"" + table + "\"}";
    }

    private static void awaitAnchor(String connector, String database, String table, long version) {
        Awaitility.await("anchor of " + database + ".dbo." + table + " at " + version).atMost(WAIT)
                .pollInterval(Duration.ofMillis(200)).ignoreExceptions().until(() -> {
                    JsonNode offsets = ChangeEvents.json(CONNECT.restGet("connectors/" + connector + "/offsets").body()).get("offsets");
                    for (JsonNode entry : offsets) {
                        JsonNode partition = entry.get("partition");
                        if (partition.get("database").asText().equals(database) && partition.get("table").asText().equals(table)) {
                            return entry.get("offset").path("version").asLong(-1) == version;
                        }
                    }
                    return false;
                });
    }
}
