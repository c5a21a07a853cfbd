package io.ctsync.it.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The main end-to-end scenario, once per target database: the source over the Change Tracking model, topics of three
 * partitions, both connectors with three tasks on a cluster of three workers, a seeded random workload running while
 * the pipeline is live, a worker killed in the middle of the snapshot and another in the middle of the stream (their
 * tasks move to the others; the worker comes back), and at the end the target equals the source.
 */
abstract class AbstractConvergenceIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create().workers(3);

    static final int INITIAL_CUSTOMERS = 300;
    static final int TRANSACTIONS = 1_000;
    static final int TRANSACTIONS_PER_SECOND = 100;
    /** Generous: on a loaded 2-core machine the sink's foreign-key parking across tasks dominates. */
    static final Duration CONVERGENCE = Duration.ofSeconds(300);

    protected abstract TestDatabase database();

    @Test
    void convergesThroughWorkerKillsMidSnapshotAndMidStream() throws Exception {
        String name = "main_" + database().kind().name().toLowerCase(java.util.Locale.ROOT);
        Pipeline pipeline = new Pipeline(CONNECT, database(), name, Seeds.next(name));
        pipeline.workload().initialRows(INITIAL_CUSTOMERS);
        try {
            CONNECT.startConnector(pipeline.source(), pipeline.sourceConfig(), Pipeline.TASKS);
            WorkerHandle snapshotting = Tasks.awaitWorkerOfTask(CONNECT, pipeline.source(), 0);
            String phase = awaitSnapshotProgress(pipeline);
            String killed = snapshotting.url().toString();
            List<Integer> left = CONNECT.killWorker(snapshotting);
            System.out.println("E2E " + name + ": killed worker " + killed + " while the source was at " + phase);
            Tasks.awaitTasksOn(CONNECT, pipeline.source(), left);
            CONNECT.addWorker(3);
            pipeline.awaitTopics();
            CONNECT.startConnector(pipeline.sink(), pipeline.sinkConfig(), Pipeline.TASKS);

            try (BackgroundLoad load = BackgroundLoad.start(pipeline.workload(), TRANSACTIONS, TRANSACTIONS_PER_SECOND)) {
                load.awaitDone(TRANSACTIONS / 2);
                WorkerHandle streaming = Tasks.awaitWorkerOfTask(CONNECT, pipeline.sink(), 1);
                killed = streaming.url().toString();
                int done = load.done();
                left = CONNECT.killWorker(streaming);
                System.out.println("E2E " + name + ": killed worker " + killed + " mid-stream after " + done
                        + " transactions");
                Tasks.awaitTasksOn(CONNECT, pipeline.sink(), left);
                Tasks.awaitTasksOn(CONNECT, pipeline.source(), left);
                CONNECT.addWorker(3);
                load.finish(Duration.ofSeconds(120));
            }
            pipeline.awaitConvergence(CONVERGENCE);
        } finally {
            pipeline.delete();
        }
    }

    /** Waits (up to 15 s) until the source committed some snapshot progress, and returns its phases. */
    static String awaitSnapshotProgress(Pipeline pipeline) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        String phases = sourcePhases(pipeline);
        while (!phases.contains(":snapshot") && System.nanoTime() < deadline) {
            Thread.sleep(100);
            phases = sourcePhases(pipeline);
        }
        return phases;
    }

    /** The source's offsets as "table:phase" pairs, to show where a kill hit. */
    static String sourcePhases(Pipeline pipeline) throws Exception {
        JsonNode offsets = new ObjectMapper().readTree(CONNECT.restGet("connectors/" + pipeline.source() + "/offsets").body());
        StringBuilder out = new StringBuilder();
        for (JsonNode offset : offsets.path("offsets")) {
            out.append(offset.path("partition").path("table").asText()).append(':')
                    .append(offset.path("offset").path("phase").asText()).append(' ');
        }
        return out.length() == 0 ? "(no offsets committed yet)" : out.toString().trim();
    }
}
