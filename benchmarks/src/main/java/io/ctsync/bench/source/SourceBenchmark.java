package io.ctsync.bench.source;

import io.ctsync.contract.event.ChangeTopics;
import io.ctsync.source.anchor.StoredAnchors;
import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.tracking.Isolation;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;

/**
 * Source cost per row: the connector's real capture engine (snapshot chunks, change pages, type mapping, event and
 * offset building) over a generated table with a column of every supported SQL Server type, in rows/s of wall
 * time and of CPU time on one thread (= per core). Also shows the live heap staying flat while a table much larger
 * than the heap is snapshotted, and what JSON conversion adds (the worker's job, shown for scale).
 */
public final class SourceBenchmark {

    private static final String HEARTBEATS = ChangeTopics.heartbeat("bench");
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private SourceBenchmark() {
    }

    public static void main(String[] args) {
        System.out.println(run(Options.parse(args)));
    }

    /** What the benchmark measured. */
    record Result(Phase snapshot, Phase changes, Phase commitTimes, Phase withJson, HeapTrace heap, long tableBytes,
                  String header) {
        @Override
        public String toString() {
            StringBuilder out = new StringBuilder(header).append("\n\n")
                    .append("| phase | rows | wall s | rows/s (wall) | rows/s per CPU-second of the capture thread |\n")
                    .append("|---|---:|---:|---:|---:|\n");
            for (Phase phase : List.of(snapshot, changes, commitTimes, withJson)) {
                out.append(String.format(Locale.ROOT, "| %s | %,d | %.1f | %,.0f | %,.0f |%n", phase.name, phase.rows,
                        phase.wallNanos / 1e9, phase.rows / (phase.wallNanos / 1e9), phase.rows / (phase.cpuNanos / 1e9)));
            }
            return out.append(String.format(Locale.ROOT, "%nSnapshot of %,d rows, ~%,d MiB of row data, with a %d MiB heap. "
                    + "Live heap (used after a full collection) as the snapshot progressed:%n%s%n", snapshot.rows,
                    tableBytes >> 20, Runtime.getRuntime().maxMemory() >> 20, heap)).toString();
        }
    }

