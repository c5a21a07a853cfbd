package io.ctsync.sink.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.SnapshotStream;
import io.ctsync.testkit.connect.ConnectClusterExtension.RestResponse;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * The sink keeps its offsets in the target ({@code ctsync_sink_offsets}), so the Connect REST offsets API must change
 * them there, or Kafka's consumer group would change and the sink overrule it. Through the real REST API of an embedded
 * worker: a reset replays the topic onto the target (which stays the same), a rewind moves the stored offset of one
 * partition, and a target that cannot be reached refuses the request with the reason.
 */
public abstract class AbstractOffsetsApiIT extends SinkIT {

    private static final int PARTITIONS = 2;

    private SnapshotStream stream(String topic) {
        createTopic(topic, PARTITIONS);
        SnapshotStream stream = new SnapshotStream(producer, topic, PARTITIONS);
        stream.snapshot(10, IntStream.rangeClosed(1, 10).boxed().toList(), id -> "s1-" + id);
        IntStream.rangeClosed(1, 4).forEach(id -> stream.update(id, "u" + id, 10 + id));
        stream.snapshot(20, IntStream.rangeClosed(1, 7).boxed().toList(), id -> "s2-" + id);
        producer.flush();
        return stream;
    }

    private void awaitApplied(String connector, SnapshotStream stream) {
        Await.value(connector + " applied everything", () -> target.storedOffsets(connector),
                offsets -> offsets.equals(stream.endOffsets()));
    }

    private static void stop(String connector) throws InterruptedException {
        assertThat(CONNECT.rest("PUT", "connectors/" + connector + "/stop", null).status()).isEqualTo(204);
        CONNECT.cluster().assertions().assertConnectorIsStopped(connector, connector + " did not stop");
    }

    @Test
    void aResetThroughTheRestApiEmptiesTheStoredOffsetsAndTheReplayLeavesTheTargetAsItWas() throws Exception {
        SnapshotStream topic = stream("oa.reset");
        start("oa-reset", config("oa.reset", "oa_reset"));
        awaitApplied("oa-reset", topic);
        Map<Integer, List<String>> converged = target.rowsById("oa_reset", "name", "__ctsync_version");
        assertThat(converged).hasSize(7);

        stop("oa-reset");
        RestResponse reset = CONNECT.rest("DELETE", "connectors/oa-reset/offsets", null);
        assertThat(reset.status()).as(reset.body()).isEqualTo(200);
        assertThat(target.storedOffsets("oa-reset")).as("the target's offsets table follows the reset").isEmpty();

        CONNECT.rest("PUT", "connectors/oa-reset/resume", null);
        awaitApplied("oa-reset", topic);
        assertThat(target.rowsById("oa_reset", "name", "__ctsync_version")).isEqualTo(converged);
    }

    @Test
    void aRewindThroughTheRestApiMovesTheStoredOffsetOfThatPartitionOnly() throws Exception {
        SnapshotStream topic = stream("oa.rewind");
        start("oa-rewind", config("oa.rewind", "oa_rewind"));
        awaitApplied("oa-rewind", topic);
        Map<Integer, List<String>> converged = target.rowsById("oa_rewind", "name", "__ctsync_version");

        stop("oa-rewind");
        RestResponse rewound = CONNECT.rest("PATCH", "connectors/oa-rewind/offsets", "{\"offsets\":[{\"partition\":"
                + "{\"kafka_topic\":\"oa.rewind\",\"kafka_partition\":1},\"offset\":{\"kafka_offset\":2}}]}");
        assertThat(rewound.status()).as(rewound.body()).isEqualTo(200);
        Map<String, Long> stored = target.storedOffsets("oa-rewind");
        assertThat(stored).containsEntry("oa.rewind-1", 2L)
                .containsEntry("oa.rewind-0", topic.endOffsets().get("oa.rewind-0"));

        CONNECT.rest("PUT", "connectors/oa-rewind/resume", null);
        awaitApplied("oa-rewind", topic);
        assertThat(target.rowsById("oa_rewind", "name", "__ctsync_version")).isEqualTo(converged);
    }

    @Test
    void aTargetThatCannotBeReachedRefusesTheRequestWithTheReason() throws Exception {
        Map<String, String> config = config("oa.unreachable", "oa_unreachable");
        config.put("connection.url", unreachableUrl());
        config.put("max.retries", "0");
        create("oa-unreachable", config);
        stop("oa-unreachable");

        RestResponse refused = CONNECT.rest("PATCH", "connectors/oa-unreachable/offsets", "{\"offsets\":[{\"partition\":"
                + "{\"kafka_topic\":\"oa.unreachable\",\"kafka_partition\":0},\"offset\":{\"kafka_offset\":0}}]}");

        assertThat(refused.status()).as(refused.body()).isEqualTo(500);
        assertThat(refused.body()).contains("ctsync_sink_offsets").contains("nothing was changed");
    }

    /** A connection URL of this database kind that cannot be opened. */
    protected abstract String unreachableUrl();
}
