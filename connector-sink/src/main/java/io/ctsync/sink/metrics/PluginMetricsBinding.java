package io.ctsync.sink.metrics;

import io.ctsync.sink.state.SinkCounters;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.sink.SinkTaskContext;

/**
 * The only class that names {@link PluginMetrics}: loaded only after {@link SinkMetrics#bind} saw the worker has it.
 * Metrics: {@code upsert-total}, {@code delete-total}, {@code duplicate-total}, {@code dead-letter-total},
 * {@code conflict-total} (tags {@code rule}, {@code outcome}), {@code parked-records} (waiting now),
 * {@code parked-total}, {@code superseded-total}, {@code gathered-records} (delivered, not written yet, now),
 * {@code batch-total}, {@code isolated-batch-total}.
 */
final class PluginMetricsBinding implements SinkMetrics {

    private final PluginMetrics metrics;
    private final SinkCounters counters;
    private final List<MetricName> names = new ArrayList<>();
    private final Set<String> conflicts = new HashSet<>();

    private PluginMetricsBinding(PluginMetrics metrics, SinkCounters counters) {
        this.metrics = metrics;
        this.counters = counters;
    }

    static SinkMetrics register(SinkTaskContext context, SinkCounters counters, LongSupplier parked,
                                LongSupplier gathered) {
        PluginMetricsBinding binding = new PluginMetricsBinding(context.pluginMetrics(), counters);
        binding.add("upsert-total", "Rows upserted", new LinkedHashMap<>(), counters::upserts);
        binding.add("delete-total", "Rows deleted", new LinkedHashMap<>(), counters::deletes);
        binding.add("duplicate-total", "Events held back by the version gate (replays and older versions)",
                new LinkedHashMap<>(), counters::duplicates);
        binding.add("dead-letter-total", "Records that could not be applied, sent to the dead-letter topic",
                new LinkedHashMap<>(), counters::deadLetters);
        binding.add("parked-records", "Records waiting for a missing parent row now", new LinkedHashMap<>(), parked);
        binding.add("parked-total", "Records parked for a missing parent row", new LinkedHashMap<>(), counters::parked);
        binding.add("superseded-total", "Events waiting for a missing parent row that a later event of their row "
                + "made obsolete", new LinkedHashMap<>(), counters::superseded);
        binding.add("gathered-records", "Records delivered and gathering into the next batch, not written yet",
                new LinkedHashMap<>(), gathered);
        binding.add("batch-total", "Batches committed, each one transaction (batch.size, batch.linger.ms)",
                new LinkedHashMap<>(), counters::batches);
        binding.add("isolated-batch-total", "Batches the database refused as a whole, then applied row by row",
                new LinkedHashMap<>(), counters::isolatedBatches);
        binding.refresh();
        return binding;
    }

    @Override
    public void refresh() {
        for (String key : counters.conflicts().keySet()) {
            if (conflicts.add(key)) {
                int slash = key.indexOf('/');
                LinkedHashMap<String, String> tags = new LinkedHashMap<>();
                tags.put("rule", key.substring(0, slash));
                tags.put("outcome", key.substring(slash + 1));
                add("conflict-total", "Conflicts resolved, by rule and outcome", tags,
                        () -> counters.conflicts().getOrDefault(key, 0L));
            }
        }
    }

    @Override
    public void close() {
        names.forEach(metrics::removeMetric);
        names.clear();
    }

    private void add(String name, String description, LinkedHashMap<String, String> tags, LongSupplier value) {
        MetricName metric = metrics.metricName(name, description, tags);
        metrics.addMetric(metric, (Gauge<Long>) (config, now) -> value.getAsLong());
        names.add(metric);
    }
}
