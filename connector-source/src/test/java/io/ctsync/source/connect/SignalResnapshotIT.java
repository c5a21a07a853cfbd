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
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An operator re-snapshots one table of a running connector by writing Debezium's execute-snapshot signal to the
 * signal topic of a real Connect worker: the table, owned by one of two tasks, gets a second snapshot framed by new
 * markers, the other table (the other task) keeps streaming, a malformed signal and one naming no captured table fail
 * nothing, and
 * after the tasks restart the signal is not executed again.
 */
class SignalResnapshotIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();
    private static final Duration WAIT = Duration.ofSeconds(90);

    private static void createTable(ChangeTrackingModel model, String table) {
        model.createTable("dbo", table, ModelColumn.key("id", "int"), ModelColumn.sized("name", "nvarchar", 100))
                .track("dbo", table, false);
    }

    private static List<ChangeEvents.Event> awaitEvents(String topic, int count) {
        return Awaitility.await(count + " events on " + topic).atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .ignoreExceptions().until(() -> all(CONNECT, topic), e -> e.size() >= count);
    }

    private static long beginMarkers(String topic) throws Exception {
        return CONNECT.consumeAll(Duration.ofSeconds(30), topic).stream().map(SignalResnapshotIT::controlKind)
                .filter(SnapshotControl.Kind.BEGIN.value()::equals).count();
    }

    private static String controlKind(ConsumerRecord<byte[], byte[]> record) {
        Header header = record.headers().lastHeader(SnapshotControl.HEADER);
        return header == null ? "" : new String(header.value(), StandardCharsets.UTF_8);
    }

    @Test
    void aSignalReSnapshotsOneTableWhileTheOtherStreamsAndIsNotExecutedAgainAfterARestart() throws Exception {
        ChangeTrackingModel model = ChangeTrackingModel.create("signals").enableChangeTracking();
        createTable(model, "items");
        createTable(model, "orders");
        for (int id = 1; id <= 3; id++) {
            model.insert("dbo", "items", Map.of("id", id, "name", "item" + id));
        }
        model.insert("dbo", "orders", Map.of("id", 1, "name", "order1"));
        String signals = "erp-signal";
        CONNECT.cluster().kafka().createTopic(signals, 1);
        Map<String, String> config = connectorConfig("signals", "erp");
        config.put("tasks.max", "2");
        config.put("signal.enabled.channels", "kafka");
        config.put("signal.kafka.topic", signals);
        config.put("signal.kafka.bootstrap.servers", CONNECT.bootstrapServers());
        CONNECT.startConnector("sig", config, 2);
        String items = topic("erp", "signals", "items");
        String orders = topic("erp", "signals", "orders");
        awaitEvents(items, 3);
        awaitEvents(orders, 1);

        model.delete("dbo", "items", List.of(2));
        CONNECT.cluster().kafka().produce(signals, "erp", "not json");
        CONNECT.cluster().kafka().produce(signals, "erp", "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":"
                + "[\"signals.dbo.nosuchtable\"]}}");
        CONNECT.cluster().kafka().produce(signals, "erp", "{\"type\":\"execute-snapshot\",\"data\":{\"data-collections\":"
                + "[\"signals.dbo.items\"],\"type\":\"incremental\"}}");
        for (int id = 2; id <= 4; id++) {
            model.insert("dbo", "orders", Map.of("id", id, "name", "order" + id));
        }

        List<String> itemEvents = awaitEvents(items, 6).stream().map(ChangeEvents.Event::toString).toList();
        assertThat(itemEvents).as("the delete, then the table's current rows again")
                .containsExactly("1:r", "2:r", "3:r", "2:d", "1:r", "3:r");
        assertThat(awaitEvents(orders, 4).stream().map(ChangeEvents.Event::toString))
                .containsExactly("1:r", "2:c", "3:c", "4:c");
        Awaitility.await("the second snapshot's begin markers").atMost(WAIT).pollInterval(Duration.ofMillis(300))
                .until(() -> beginMarkers(items), count -> count == 2);
        Awaitility.await("the table's offset carries the signal position").atMost(WAIT)
                .pollInterval(Duration.ofMillis(300)).until(() -> CONNECT.restGet("connectors/sig/offsets").body(),
                        body -> body.contains("\"signal_offset\":3"));
        assertThat(CONNECT.cluster().connectorStatus("sig").tasks()).allMatch(t -> "RUNNING".equals(t.state()));

        CONNECT.rest("POST", "connectors/sig/restart?includeTasks=true", null);
        CONNECT.awaitRunning("sig", 2);
        model.insert("dbo", "items", Map.of("id", 5, "name", "item5"));

        assertThat(awaitEvents(items, 7).stream().map(ChangeEvents.Event::toString).toList())
                .as("only the new change: no third snapshot").endsWith("5:c").hasSize(7);
        assertThat(beginMarkers(items)).isEqualTo(2);
    }
}