    static Result run(Options options) {
        WideTable table = new WideTable(options.payloadChars);
        String header = String.format(Locale.ROOT, "## Source benchmark: %d columns (every supported type), ~%d bytes a row "
                        + "in memory; max heap %d MiB; %d cores; JVM %s", table.metadata().columns().size(),
                table.approximateRowBytes(), Runtime.getRuntime().maxMemory() >> 20,
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
        warmUp(table);
        Phase snapshot;
        Phase changes;
        SyntheticDatabase database = new SyntheticDatabase(table, options.rows, 1_000);
        CaptureEngine engine = engine(database, options);
        HeapTrace heap = new HeapTrace();
        snapshot = measure("snapshot (op=r)", options.rows, engine, r -> { }, heap);
        database.commitUpdates(options.changes);
        changes = measure("changes (op=u, column mask)", options.changes, engine, r -> { }, null);
        Phase commitTimes = commitTimes(table, options);

        JsonConverter json = new JsonConverter();
        json.configure(Map.of("schemas.enable", "true"), false);
        long jsonRows = Math.min(options.rows, 200_000);
        Phase withJson = measure("snapshot + JsonConverter", jsonRows,
                engine(new SyntheticDatabase(table, jsonRows, 1_000), options),
                r -> json.fromConnectData(r.topic(), r.valueSchema(), r.value()), null);

        return new Result(snapshot, changes, commitTimes, withJson, heap, options.rows * table.approximateRowBytes(), header);
    }

    /**
     * The changes phase again with {@code event.timestamp.mode=commit}: one commit-time lookup per page (here an
     * in-memory map of the page's versions; on SQL Server one more indexed query per page) and a map get per event.
     */
    private static Phase commitTimes(WideTable table, Options options) {
        long rows = Math.min(options.rows, 100_000);
        SyntheticDatabase database = new SyntheticDatabase(table, rows, 1_000);
        CaptureEngine engine = engine(database, options, Map.of("event.timestamp.mode", "commit"));
        measure("(snapshot before the commit-time phase)", rows, engine, r -> { }, null);
        database.commitUpdates(options.changes);
        return measure("changes, event.timestamp.mode=commit", options.changes, engine, r -> { }, null);
    }

    private static CaptureEngine engine(SyntheticDatabase database, Options options) {
        return engine(database, options, Map.of());
    }

    private static CaptureEngine engine(SyntheticDatabase database, Options options, Map<String, String> extra) {
        Map<String, String> props = new HashMap<>(extra);
        props.put("connection.url", "jdbc:ctsync-bench:synthetic");
        props.put("topic.prefix", "bench");
        props.put("snapshot.chunk.rows", String.valueOf(options.chunkRows));
        props.put("batch.max.rows", String.valueOf(options.chunkRows));
        props.put("heartbeat.interval.ms", "3600000");
        props.put("snapshot.markers", "false");
        SourceTaskConfig config = new SourceTaskConfig(SourceTaskConfig.forTables(props, List.of(WideTable.ID)));
        return new CaptureEngine(config, database, Isolation.SNAPSHOT, "bench",
                new StoredAnchors.Start(Map.of(), Set.of()), System::currentTimeMillis);
    }

    private static void warmUp(WideTable table) {
        Options small = Options.parse("--rows", "50000", "--chunk-rows", "5000");
        measure("warm-up", small.rows, engine(new SyntheticDatabase(table, small.rows, 1_000), small), r -> { }, null);
    }

    private static Phase measure(String name, long rows, CaptureEngine engine, Consumer<SourceRecord> sink, HeapTrace heap) {
        long emitted = 0;
        long nextMark = rows / 10;
        long sampling = 0;
        long cpuStart = THREADS.getCurrentThreadCpuTime();
        long start = System.nanoTime();
        while (emitted < rows) {
            for (SourceRecord record : engine.poll()) {
                if (!record.topic().equals(HEARTBEATS) && record.value() != null) {
                    sink.accept(record);
                    emitted++;
                }
            }
            if (heap != null && emitted >= nextMark) {
                long before = System.nanoTime();
                heap.sample(emitted, rows);
                sampling += System.nanoTime() - before;
                nextMark += rows / 10;
            }
        }
        // The forced collections of the heap trace are not the connector's work: left out of the wall clock (they run
        // mostly on GC threads, which the capture thread's CPU time does not count anyway).
        return new Phase(name, emitted, System.nanoTime() - start - sampling, THREADS.getCurrentThreadCpuTime() - cpuStart);
    }

    record Phase(String name, long rows, long wallNanos, long cpuNanos) {
    }

    /** The live heap (used right after a full collection), every 10 % of the snapshot. */
    static final class HeapTrace {
        private final List<String> samples = new ArrayList<>();
        private final List<Long> liveBytes = new ArrayList<>();

        void sample(long done, long total) {
            System.gc();
            long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
            liveBytes.add(live);
            samples.add(String.format(Locale.ROOT, "%d%%: %.1f MiB", done * 100 / total, live / 1048576.0));
        }

        List<Long> liveBytes() {
            return liveBytes;
        }

        @Override
        public String toString() {
            return String.join(", ", samples);
        }
    }

    static final class Options {
        long rows = 1_000_000;
        long changes = 500_000;
        int payloadChars = 400;
        int chunkRows = 10_000;

        static Options parse(String... args) {
            Options options = new Options();
            for (int i = 0; i + 1 < args.length; i += 2) {
                long value = Long.parseLong(args[i + 1]);
                switch (args[i]) {
                    case "--rows" -> options.rows = value;
                    case "--changes" -> options.changes = value;
                    case "--payload-chars" -> options.payloadChars = (int) value;
                    case "--chunk-rows" -> options.chunkRows = (int) value;
                    default -> throw new IllegalArgumentException("Unknown option " + args[i]
                            + "; use --rows N --changes N --payload-chars N --chunk-rows N");
                }
            }
            if (args.length % 2 != 0) {
                throw new IllegalArgumentException("Options come in pairs: --rows N --changes N --payload-chars N --chunk-rows N");
            }
            return options;
        }
    }
}
