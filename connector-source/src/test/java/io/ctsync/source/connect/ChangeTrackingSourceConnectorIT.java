package io.ctsync.source.connect;

import static io.ctsync.source.connect.ChangeEvents.all;
import static io.ctsync.source.connect.ChangeEvents.connectorConfig;
import static io.ctsync.source.connect.ChangeEvents.topic;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
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
 * The connector in a real Connect worker (embedded Kafka + Connect), reading the in-memory Change Tracking model
 * through its internal factory option: snapshot and changes reach the topics, offsets survive a worker restart,
 * operators rewind and reset tables through the REST offsets API, tasks are planned and re-planned, and a task that
 * crashed in the middle of a snapshot resumes after its last committed row.
 */
class ChangeTrackingSourceConnectorIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static ChangeTrackingModel model(String name, String... tables) {
        ChangeTrackingModel model = ChangeTrackingModel.create(name).enableChangeTracking();
        for (String table : tables) {
            model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                    .track("dbo", table, true);
        }
        return model;
    }

    private static void insert(ChangeTrackingModel model, String table, int from, int to) {
        model.transaction(tx -> IntStream.rangeClosed(from, to).forEach(id -> tx.insert("dbo", table, row(id, "n" + id))));
    }

    private static Map<String, Object> row(int id, String name) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", name);
        return row;
    }

    private static List<String> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> all(CONNECT, topic).stream().map(ChangeEvents.Event::toString).toList(), e -> e.size() >= count);
    }

    @Test
    void snapshotThenChangesReachTheTopicAndOffsetsSurviveAWorkerRestart() throws Exception {
        ChangeTrackingModel model = model("restart", "orders");
        insert(model, "orders", 1, 3);
        String topic = topic("erp", "restart", "orders");
        CONNECT.startConnector("restart", connectorConfig("restart", "erp"), 1);
        awaitEvents(topic, 3);

        insert(model, "orders", 4, 4);
        model.transaction(tx -> tx.update("dbo", "orders", List.of(1), Map.of("name", "renamed")));
        model.delete("dbo", "orders", List.of(2));
        assertThat(awaitEvents(topic, 6)).containsExactly("1:r", "2:r", "3:r", "4:c", "1:u", "2:d");
        awaitCommitted("restart", "orders", model.currentVersion());

        CONNECT.restartWorkers();
        CONNECT.awaitRunning("restart", 1);
        insert(model, "orders", 5, 5);

        assertThat(awaitEvents(topic, 7)).as("no second snapshot after the restart")
                .containsExactly("1:r", "2:r", "3:r", "4:c", "1:u", "2:d", "5:c");
        JsonNode update = all(CONNECT, topic).get(4).payload();
        assertThat(update.get("source").get("changed_columns").toString()).isEqualTo("[\"name\"]");
    }

    @Test
    void operatorsRewindAndResetTablesThroughTheOffsetsApi() throws Exception {
        ChangeTrackingModel model = model("rewind", "orders");
        insert(model, "orders", 1, 2);
        String topic = topic("erp", "rewind", "orders");
        CONNECT.startConnector("rewind", connectorConfig("rewind", "erp"), 1);
        awaitEvents(topic, 2);
        insert(model, "orders", 3, 3);
        long v3 = model.currentVersion();
        insert(model, "orders", 4, 4);
        awaitEvents(topic, 4);
        awaitCommitted("rewind", "orders", model.currentVersion());

        assertThat(CONNECT.rest("PUT", "connectors/rewind/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        String partition = "{\"server\":\"erp\",\"database\":\"rewind\",\"schema\":\"dbo\",\"table\":\"orders\"}";

        RestResponse rejected = CONNECT.rest("PATCH", "connectors/rewind/offsets", "{\"offsets\":[{\"partition\":" + partition
                + ",\"offset\":{\"phase\":\"incremental\",\"version\":99}}]}");
        // Connect answers 500 for any exception a connector's alterOffsets throws; the message is ours.
        assertThat(rejected.status()).as(rejected.body()).isEqualTo(500);
        assertThat(rejected.body()).contains("is ahead of the database's current Change Tracking version");
        RestResponse otherTable = CONNECT.rest("PATCH", "connectors/rewind/offsets", "{\"offsets\":[{\"partition\":"
                + partition.replace("orders", "nope") + ",\"offset\":null}]}");
        assertThat(otherTable.body()).contains("dbo.nope, which this connector does not capture");

        RestResponse rewound = CONNECT.rest("PATCH", "connectors/rewind/offsets", "{\"offsets\":[{\"partition\":" + partition
                + ",\"offset\":{\"phase\":\"incremental\",\"version\":" + (v3 - 1) + "}}]}");
        assertThat(rewound.status()).as(rewound.body()).isEqualTo(200);
        CONNECT.rest("PUT", "connectors/rewind/resume", null);
        assertThat(awaitEvents(topic, 6)).as("changes after the rewound version come again")
                .containsExactly("1:r", "2:r", "3:c", "4:c", "3:c", "4:c");

        CONNECT.rest("PUT", "connectors/rewind/stop", null);
        CONNECT.cluster().assertions().assertConnectorIsStopped("rewind", "connector did not stop");
        RestResponse reset = CONNECT.rest("DELETE", "connectors/rewind/offsets", null);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        CONNECT.rest("PUT", "connectors/rewind/resume", null);
        assertThat(awaitEvents(topic, 10).subList(6, 10)).as("a reset table is snapshotted again")
                .containsExactly("1:r", "2:r", "3:r", "4:r");
    }

    @Test
    void tablesArePlannedOverTasksAndReplannedWhenATrackedTableAppears() throws Exception {
        ChangeTrackingModel model = model("plan", "a", "b", "c");
        insert(model, "a", 1, 3);                           // a is the largest table: a task of its own
        Map<String, String> config = connectorConfig("plan", "erp");
        config.put("tasks.max", "2");
        CONNECT.startConnector("plan", config, 2);
        assertThat(CONNECT.cluster().taskConfigs("plan")).extracting(t -> t.config().get("ctsync.task.tables"))
                .containsExactlyInAnyOrder("[[\"dbo\",\"a\"]]", "[[\"dbo\",\"b\"],[\"dbo\",\"c\"]]");

        model.createTable("dbo", "d", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100));
        insert(model, "d", 1, 2);
        model.track("dbo", "d", false);

        assertThat(awaitEvents(topic("erp", "plan", "d"), 2)).containsExactly("1:r", "2:r");
        Awaitility.await().atMost(WAIT).untilAsserted(() -> assertThat(CONNECT.cluster().taskConfigs("plan"))
                .extracting(t -> t.config().get("ctsync.task.tables")).anySatisfy(t -> assertThat(t).contains("\"d\"")));
        insert(model, "a", 4, 4);
        assertThat(awaitEvents(topic("erp", "plan", "a"), 4)).as("re-planned tasks resume from the anchors: no new snapshot")
                .containsExactly("1:r", "2:r", "3:r", "4:c");
    }

    @Test
    void aTaskThatCrashedInMidSnapshotResumesAfterItsLastCommittedRow() throws Exception {
        ChangeTrackingModel model = model("crash", "big");
        insert(model, "big", 1, 50);
        Map<String, String> config = connectorConfig("crash", "erp");
        config.put("snapshot.chunk.rows", "10");
        String topic = topic("erp", "crash", "big");
        model.faults().failSnapshotChunk(3, false);
        CONNECT.cluster().configureConnector("crash", config);

        String trace = CONNECT.awaitTaskFailure("crash", WAIT);
        assertThat(trace).contains("Injected failure reading a snapshot chunk");
        Thread.sleep(1_000);
        int beforeRestart = all(CONNECT, topic).size();
        JsonNode offsets = ChangeEvents.json(CONNECT.restGet("connectors/crash/offsets").body());
        int lastCommitted = ChangeEvents.json(offsets.get("offsets").get(0).get("offset").get("snapshot_last_key").asText())
                .get(0).asInt();
        CONNECT.cluster().restartTask("crash", 0);

        List<String> events = awaitEvents(topic, beforeRestart + 50 - lastCommitted);
        assertThat(events.subList(beforeRestart, events.size())).as("resumes after key " + lastCommitted)
                .containsExactlyElementsOf(IntStream.rangeClosed(lastCommitted + 1, 50).mapToObj(i -> i + ":r").toList());
        assertThat(lastCommitted).isBetween(10, 20);
    }

    @Test
    void transientDatabaseFailuresAreRetriedAndTheirLimitFailsTheTaskWithTheCause() throws Exception {
        ChangeTrackingModel model = model("flaky", "orders");
        Map<String, String> config = connectorConfig("flaky", "erp");
        config.put("retry.backoff.ms", "50");
        String topic = topic("erp", "flaky", "orders");
        CONNECT.startConnector("flaky", config, 1);
        insert(model, "orders", 1, 1);
        awaitEvents(topic, 1);

        model.faults().failChangePage(1, true);
        insert(model, "orders", 2, 3);
        assertThat(awaitEvents(topic, 3)).containsExactly("1:c", "2:c", "3:c");
        CONNECT.awaitRunning("flaky", 1);

        ChangeTrackingModel strict = model("strict", "orders");
        Map<String, String> noRetries = connectorConfig("strict", "erp");
        noRetries.put("max.retries", "0");
        CONNECT.startConnector("strict", noRetries, 1);
        insert(strict, "orders", 1, 1);
        awaitEvents(topic("erp", "strict", "orders"), 1);
        strict.faults().failChangePage(1, true);
        assertThat(CONNECT.awaitTaskFailure("strict", WAIT)).contains("failed 1 times in a row (max.retries=0)")
                .contains("connection reset");
    }

    @Test
    void snapshotMarkersFrameTheSnapshotOnEveryPartitionOfATopicKafkaCounted() throws Exception {
        ChangeTrackingModel model = model("marked", "orders");
        insert(model, "orders", 1, 20);
        String topic = topic("erp", "marked", "orders");
        CONNECT.cluster().kafka().createTopic(topic, 4);            // exists before the connector, unlike topic.creation says
        Map<String, String> config = connectorConfig("marked", "erp");
        config.put("snapshot.markers.kafka.bootstrap.servers", CONNECT.bootstrapServers());
        CONNECT.startConnector("marked", config, 1);
        awaitEvents(topic, 20);

        var records = Awaitility.await().atMost(WAIT).ignoreExceptions()
                .until(() -> CONNECT.consumeAll(Duration.ofSeconds(30), topic), r -> r.size() >= 28);
        for (int partition = 0; partition < 4; partition++) {
            int p = partition;
            List<String> inPartition = records.stream().filter(r -> r.partition() == p).map(r -> {
                var control = r.headers().lastHeader("ctsync.control");
                return control == null ? "row" : new String(control.value(), java.nio.charset.StandardCharsets.UTF_8);
            }).toList();
            assertThat(inPartition).as("partition " + p).startsWith("snapshot-begin").endsWith("snapshot-end");
            assertThat(inPartition.subList(1, inPartition.size() - 1)).as("partition " + p).allSatisfy(x -> assertThat(x).isEqualTo("row"));
        }
        var last = records.get(records.size() - 1);
        JsonNode end = ChangeEvents.json(new String(last.value(), java.nio.charset.StandardCharsets.UTF_8)).get("payload");
        assertThat(last.key()).as("a marker has no key").isNull();
        assertThat(end.get("op").asText()).as("the table's envelope, op naming the marker").isEqualTo("snapshot-end");
        assertThat(end.get("after").isNull()).isTrue();
        JsonNode control = end.get("control");
        assertThat(control.get("partitions").asInt()).isEqualTo(4);
        assertThat(control.get("snapshot_version").asLong()).isEqualTo(model.currentVersion());
    }

    @Test
    void validationAttachesDatabaseProblemsToTheirOptions() {
        ChangeTrackingModel.create("off");
        Map<String, String> config = connectorConfig("off", "erp");
        var infos = CONNECT.cluster().validateConnectorConfig("ChangeTrackingSourceConnector", config);

        assertThat(infos.configs()).anySatisfy(c -> {
            assertThat(c.configValue().name()).isEqualTo("connection.url");
            assertThat(c.configValue().errors()).anySatisfy(e -> assertThat(e).contains("Change Tracking is not enabled"));
        });
    }

    private static void awaitCommitted(String connector, String table, long version) {
        Awaitility.await("offset of " + table + " committed at " + version).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> CONNECT.restGet("connectors/" + connector + "/offsets").body(),
                        body -> body.contains("\"version\":" + version) && body.contains("\"table\":\"" + table + "\""));
    }
}
