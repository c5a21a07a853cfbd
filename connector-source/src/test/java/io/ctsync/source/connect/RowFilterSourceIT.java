package io.ctsync.source.connect;

import static io.ctsync.source.connect.ChangeEvents.all;
import static io.ctsync.source.connect.ChangeEvents.connectorConfig;
import static io.ctsync.source.connect.ChangeEvents.topic;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A row filter ({@code table.filter.dbo.orders}) in a real Connect worker reading the Change Tracking model: validation
 * through the REST API attaches a bad filter's error to its option, the snapshot and the changes are limited to the
 * matching rows (a row that leaves becomes a delete, one that joins comes with its current values), and a new filter
 * set through the REST API snapshots the table again between snapshot markers.
 */
class RowFilterSourceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofSeconds(90);
    private static final String FILTER = "table.filter.dbo.orders";

    private static Map<String, Object> row(int id, int qty) {
        Map<String, Object> row = new HashMap<>();
        row.put("id", id);
        row.put("name", "n" + id);
        row.put("qty", qty);
        return row;
    }

    private static List<String> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> all(CONNECT, topic).stream().map(ChangeEvents.Event::toString).toList(),
                        e -> e.size() >= count);
    }

    @Test
    void aFilterLimitsSnapshotAndChangesAndANewFilterSnapshotsTheTableAgainBetweenMarkers() throws Exception {
        ChangeTrackingModel model = ChangeTrackingModel.create("filtered").enableChangeTracking();
        model.createTable("dbo", "orders", ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100),
                ModelColumn.of("qty", "int")).track("dbo", "orders", false);
        model.transaction(tx -> {
            for (int id = 1; id <= 4; id++) {
                tx.insert("dbo", "orders", row(id, id * 5));
            }
        });
        String topic = topic("erp", "filtered", "orders");
        Map<String, String> config = connectorConfig("filtered", "erp");

        config.put("name", "filtered");
        config.put(FILTER, "qtty >= 10");
        var infos = CONNECT.cluster().validateConnectorConfig("ChangeTrackingSourceConnector", config);
        assertThat(infos.configs()).filteredOn(c -> !c.configValue().errors().isEmpty())
                .extracting(c -> c.configValue().name()).as(infos.toString()).containsExactly(FILTER);
        assertThat(infos.configs()).anySatisfy(c -> {
            assertThat(c.configValue().name()).isEqualTo(FILTER);
            assertThat(c.configValue().errors()).singleElement().asString()
                    .contains("not a valid T-SQL search condition on dbo.orders").containsIgnoringCase("qtty");
        });

        config.put(FILTER, "qty >= 10");
        CONNECT.startConnector("filtered", config, 1);
        assertThat(awaitEvents(topic, 3)).containsExactly("2:r", "3:r", "4:r");
        model.update("dbo", "orders", List.of(2), Map.of("qty", 1));
        model.update("dbo", "orders", List.of(1), Map.of("qty", 50));
        assertThat(awaitEvents(topic, 5)).containsExactly("2:r", "3:r", "4:r", "2:d", "1:u");
        assertThat(all(CONNECT, topic).get(4).payload().get("after").get("qty").asInt()).isEqualTo(50);
        awaitCommitted(model.currentVersion());

        config.put(FILTER, "qty < 18");
        CONNECT.cluster().configureConnector("filtered", config);

        assertThat(awaitEvents(topic, 7)).as("the table snapshotted again under the new filter")
                .containsExactly("2:r", "3:r", "4:r", "2:d", "1:u", "2:r", "3:r");
        List<String> controls = CONNECT.consumeAll(Duration.ofSeconds(30), topic).stream()
                .map(r -> r.headers().lastHeader(SnapshotControl.HEADER)).filter(h -> h != null)
                .map(h -> new String(h.value(), StandardCharsets.UTF_8)).toList();
        assertThat(controls).containsExactly("snapshot-begin", "snapshot-end", "snapshot-begin", "snapshot-end");
    }

    private static void awaitCommitted(long version) {
        Awaitility.await("offset committed at " + version).atMost(WAIT).pollInterval(Duration.ofMillis(200))
                .until(() -> CONNECT.restGet("connectors/filtered/offsets").body(),
                        body -> body.contains("\"version\":" + version) && body.contains("\"row_filter\""));
    }
}
