package io.ctsync.sink;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.sink.buffer.PendingRecords;
import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.error.RetryPolicy;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.metrics.SinkMetrics;
import io.ctsync.sink.write.BackgroundWriter;
import io.ctsync.sink.write.SinkWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies the records of its partitions to the target. Connect's deliveries gather into batches of
 * {@code batch.size} records (or what {@code batch.linger.ms} brings); each batch is written in one transaction on
 * the writer's own thread ({@link BackgroundWriter}) while this thread converts and gathers the next, with the Kafka
 * offsets stored in the same transaction: {@code open()} seeks to them, {@code preCommit()} reports them (and logs the
 * flush summary), so records gathering or in flight are neither committed nor lost. A batch that fails transiently is
 * written again after {@code retry.backoff.ms} (doubling) up to {@code max.retries}, the records behind it waiting;
 * records that cannot be applied go to the dead-letter topic with {@code errors.tolerance=all}, else they fail the task,
 * as structural failures do, with a message naming the record, table and column.
 */
public class JdbcSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);
    static final String DEFAULT_CONNECTOR_NAME = "ctsync-jdbc-sink";
    /** How soon an idle task looks again at the batch in flight (a failure is retried or fails the task from there). */
    private static final long IN_FLIGHT_CHECK_MS = 50;

    private BackgroundWriter background;
    private PendingRecords pending;
    private SinkMetrics metrics = SinkMetrics.NONE;
    private RetryPolicy retries;
    private final Set<TopicPartition> owned = new HashSet<>();
    /** A batch that failed transiently, to be written again before anything after it. */
    private List<SinkRecord> retryBatch;
    private long retryNotBeforeMs;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        SinkConnectorConfig config = new SinkConnectorConfig(props);
        String connectorName = props.getOrDefault("name", DEFAULT_CONNECTOR_NAME);
        retries = new RetryPolicy(config.connection().maxRetries(), config.connection().retryBackoffMs());
        pending = new PendingRecords(config.batchSize(), config.batchLingerMs());
        ErrantRecordReporter reporter = errantRecordReporter();
        background = new BackgroundWriter("ctsync-sink-writer-" + connectorName + "-" + Integer.toHexString(
                System.identityHashCode(this)), seek -> new SinkWriter(config, props, connectorName, seek, reporter));
        SinkWriter writer = background.writer();
        metrics = SinkMetrics.bind(context, writer.counters(), writer::parkedRecords, pending::size);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        owned.addAll(partitions);
        try {
            background.assign(partitions);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
        applySeeks();
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        owned.removeAll(partitions);
        int dropped = pending.drop(partitions);
        if (retryBatch != null) {
            retryBatch = ownedOnly(retryBatch);
        }
        if (dropped > 0) {
            LOG.debug("Dropped {} gathered records of revoked partitions {}; their owner reads them again from the stored "
                    + "offsets", dropped, partitions);
        }
        try {
            background.revoke(partitions);
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long now = System.currentTimeMillis();
        try {
            settle(background.takeEnded(false), now);
            if (retryBatch != null) {
                long wait = retryNotBeforeMs - now;
                if (wait > 0) {
                    // Connect delivers these records again (its partitions paused meanwhile).
                    context.timeout(wait);
                    throw new RetriableException("Waiting " + wait + " ms more before retry " + retries.attempts() + " of "
                            + retries.maxRetries());
                }
                if (!background.idle()) {
                    settle(background.takeEnded(true), now);
                }
                background.submit(retryBatch);
                retryBatch = null;
            }
            pending.add(records, now);
            applySeeks();
            if (!pending.due(now)) {
                if (pending.isEmpty() && background.idle()) {
                    background.submit(List.of()); // parked records due for a retry, if any
                } else if (pending.isEmpty()) {
                    // Back soon to see how the batch in flight ended, not only when the topics bring more.
                    context.timeout(IN_FLIGHT_CHECK_MS);
                } else {
                    // Connect calls put() again, with whatever arrived, once this has passed.
                    context.timeout(pending.waitMs(now));
                }
                return;
            }
            if (!background.idle()) {
                settle(background.takeEnded(true), System.currentTimeMillis());
                applySeeks();
                if (retryBatch != null) {
                    return; // written after the failed batch, which waits for its back-off
                }
            }
            background.submit(pending.drain());
        } catch (InterruptedException e) {
            throw interrupted(e);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        background.logFlushSummary();
        metrics.refresh();
        Map<TopicPartition, OffsetAndMetadata> stored = new HashMap<>();
        background.committed().forEach((partition, next) -> {
            if (currentOffsets.containsKey(partition)) {
                stored.put(partition, new OffsetAndMetadata(next));
            }
        });
        return stored;
    }

    @Override
    public void stop() {
        metrics.close();
        if (background != null) {
            background.close();
        }
    }

    /** What a batch's end means for the task: nothing, a retry after the back-off, or the task's failure. */
    private void settle(BackgroundWriter.Ended ended, long now) {
        if (ended == null) {
            return;
        }
        if (ended.failure() == null) {
            retries.succeeded();
            return;
        }
        Exception failure = ended.failure();
        FailureKind kind = background.writer().classifier().classify(failure);
        if (kind != FailureKind.TRANSIENT) {
            if (failure instanceof ConnectException connect) {
                throw connect;
            }
            throw new ConnectException((kind == FailureKind.RECORD ? "A record cannot be applied: " : "The target refused "
                    + "the batch: ") + failure.getMessage(), failure);
        }
        if (!retries.tryAgain()) {
            throw new ConnectException("Giving up after " + retries.maxRetries() + " retries (max.retries) of a "
                    + "transient failure: " + failure.getMessage(), failure);
        }
        long backoff = retries.backoffMs();
        LOG.warn("Transient failure, retry {} of {} in {} ms: {}", retries.attempts(), retries.maxRetries(), backoff,
                failure.toString());
        retryBatch = ownedOnly(ended.records());
        retryNotBeforeMs = now + backoff;
        context.timeout(backoff);
    }

    /**
     * Hands the seeks the writer asked for (stored offsets it read late) to Connect. The records of those partitions
     * gathered so far came from the consumer's old position: they are dropped and come again from the stored offset.
     */
    private void applySeeks() {
        for (Map<TopicPartition, Long> seek : background.takeSeeks()) {
            pending.drop(seek.keySet());
            if (retryBatch != null) {
                retryBatch = retryBatch.stream().filter(r -> !seek.containsKey(partition(r))).toList();
            }
            context.offset(seek);
        }
    }

    private List<SinkRecord> ownedOnly(List<SinkRecord> records) {
        return records.stream().filter(r -> owned.contains(partition(r))).toList();
    }

    private static TopicPartition partition(SinkRecord record) {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    private static ConnectException interrupted(InterruptedException e) {
        Thread.currentThread().interrupt();
        return new ConnectException("Interrupted while waiting for the sink's writer thread", e);
    }

    /** Connect's reporter of records that cannot be applied: null without a dead-letter topic or error log. */
    private ErrantRecordReporter errantRecordReporter() {
        try {
            return context.errantRecordReporter();
        } catch (NoSuchMethodError | NoClassDefFoundError e) {
            LOG.warn("This Connect worker predates errant record reporting (Kafka 2.6): no dead-letter topic");
            return null;
        }
    }
}
