package io.ctsync.bench;

import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The benchmark's numbers as a Markdown table, with the ratios the targets are stated in. */
final class Report {

    private Report() {
    }

    static String markdown(BenchmarkOptions options, SinkBenchmark.Outcome outcome) {
        List<RunResult> results = outcome.results();
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%n## Sink benchmark: %d events, batch size %d, seed %d%n%n", options.events(),
                options.batchSize(), options.seed()));
        out.append(String.format(Locale.ROOT, "Machine: %d cores, JVM %s, max heap %d MiB%n%n",
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"),
                Runtime.getRuntime().maxMemory() >> 20));
        out.append("| target | format | contender | events/s (apply) | apply s | wall s | vs Debezium | vs raw | vs raw pipeline "
                + "| vs 0 ms | round trips / batch | heap base MiB | heap peak MiB | rows | matches expected |\n");
        out.append("|---|---|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (RunResult r : results) {
            Optional<RunResult> debezium = find(results, r, "Debezium");
            Optional<RunResult> raw = results.stream().filter(o -> o.target() == r.target() && o.contender().equals(RawRun.NAME)
                            && !r.contender().equals(RawRun.NAME))
                    .findFirst();
            Optional<RunResult> pipeline = find(results, r, RawPipelineRun.NAME);
            Optional<RunResult> local = r.network() == null ? Optional.empty()
                    : find(results, r, r.contender().substring(0, r.contender().lastIndexOf(", ")) + ")");
            out.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %.1f | %.1f | %s | %s | %s | %s | %s | %d | %d | %,d | %s |%n",
                    r.target().name().toLowerCase(Locale.ROOT), r.format(), r.contender(), r.eventsPerSecond(),
                    r.applySeconds(), r.wallSeconds(), ratio(r, debezium), ratio(r, raw), ratio(r, pipeline), ratio(r, local),
                    roundTripsPerBatch(r), r.baselineHeapBytes() >> 20,
                    r.peakHeapBytes() >> 20, r.digest().rows(), r.digest().equals(outcome.expected()) ? "yes" : "NO"));
        }
        out.append(String.format(Locale.ROOT, "%nRound trips / batch: round trips through the latency proxy (a send after "
                + "the database last answered) per commit, from the first row to the last (round trips / commits).%n"));
        out.append("\nInput: ").append(ManagementFactory.getRuntimeMXBean().getInputArguments()).append('\n');
        return out.toString();
    }

    private static Optional<RunResult> find(List<RunResult> results, RunResult like, String contenderPrefix) {
        return results.stream().filter(o -> o.target() == like.target() && o.format().equals(like.format())
                && o.contender().startsWith(contenderPrefix)).findFirst();
    }

    private static String roundTripsPerBatch(RunResult r) {
        return r.network() == null ? "" : String.format(Locale.ROOT, "%.1f (%,d / %,d)", r.roundTripsPerBatch(),
                r.network().roundTrips(), r.network().commits());
    }

    private static String ratio(RunResult r, Optional<RunResult> other) {
        return other.filter(o -> o != r).map(o -> String.format(Locale.ROOT, "%.2f×", r.eventsPerSecond() / o.eventsPerSecond()))
                .orElse("");
    }
}
