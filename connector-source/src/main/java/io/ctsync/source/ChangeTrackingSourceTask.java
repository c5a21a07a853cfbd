package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.anchor.StoredAnchors;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.IsolationChoice;
import io.ctsync.source.capture.ReconnectingDatabase;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.signal.TaskSignals;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import io.ctsync.source.metrics.SourceTaskMetrics;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.TrackingException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Captures the tables the connector assigned to it, from their anchors (the Connect offsets). Each poll runs one
 * poll cycle; a transient database failure is retried (reconnecting, with backoff) up to {@code max.retries}.
 */
public class ChangeTrackingSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrackingSourceTask.class);

    private final CountDownLatch stopping = new CountDownLatch(1);
    private SourceTaskConfig config;
    private ReconnectingDatabase database;
    private CaptureEngine engine;
    private int failures;
    private SourceTaskMetrics metrics;
    /** Null when no signal channel is enabled. */
    private TaskSignals signals;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceTaskConfig(props);
        database = new ReconnectingDatabase(DatabaseFactories.of(config), config.connection());
        DatabaseFacts facts = database.facts();
        TablePartitions partitions = new TablePartitions(config.topicPrefix(), facts.databaseName());
        engine = new CaptureEngine(config, database, IsolationChoice.choose(facts, config.snapshotIsolationRequired()),
                facts.databaseName(), StoredAnchors.read(context.offsetStorageReader(), partitions, config.tables(),
                        config::rowFilter),
                System::currentTimeMillis);
        signals = TaskSignals.start(config, engine, StoredAnchors.signalPositions(context.offsetStorageReader(), partitions,
                config.tables()), facts.databaseName(), this::capturedTables, "ctsync-signals-" + config.topicPrefix()
                + "-" + Integer.toHexString(config.tables().hashCode()));
        metrics = new SourceTaskMetrics(config.tables(), partitions, database, System::currentTimeMillis);
        metrics.bind(context);
        LOG.info("Task started for {} table(s) of database {}: {}", config.tables().size(), facts.databaseName(),
                config.tables());
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            return null;
        }
        List<SourceRecord> records;
        try {
            if (signals != null) {
                signals.poll();
            }
            records = engine.poll();
            failures = 0;
        } catch (TrackingException e) {
            if (!e.isTransient() || ++failures > config.connection().maxRetries()) {
                throw new ConnectException("Reading Change Tracking failed" + (e.isTransient() ? " " + failures
                        + " times in a row (" + ConnectionOptions.MAX_RETRIES + "=" + config.connection().maxRetries() + ")"
                        : "") + ": " + e.getMessage(), e);
            }
            long backoff = Math.min(60_000L, config.connection().retryBackoffMs() << Math.min(failures - 1, 16));
            LOG.warn("Transient failure reading Change Tracking (attempt {} of {}), reconnecting in {} ms: {}", failures,
                    config.connection().maxRetries(), backoff, e.getMessage());
            stopping.await(backoff, TimeUnit.MILLISECONDS);
            database.reconnect();
            return null;
        }
        metrics.observe(records);
        if (records.isEmpty()) {
            stopping.await(config.pollIntervalMs(), TimeUnit.MILLISECONDS);
            return null;
        }
        return records;
    }

    /** Every table the connector captures (to tell a signal's unknown table from another task's). */
    private List<TableId> capturedTables() {
        return new TableSelector(config).select(database.trackedTables()).stream().map(TrackedTable::id).toList();
    }

    @Override
    public void stop() {
        stopping.countDown();
        if (metrics != null) {
            metrics.close();
        }
        if (signals != null) {
            signals.close();
        }
        if (engine != null) {
            engine.close();
        }
        if (database != null) {
            database.close();
        }
    }
}
