package io.ctsync.source.signal;

import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.SignalPositions;
import io.ctsync.source.config.SignalOptions;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.tracking.TableId;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.KafkaException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's signal reading: at start, each table resumes at the signal position its offset carried (a table without
 * one at the end of the topic), the consumer at the lowest of them; each poll hands what arrived to the capture.
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
     * Starts reading signals for {@code engine}'s tables, or returns null when no signal channel is enabled.
     *
     * @param committed the signal position each table's committed offset carried
     * @param captured  every table the connector captures
     */
    public static TaskSignals start(SourceConnectorConfig config, CaptureEngine engine, Map<TableId, Long> committed,
                                    String database, Supplier<List<TableId>> captured, String clientId) {
        if (!SignalOptions.kafkaEnabled(config)) {
            return null;
        }
        KafkaSignalChannel channel = new KafkaSignalChannel(SignalOptions.consumerSettings(config),
                SignalOptions.kafkaTopic(config), SignalOptions.pollTimeoutMs(config), clientId);
        try {
            long end = channel.end();
            SignalPositions positions = engine.signals();
            positions.follow(committed, end);
            long from = positions.applyFrom();
            channel.seek(from);
            long reportFrom = committed.values().stream().mapToLong(Long::longValue).max().orElse(end);
            List<TableId> connectorTables = captured.get();
            boolean reporter = SignalDispatcher.reports(positions.tables(), connectorTables);
            LOG.info("Reading signals from topic {} at position {} (end {}) for {} table(s){}",
                    SignalOptions.kafkaTopic(config), from, end, positions.tables().size(),
                    reporter ? "; this task reports problems of signals" : "");
            return new TaskSignals(channel, new SignalDispatcher(positions, new SignalParser(config.topicPrefix()), database,
                    connectorTables, reporter, reportFrom));
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
