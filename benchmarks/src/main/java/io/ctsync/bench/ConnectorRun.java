package io.ctsync.bench;

import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;

/** Runs one sink connector over the pre-filled topic until the sentinel row is in its table, then removes it. */
final class ConnectorRun {

    private static final long PROBE_INTERVAL_MS = 20;
    private static final AtomicInteger RUNS = new AtomicInteger();

    private ConnectorRun() {
    }

    static RunResult run(BenchCluster cluster, BenchDatabase db, Contender contender, Workload workload, long records,
                         String format, Duration timeout, LatencyProxy proxy) throws Exception {
        EmbeddedConnectCluster connect = cluster.connect();
        // Each run gets its own consumer group: a name reused across targets, or a contender named twice, would resume
        // the previous run's group.
        String name = contender.table() + "_" + db.kind().name().toLowerCase() + "_" + RUNS.incrementAndGet();
        ContenderRunEvent event = new ContenderRunEvent(contender.name(), db.kind().name().toLowerCase(), format);
        try (Connection probe = db.open(db.jdbcUrl()); HeapSampler heap = HeapSampler.start()) {
            event.begin();
            long start = System.nanoTime();
            connect.configureConnector(name, contender.config());
            long firstRow = 0;
            LatencyProxy.Counts atFirstRow = null;
            long deadline = start + timeout.toNanos();
            for (int probes = 1; !db.hasRow(probe, contender.table(), workload.sentinelId()); probes++) {
                if (firstRow == 0 && db.hasAnyRow(probe, contender.table())) {
                    firstRow = System.nanoTime();
                    atFirstRow = proxy == null ? null : proxy.counts();
                }
                if (probes % 50 == 0) {
                    failIfTaskFailed(connect, name, contender);
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(contender.name() + " did not apply all records within " + timeout);
                }
                Thread.sleep(PROBE_INTERVAL_MS);
            }
            long end = System.nanoTime();
            event.commit();
            // Counted before the connector is removed (its shutdown talks to the database too).
            LatencyProxy.Counts network = proxy == null ? null
                    : proxy.counts().since(atFirstRow == null ? new LatencyProxy.Counts(0, 0) : atFirstRow);
            if (firstRow == 0) {
                firstRow = start;
            }
            connect.deleteConnector(name);
            TableDigest digest = TableDigest.of(probe, contender.table());
            return new RunResult(contender.name(), db.kind(), format, records, end - start, end - firstRow,
                    heap.baselineBytes(), heap.peakBytes(), digest, network);
        }
    }

    private static void failIfTaskFailed(EmbeddedConnectCluster connect, String name, Contender contender) {
        ConnectorStateInfo status;
        try {
            status = connect.connectorStatus(name);
        } catch (RuntimeException notYetThere) {
            return;
        }
        status.tasks().stream().filter(t -> "FAILED".equals(t.state())).findFirst().ifPresent(t -> {
            throw new IllegalStateException(contender.name() + " task failed:\n" + t.trace());
        });
    }
}
