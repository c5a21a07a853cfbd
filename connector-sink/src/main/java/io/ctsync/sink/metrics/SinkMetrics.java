package io.ctsync.sink.metrics;

import io.ctsync.sink.state.SinkCounters;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.sink.SinkTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The task's counters as plugin metrics ({@code context.pluginMetrics()}, KIP-877, Kafka Connect 4.1+): group
 * {@code plugins}, tagged by the worker with the connector and task. On older workers (3.6 to 4.0) the method and its
 * types do not exist: nothing is registered and nothing links to them, so the plugin loads and runs there unchanged.
 */
public interface SinkMetrics extends AutoCloseable {

    /** Registers metrics for counters that appeared since (a new conflict rule and outcome). */
    void refresh();

    @Override
    void close();

    SinkMetrics NONE = new SinkMetrics() {
        @Override
        public void refresh() {
        }

        @Override
        public void close() {
        }
    };

    /**
     * The metrics of a task, or {@link #NONE} where the worker offers no plugin metrics.
     *
     * @param parked   records waiting for a missing parent row now
     * @param gathered records delivered and not written yet (gathering into a batch) now
     */
    static SinkMetrics bind(SinkTaskContext context, SinkCounters counters, LongSupplier parked, LongSupplier gathered) {
        Logger log = LoggerFactory.getLogger(SinkMetrics.class);
        try {
            SinkTaskContext.class.getMethod("pluginMetrics");
        } catch (NoSuchMethodException e) {
            log.info("This Connect worker has no plugin metrics (Kafka Connect 4.1+); the sink's counts are in its flush "
                    + "summaries only");
            return NONE;
        }
        try {
            return PluginMetricsBinding.register(context, counters, parked, gathered);
        } catch (LinkageError | RuntimeException e) {
            log.warn("Could not register the sink's plugin metrics ({}); its counts are in its flush summaries only",
                    e.toString());
            return NONE;
        }
    }
}
