package io.ctsync.launcher;

import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code ./ctsync demo}: the simulated sales database under a live workload, captured by the source connector,
 * applied by the sink into SQLite, through a real broker and worker; progress per table; then the check that the
 * target equals the source (workload paused for the comparison), timed from the start.
 */
final class DemoCommand {

    static final String SOURCE = "ctsync-demo-source";
    static final String SINK = "ctsync-demo-sink";
    private static final String PREFIX = "demo";
    private static final long CONVERGE_TIMEOUT_NANOS = 240_000_000_000L;
    private static final long LIVE_SECONDS_BEFORE_CHECK = 5;

    private final LauncherOptions options;
    private final PrintStream out;

    DemoCommand(LauncherOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    int run(WorkDirectory work, long started) {
        boolean resumed = work.hasEarlierRun();
        String targetUrl = "jdbc:sqlite:" + work.root().resolve("sales.db");
        // The target's reader is a JVM of its own: started first, it is ready by the time there is a target to read.
        try (SqliteTarget target = new SqliteTarget(targetUrl, work.logs());
             LocalPipeline pipeline = new LocalPipeline(options, work, out, started)) {
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                pipeline.close();
                pipeline.say("Stopped the worker and the broker; start again to resume from the anchors");
            }, "ctsync-shutdown"));
            pipeline.say(resumed ? "Resuming the demo in " + work.root() + " (anchors kept; --reset starts over)"
                    : "Starting the demo in " + work.root());
            pipeline.start(true);
            pipeline.register(SOURCE, sourceConfig(work));
            pipeline.register(SINK, sinkConfig(targetUrl));
            SimulatedSource source = new SimulatedSource();
            try (PipelineView view = new PipelineView(pipeline.rest(), pipeline.bootstrapServers())) {
                awaitSimulation(pipeline, view, source);
                pipeline.say("Simulated SQL Server 'sales' (in-memory Change Tracking model, not a real SQL Server) at "
                        + "version " + source.currentVersion() + ", " + source.transactions() + " workload transactions so far");
                Progress progress = new Progress(pipeline, view, source, target);
                awaitSnapshotsAndLiveChanges(pipeline, view, progress);
                converge(pipeline, view, source, target, progress);
                printPluginMetrics(pipeline);
                if (options.exitWhenDone()) {
                    pipeline.say("Stopping (--exit); start again to resume from the anchors, --reset to start over");
                    return 0;
                }
                source.resume();
                printLookAround(pipeline, work, targetUrl);
                while (true) {
                    Sleeps.sleep(10_000);
                    view.requireRunning(SOURCE);
                    view.requireRunning(SINK);
                    progress.print();
                }
            }
        }
    }

    private Map<String, String> sourceConfig(WorkDirectory work) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.SOURCE_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", "jdbc:ctmodel:" + SimulatedSource.DATABASE + ";simulation=sales;state=" + work.simulation());
        // Internal option: the simulated SQL Server instead of SQL Server over JDBC (the simulator jar is in the plugin copy).
        config.put("ctsync.database.factory", "io.ctsync.source.ctmodel.ModelDatabaseFactory");
        config.put("topic.prefix", PREFIX);
        config.put("table.include.list", "dbo\\.customers,dbo\\.orders,dbo\\.order_lines");
        config.put("poll.interval.ms", "200");
        config.put("heartbeat.interval.ms", "5000");
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        return config;
    }

    private Map<String, String> sinkConfig(String targetUrl) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", ConnectWorker.SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", String.join(",", SimulatedSource.TABLES.stream().map(DemoCommand::topic).toList()));
        config.put("connection.url", targetUrl);
        config.put("table.name.format", "${source.table}");
        config.put("schema.evolution", "basic");
        config.put("dialect.sqlite.busy.timeout.ms", "10000");
        return config;
    }

    static String topic(String table) {
        return PREFIX + "." + SimulatedSource.DATABASE + ".dbo." + table;
    }

    private void awaitSimulation(LocalPipeline pipeline, PipelineView view, SimulatedSource source) {
        long deadline = System.nanoTime() + 180_000_000_000L;
        while (!source.running()) {
            view.requireRunning(SOURCE);
            if (System.nanoTime() > deadline) {
                throw new LaunchFailure("The source connector did not open the simulated SQL Server in 180 s: see "
                        + options.workDirectory().resolve("logs/launcher.log"));
            }
            Sleeps.sleep(200);
        }
    }

    /** Until every table's snapshot is done and a few seconds of live changes have flowed. */
    private void awaitSnapshotsAndLiveChanges(LocalPipeline pipeline, PipelineView view, Progress progress) {
        double liveSince = -1;
        while (true) {
            Sleeps.sleep(1_000);
            view.requireRunning(SOURCE);
            view.requireRunning(SINK);
            Map<String, PipelineView.Anchor> anchors = progress.print();
            boolean allIncremental = anchors.size() == SimulatedSource.TABLES.size()
                    && anchors.values().stream().allMatch(PipelineView.Anchor::incremental);
            if (allIncremental && liveSince < 0) {
                liveSince = pipeline.seconds();
                pipeline.say("Snapshots done; incremental changes flowing");
            }
            if (liveSince >= 0 && pipeline.seconds() - liveSince >= LIVE_SECONDS_BEFORE_CHECK) {
                return;
            }
        }
    }

    private void converge(LocalPipeline pipeline, PipelineView view, SimulatedSource source, SqliteTarget target,
                          Progress progress) {
        source.pause();
        long version = source.currentVersion();
        pipeline.say("Workload paused at version " + version + " to compare the target with the source");
        long deadline = System.nanoTime() + CONVERGE_TIMEOUT_NANOS;
        Map<String, String> differences = new HashMap<>();
        while (System.nanoTime() < deadline) {
            view.requireRunning(SOURCE);
            view.requireRunning(SINK);
            differences = differences(source, target);
            if (differences.isEmpty()) {
                StringBuilder counts = new StringBuilder();
                for (String table : SimulatedSource.TABLES) {
                    counts.append(counts.length() == 0 ? "" : ", ").append(table).append(' ').append(source.rowCount(table));
                }
                pipeline.say(String.format("CONVERGED: the SQLite tables equal the simulated source at version %d (%s rows) "
                        + "%.1f s after start", version, counts, pipeline.seconds()));
                return;
            }
            Sleeps.sleep(500);
        }
        progress.print();
        throw new LaunchFailure("The target did not converge to the source at version " + version + " within "
                + CONVERGE_TIMEOUT_NANOS / 1_000_000_000L + " s: " + differences);
    }

    private static Map<String, String> differences(SimulatedSource source, SqliteTarget target) {
        Map<String, String> differences = new LinkedHashMap<>();
        for (int i = 0; i < SimulatedSource.TABLES.size(); i++) {
            String table = SimulatedSource.TABLES.get(i);
            List<String> expected = source.rows(table);
            List<String> actual = target.rows(table, SimulatedSource.columns(table), SimulatedSource.KEYS.get(i));
            if (!expected.equals(actual)) {
                differences.put(table, "source " + expected.size() + " rows, target " + actual.size() + " rows"
                        + firstDifference(expected, actual));
            }
        }
        return differences;
    }

    private static String firstDifference(List<String> expected, List<String> actual) {
        for (int i = 0; i < Math.min(expected.size(), actual.size()); i++) {
            if (!expected.get(i).equals(actual.get(i))) {
                return "; first difference: source [" + expected.get(i) + "] target [" + actual.get(i) + "]";
            }
        }
        return "";
    }

    private static void printPluginMetrics(LocalPipeline pipeline) {
        List<String> lines = SourcePluginMetrics.lines(SOURCE);
        if (lines.isEmpty()) {
            pipeline.say("The worker shows no source plugin metrics in JMX (they need Kafka Connect 4.1+)");
            return;
        }
        pipeline.say("Source plugin metrics (JMX kafka.connect:type=plugins,connector=" + SOURCE + ",task=0,table=…):");
        lines.forEach(line -> pipeline.say("  " + line));
    }

    private void printLookAround(LocalPipeline pipeline, WorkDirectory work, String targetUrl) {
        String rest = pipeline.rest().base();
        out.println();
        out.println("The workload goes on; the pipeline keeps up. Look around (Ctrl-C stops everything):");
        out.println("  curl -s " + rest + "/connectors?expand=status            # connectors and tasks");
        out.println("  curl -s " + rest + "/connectors/" + SOURCE + "/offsets   # the anchors, per table");
        out.println("  ./ctsync topic " + topic("orders") + " --kafka-port " + options.kafkaPort() + "   # the first events of a topic");
        out.println("  sqlite3 " + work.root().resolve("sales.db") + " 'SELECT status, COUNT(*) FROM orders GROUP BY status'");
        out.println("  connector JSON: " + work.connectors() + "   logs: " + work.logs());
        out.println();
        out.flush();
    }
}
