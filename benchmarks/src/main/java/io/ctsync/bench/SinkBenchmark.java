package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import io.ctsync.testkit.registry.ApicurioRegistry;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Sink throughput, side by side on one machine in one run: the ctsync sink (defaults and tuned batch size),
 * Debezium's JDBC sink in the same worker, and the raw-JDBC limit, each into a fresh table, from the same
 * pre-filled topic; then checks that every table holds exactly the workload's final state.
 */
public final class SinkBenchmark {

    private SinkBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        BenchmarkOptions options = BenchmarkOptions.parse(args);
        Outcome outcome = run(options);
        System.out.println(Report.markdown(options, outcome));
        List<String> mismatches = outcome.mismatches();
        if (!mismatches.isEmpty()) {
            System.err.println("Tables differ from the expected final state:\n  " + String.join("\n  ", mismatches));
            System.exit(1);
        }
    }

    /** The results, and the final state every table had to reach. */
    record Outcome(List<RunResult> results, TableDigest expected) {

        /** One line per table that does not hold exactly the expected final state. */
        List<String> mismatches() {
            return results.stream().filter(r -> !r.digest().equals(expected))
                    .map(r -> r.contender() + " on " + r.target() + " (" + r.format() + "): " + r.digest()
                            + ", expected " + expected)
                    .toList();
        }
    }

    /** run-sink-benchmark.sh unpacks the registry when Avro is asked for. */
    private static ApicurioRegistry startRegistry() throws Exception {
        return ApicurioRegistry.start(Path.of(System.getProperty("ctsync.bench.apicurio.dir", "benchmarks/target/apicurio")),
                "run the benchmark through benchmarks/run-sink-benchmark.sh --formats json,avro");
    }

    static Outcome run(BenchmarkOptions options) throws Exception {
        Workload workload = Workload.generate(options.events(), options.seed());
        System.out.printf("Workload: %d events (%d inserts, %d updates, %d deletes), seed %d%n", options.events(),
                workload.count(Operation.CREATE), workload.count(Operation.UPDATE), workload.count(Operation.DELETE),
                options.seed());
        TableDigest expected = TableDigest.expected(workload.finalState());
        List<RunResult> results = new ArrayList<>();
        try (BenchCluster cluster = BenchCluster.start();
             ApicurioRegistry registry = options.formats().contains(Format.AVRO) ? startRegistry() : null) {
            List<LoadedTopic> topics = new ArrayList<>();
            for (Format choice : options.formats()) {
                Serialization format = switch (choice) {
                    case JSON -> Serialization.json();
                    case JSON_FAST -> Serialization.jsonFast();
                    case AVRO -> Serialization.avro(registry.url());
                };
                String topic = "bench-" + format.label();
                cluster.createTopic(topic, 1);
                long records = TopicLoader.load(cluster.bootstrapServers(), topic, workload, format.newConverter(true),
                        format.newConverter(false));
                topics.add(new LoadedTopic(topic, format, records));
            }
            for (TargetKind target : options.targets()) {
                results.addAll(runTarget(cluster, target, topics, workload, options));
            }
        }
        return new Outcome(results, expected);
    }

    /** A topic filled with the workload in one format. */
    private record LoadedTopic(String name, Serialization format, long records) {
    }

    /**
     * Every run gets a fresh database of its own, so no run works against the tables, state rows and buffer pool
     * pages its predecessors left (MariaDB's default 128 MiB buffer pool fills up within a few runs).
     */
    private static List<RunResult> runTarget(BenchCluster cluster, TargetKind target, List<LoadedTopic> topics,
                                             Workload workload, BenchmarkOptions options) throws Exception {
        List<RunResult> results = new ArrayList<>();
        if (options.contenders().contains(ContenderKind.RAW)) {
            try (BenchDatabase db = BenchDatabase.create(target)) {
                results.add(RawRun.run(db, workload, options.batchSize()));
            }
        }
        for (LoadedTopic topic : topics) {
            if (options.warmup() && options.contenders().stream().anyMatch(ContenderKind::isConnector)) {
                warmUp(cluster, target, topic, workload, options);
            }
            for (ContenderKind kind : options.contenders()) {
                if (kind == ContenderKind.RAW) {
                    continue;
                }
                try (BenchDatabase db = BenchDatabase.create(target)) {
                    if (kind == ContenderKind.RAW_PIPELINE) {
                        results.add(RawPipelineRun.run(cluster, db, topic.name(), topic.format(), topic.records(),
                                options.batchSize(), options.timeout()));
                        continue;
                    }
                    try (LatencyProxy proxy = kind.roundTripMs() > 0
                            ? LatencyProxy.start(target.host, target.port, kind.roundTripMs() * 1000,
                            target.commitMarker, target.commitMarkerFromServer) : null) {
                        Contender contender = kind.contender(db, topic.name(), topic.format(), options.batchSize(),
                                proxy == null ? -1 : proxy.port());
                        System.out.printf("Running %s into %s (%s)...%n", contender.name(), target, topic.format().label());
                        results.add(ConnectorRun.run(cluster, db, contender, workload, topic.records(),
                                topic.format().label(), options.timeout(), proxy));
                    }
                }
            }
        }
        return results;
    }

    /**
     * One unreported run of the tuned ctsync sink over the topic, into a database of its own, so that the JIT has
     * compiled the worker's, the converter's and the dialect's hot paths before the first reported contender: without
     * it the first connector run of a target and format pays the warm-up alone (at 200,000 events the same contender
     * measured 34,659 events/s first and 67,994 events/s third).
     */
    private static void warmUp(BenchCluster cluster, TargetKind target, LoadedTopic topic, Workload workload,
                               BenchmarkOptions options) throws Exception {
        try (BenchDatabase db = BenchDatabase.create(target)) {
            Contender contender = ContenderKind.CTSYNC_TUNED.contender(db, topic.name(), topic.format(), options.batchSize(), -1);
            System.out.printf("Warming up: %s into %s (%s), not reported...%n", contender.name(), target,
                    topic.format().label());
            ConnectorRun.run(cluster, db, contender, workload, topic.records(), topic.format().label(), options.timeout(), null);
        }
    }
}
