package io.ctsync.source.metrics;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.function.LongSupplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * The only class that names {@link PluginMetrics}: loaded only after {@link SourceMetrics#bind} saw the worker has
 * it. Per table (tag {@code table}): {@code snapshot-rows-total}, {@code created-total}, {@code updated-total},
 * {@code deleted-total}, {@code snapshot-percent}, {@code anchor-version}, {@code lag-versions},
 * {@code retention-headroom-seconds}, {@code retention-seconds}.
 */
final class PluginMetricsBinding implements SourceMetrics {

    private final PluginMetrics metrics;
    private final List<MetricName> names = new ArrayList<>();

    private PluginMetricsBinding(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    static SourceMetrics register(SourceTaskContext context, Collection<TableStats> tables) {
        PluginMetricsBinding binding = new PluginMetricsBinding(context.pluginMetrics());
        for (TableStats t : tables) {
            binding.add(t, "snapshot-rows-total", "Rows emitted by snapshots (op r)", t.snapshotRows::get);
            binding.add(t, "created-total", "Inserts emitted (op c)", t.created::get);
            binding.add(t, "updated-total", "Updates emitted (op u)", t.updated::get);
            binding.add(t, "deleted-total", "Deletes emitted (op d)", t.deleted::get);
            binding.add(t, "snapshot-percent", "Snapshot progress: rows emitted per 100 rows of the table's estimate, "
                    + "100 once incremental, -1 unknown", t::snapshotPercent);
            binding.add(t, "anchor-version", "The Change Tracking version of the table's anchor", () -> t.anchorVersion);
            binding.add(t, "lag-versions", "Versions between the anchor and CHANGE_TRACKING_CURRENT_VERSION()", t::lagVersions);
            binding.add(t, "retention-headroom-seconds", "Seconds of the retention period left before the anchor "
                    + "expires, -1 unknown", () -> t.headroomSeconds);
            binding.add(t, "retention-seconds", "The database's Change Tracking retention period, -1 unknown",
                    () -> t.retentionSeconds);
        }
        return binding;
    }

    @Override
    public void close() {
        names.forEach(metrics::removeMetric);
        names.clear();
    }

    private void add(TableStats table, String name, String description, LongSupplier value) {
        LinkedHashMap<String, String> tags = new LinkedHashMap<>();
        tags.put("table", table.table);
        MetricName metric = metrics.metricName(name, description, tags);
        metrics.addMetric(metric, (Gauge<Long>) (config, now) -> value.getAsLong());
        names.add(metric);
    }
}
