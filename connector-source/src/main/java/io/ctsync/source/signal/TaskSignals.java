package io.ctsync.source.signal;

import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.SignalPositions;
import io.ctsync.source.config.SignalOptions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.TableId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's signal reading, one consumer shared by the databases it holds: at start, each table resumes at the signal
 * position its offset carried (a table without one at the end of the topic), the consumer at the lowest of them over
 * every database; each poll hands what arrived to the captures. Sharing is safe because each table skips a signal below
 * its own position ({@link SignalPositions#resnapshot}).
 */
public final class TaskSignals implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TaskSignals.class);

    private final KafkaSignalChannel channel;
    private final SignalDispatcher dispatcher;

    private TaskSignals(KafkaSignalChannel channel, SignalDispatcher dispatcher) {
        this.channel = channel;
        this.dispatcher = dispatcher;
    }

    /**
     * The capture of one database the task holds.
     *
     * @param database  its name as its connection spells it
     * @param committed the signal position each of its tables' committed offsets carried
     */
    public record Held(String database, CaptureEngine engine, Map<TableId, Long> committed) {
    }

    /**
     * Starts reading signals for the tables of {@code databases}, or returns null when no signal channel is enabled.
     *
     * @param catalog every table the connector captures, by database, when this task reports problems of signals;
     *                null for the other tasks
     */
    public static TaskSignals start(SourceConnectorConfig config, List<Held> databases,
                                    Map<String, List<TableId>> catalog, String clientId) {
        if (!SignalOptions.kafkaEnabled(config)) {
            return null;
        }
        KafkaSignalChannel channel = new KafkaSignalChannel(SignalOptions.consumerSettings(config),
                SignalOptions.kafkaTopic(config), SignalOptions.pollTimeoutMs(config), clientId);
        try {
            long end = channel.end();
            List<SignalDispatcher.HeldDatabase> held = new ArrayList<>();
            for (Held database : databases) {
                SignalPositions positions = database.engine().signals();
                positions.follow(database.committed(), end);
                held.add(new SignalDispatcher.HeldDatabase(database.database(), positions));
            }
            long from = held.stream().mapToLong(h -> h.positions().applyFrom()).min().orElse(end);
            channel.seek(from);
            long reportFrom = databases.stream().flatMap(d -> d.committed().values().stream())
                    .mapToLong(Long::longValue).max().orElse(end);
            LOG.info("Reading signals from topic {} at position {} (end {}) with one consumer for {} table(s) of {} "
                    + "database(s){}", SignalOptions.kafkaTopic(config), from, end,
                    held.stream().mapToInt(h -> h.positions().tables().size()).sum(), held.size(),
                    catalog != null ? "; this task reports problems of signals" : "");
            return new TaskSignals(channel, new SignalDispatcher(held, new SignalParser(config.topicPrefix()), catalog,
                    reportFrom));
        } catch (RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Hands the signals that arrived to the capture. Kafka trouble is logged and retried next poll, never fatal. */
    public void poll() {
        List<SignalMessage> messages;
        try {
            messages = channel.poll();
        } catch (KafkaException e) {
            LOG.warn("Reading the signal topic failed; trying again with the next poll: {}", e.getMessage());
            messages = Collections.emptyList();
        }
        dispatcher.dispatch(messages);
    }

    @Override
    public void close() {
        channel.close();
    }
}
