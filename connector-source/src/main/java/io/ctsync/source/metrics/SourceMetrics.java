package io.ctsync.source.metrics;

import java.util.Collection;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's per-table numbers as plugin metrics ({@code context.pluginMetrics()}, KIP-877, Kafka Connect 4.1+): group
 * {@code plugins}, tagged by the worker with the connector and task, and by us with {@code table}. On older workers
 * (3.6 to 4.0) the method and its types do not exist: nothing is registered and nothing links to them, so the
 * plugin loads and runs there unchanged (the same guard as the sink's).
 */
public interface SourceMetrics extends AutoCloseable {

    @Override
    void close();

    SourceMetrics NONE = () -> {
    };

    static SourceMetrics bind(SourceTaskContext context, Collection<TableStats> tables) {
        Logger log = LoggerFactory.getLogger(SourceMetrics.class);
        try {
            SourceTaskContext.class.getMethod("pluginMetrics");
        } catch (NoSuchMethodException e) {
            log.info("This Connect worker has no plugin metrics (Kafka Connect 4.1+); the source's numbers are in its "
                    + "periodic INFO line only");
            return NONE;
        }
        try {
            return PluginMetricsBinding.register(context, tables);
        } catch (LinkageError | RuntimeException e) {
            log.warn("Could not register the source's plugin metrics ({}); its numbers are in its periodic INFO line only",
                    e.toString());
            return NONE;
        }
    }
}
