package io.ctsync.sink;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.error.RetryPolicy;
import io.ctsync.sink.metrics.SinkMetrics;
import io.ctsync.sink.write.SinkWriter;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
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
 * Applies the records of its partitions to the target, one transaction per {@code put()}, with the Kafka offsets
 * stored in the same transaction: {@code open()} seeks to them, {@code preCommit()} reports them (and logs the flush
 * summary). Transient failures are retried through Connect ({@link RetriableException} after {@code context.timeout})
 * up to {@code max.retries}; records that cannot be applied go to the dead-letter topic with
 * {@code errors.tolerance=all}, else they fail the task, as structural failures do, with a message naming the record,
 * table and column.
 */
public class JdbcSinkTask extends SinkTask {

    private static final Logger LOG = LoggerFactory.getLogger(JdbcSinkTask.class);
    static final String DEFAULT_CONNECTOR_NAME = "ctsync-jdbc-sink";

    private SinkWriter writer;
    private SinkMetrics metrics = SinkMetrics.NONE;
    private RetryPolicy retries;
    /** Connect may call put() again before the backoff has passed (its poll returns early for offset commits). */
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
        writer = new SinkWriter(config, props, connectorName, this::seek, errantRecordReporter());
        metrics = SinkMetrics.bind(context, writer.counters(), writer::parkedRecords);
    }

    @Override
    public void open(Collection<TopicPartition> partitions) {
        writer.assign(partitions);
    }

    @Override
    public void close(Collection<TopicPartition> partitions) {
        writer.revoke(partitions);
    }

    @Override
    public void put(Collection<SinkRecord> records) {
        long wait = retryNotBeforeMs - System.currentTimeMillis();
        if (wait > 0) {
            context.timeout(wait);
            throw new RetriableException("Waiting " + wait + " ms more before retry " + retries.attempts() + " of "
                    + retries.maxRetries());
        }
        try {
            writer.write(records);
            retries.succeeded();
            writer.maintain();
        } catch (Exception e) {
            throw onFailure(e);
        }
    }

    @Override
    public Map<TopicPartition, OffsetAndMetadata> preCommit(Map<TopicPartition, OffsetAndMetadata> currentOffsets) {
        writer.logFlushSummary();
        metrics.refresh();
        Map<TopicPartition, OffsetAndMetadata> stored = new HashMap<>();
        writer.committed().forEach((partition, next) -> {
            if (currentOffsets.containsKey(partition)) {
                stored.put(partition, new OffsetAndMetadata(next));
            }
        });
        return stored;
    }

    @Override
    public void stop() {
        metrics.close();
        if (writer != null) {
            writer.close();
        }
    }

    private void seek(Map<TopicPartition, Long> offsets) {
        context.offset(offsets);
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

    private RuntimeException onFailure(Exception failure) {
        if (failure instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        FailureKind kind = writer.classifier().classify(failure);
        if (kind == FailureKind.TRANSIENT) {
            if (retries.tryAgain()) {
                long backoff = retries.backoffMs();
                LOG.warn("Transient failure, retry {} of {} in {} ms: {}", retries.attempts(), retries.maxRetries(), backoff,
                        failure.toString());
                context.timeout(backoff);
                retryNotBeforeMs = System.currentTimeMillis() + backoff;
                return new RetriableException(failure.getMessage(), failure);
            }
            return new ConnectException("Giving up after " + retries.maxRetries() + " retries (max.retries) of a "
                    + "transient failure: " + failure.getMessage(), failure);
        }
        if (failure instanceof ConnectException connect) {
            return connect;
        }
        return new ConnectException((kind == FailureKind.RECORD ? "A record cannot be applied: " : "The target refused "
                + "the batch: ") + failure.getMessage(), failure);
    }
}
