package io.ctsync.source.connect;

import static io.ctsync.source.connect.ChangeEvents.all;
import static io.ctsync.source.connect.ChangeEvents.connectorConfig;
import static io.ctsync.source.connect.ChangeEvents.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.connect.ConnectClusterExtension.RestResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator rewinds a table to a point in time through the REST offsets API of a real Connect worker: a time older
 * than the table's minimum valid version is refused with the earliest time still possible, a later one is resolved
 * by the task to the last version committed before it, and events carry their commit time (event.timestamp.mode).
 */
class PointInTimeRewindIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofSeconds(60);

    private static void commitAt(ChangeTrackingModel model, String time, Runnable statements) {
        model.clock(Clock.fixed(Instant.parse(time), ZoneOffset.UTC));
        statements.run();
    }

    private static List<ChangeEvents.Event> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> all(CONNECT, topic), e -> e.size() >= count);
    }

    private static List<String> names(List<ChangeEvents.Event> events) {
        return events.stream().map(ChangeEvents.Event::toString).toList();
    }

    @Test
    void aTableIsRewoundToATimeThroughTheOffsetsApi() throws Exception {
        ChangeTrackingModel model = ChangeTrackingModel.create("pit").enableChangeTracking();
        model.createTable("dbo", "orders", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                .track("dbo", "orders", false);
        commitAt(model, "2026-11-29T10:00:00Z", () -> model.transaction(tx -> tx.insert("dbo", "orders",
                Map.of("id", 1, "name", "a")).insert("dbo", "orders", Map.of("id", 2, "name", "b"))));
        commitAt(model, "2026-11-29T11:00:00Z", () -> model.insert("dbo", "orders", Map.of("id", 3, "name", "c")));
        commitAt(model, "2026-11-29T12:00:00Z", () -> model.update("dbo", "orders", List.of(1), Map.of("name", "a2")));
        String topic = topic("erp", "pit", "orders");
        Map<String, String> config = connectorConfig("pit", "erp");
        config.put("event.timestamp.mode", "commit");
        CONNECT.startConnector("pit", config, 1);
        awaitEvents(topic, 3);
        commitAt(model, "2026-11-29T13:00:00Z", () -> model.insert("dbo", "orders", Map.of("id", 4, "name", "d")));
        assertThat(awaitEvents(topic, 4).get(3).payload().get("source").get("ts_ms").asLong())
                .as("the commit time of the change's version").isEqualTo(Instant.parse("2026-11-29T13:00:00Z").toEpochMilli());
        Awaitility.await("anchor at version 4").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> CONNECT.restGet("connectors/pit/offsets").body(), body -> body.contains("\"version\":4"));
        model.cleanupUpTo(1);

        assertThat(CONNECT.rest("PUT", "connectors/pit/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped("pit", "connector did not stop");
        String partition = "{\"server\":\"erp\",\"database\":\"pit\",\"schema\":\"dbo\",\"table\":\"orders\"}";
        RestResponse tooOld = CONNECT.rest("PATCH", "connectors/pit/offsets", "{\"offsets\":[{\"partition\":" + partition
                + ",\"offset\":{\"phase\":\"incremental\",\"since\":\"2026-11-29T09:00:00Z\"}}]}");
        assertThat(tooOld.status()).as(tooOld.body()).isEqualTo(500);
        assertThat(tooOld.body()).contains("minimum valid version is 1")
                .contains("the earliest time still possible is any time after 2026-11-29T10:00:00Z (the commit of version 1)");

        RestResponse rewound = CONNECT.rest("PATCH", "connectors/pit/offsets", "{\"offsets\":[{\"partition\":" + partition
                + ",\"offset\":{\"phase\":\"incremental\",\"since\":\"2026-11-29T12:30:00+01:00\"}}]}");
        assertThat(rewound.status()).as(rewound.body()).isEqualTo(200);
        CONNECT.rest("PUT", "connectors/pit/resume", null);

        List<ChangeEvents.Event> events = awaitEvents(topic, 6);
        assertThat(names(events)).as("every change committed since 11:30 UTC comes again")
                .containsExactly("1:r", "2:r", "3:r", "4:c", "1:u", "4:c");
        assertThat(events.get(4).payload().get("source").get("ts_ms").asLong())
                .isEqualTo(Instant.parse("2026-11-29T12:00:00Z").toEpochMilli());
        Awaitility.await("the resolved anchor replaces the time").atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> CONNECT.restGet("connectors/pit/offsets").body(),
                        body -> body.contains("\"version\":4") && !body.contains("since"));
    }
}
