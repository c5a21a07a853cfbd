package io.ctsync.source;

import io.ctsync.contract.CtsyncVersion;
import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.signal.TaskSignals;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackingException;
import java.util.ArrayList;
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
 * Captures the tables the connector assigned to it, from their anchors (the Connect offsets), one
 * {@link DatabaseCapture} per database they belong to, and one signal reading ({@link TaskSignals}) for all of them.
 * Each poll hands the signals that arrived to the captures, then runs poll cycles of the databases in turn until one
 * has records; a transient database failure is retried (reconnecting, with backoff) up to {@code max.retries}.
 */
public class ChangeTrackingSourceTask extends SourceTask {

    private static final Logger LOG = LoggerFactory.getLogger(ChangeTrackingSourceTask.class);

    private final CountDownLatch stopping = new CountDownLatch(1);
    private final List<DatabaseCapture> captures = new ArrayList<>();
    private SourceTaskConfig config;
    /** The task's one signal reading, shared by its databases; null when no signal channel is enabled. */
    private volatile TaskSignals signals;
    private int next;

    @Override
    public String version() {
        return CtsyncVersion.get();
    }

    @Override
    public void start(Map<String, String> props) {
        config = new SourceTaskConfig(props);
        ChangeTrackingDatabaseFactory factory = DatabaseFactories.of(config);
        try {
            for (Map.Entry<String, List<TableId>> entry : config.databaseTables().entrySet()) {
                DatabaseCapture capture = DatabaseCapture.start(config, factory, entry.getKey(), entry.getValue(), context);
                captures.add(capture);
                LOG.info("Task started for {} table(s) of database {}: {}", capture.tables.size(), capture.database,
                        capture.tables);
            }
            signals = TaskSignals.start(config, captures.stream().map(DatabaseCapture::signalsHeld).toList(),
                    config.signalCatalog(), "ctsync-signals-" + config.topicPrefix() + "-"
                            + Integer.toHexString(config.databaseTables().hashCode()));
        } catch (RuntimeException e) {
            closeCaptures();
            throw e;
        }
    }

    @Override
    public List<SourceRecord> poll() throws InterruptedException {
        if (stopping.getCount() == 0) {
            return null;
        }
        TaskSignals taskSignals = signals; // stop() may close and drop them from another thread
        if (taskSignals != null) {
            taskSignals.poll();
        }
        for (int i = 0; i < captures.size(); i++) {
            DatabaseCapture capture = captures.get(next);
            next = (next + 1) % captures.size();
            List<SourceRecord> records;
            try {
                records = capture.poll();
            } catch (TrackingException e) {
                retryLater(capture, e);
                return null;
            }
            if (!records.isEmpty()) {
                return records;
            }
        }
        stopping.await(config.pollIntervalMs(), TimeUnit.MILLISECONDS);
        return null;
    }

    /** Fails the task on a lasting failure; otherwise waits (backoff) and drops the database's connection. */
    private void retryLater(DatabaseCapture capture, TrackingException e) throws InterruptedException {
        int maxRetries = config.connection().maxRetries();
        if (!e.isTransient() || ++capture.failures > maxRetries) {
            throw new ConnectException("Reading Change Tracking" + (captures.size() > 1 ? " of database "
                    + capture.database : "") + " failed" + (e.isTransient() ? " " + capture.failures + " times in a row ("
                    + ConnectionOptions.MAX_RETRIES + "=" + maxRetries + ")" : "") + ": " + e.getMessage(), e);
        }
        long backoff = Math.min(60_000L, config.connection().retryBackoffMs() << Math.min(capture.failures - 1, 16));
        LOG.warn("Transient failure reading Change Tracking of database {} (attempt {} of {}), reconnecting in {} ms: {}",
                capture.database, capture.failures, maxRetries, backoff, e.getMessage());
        stopping.await(backoff, TimeUnit.MILLISECONDS);
        capture.connection.reconnect();
    }

    @Override
    public void stop() {
        stopping.countDown();
        closeCaptures();
    }

    private void closeCaptures() {
        if (signals != null) {
            signals.close();
            signals = null;
        }
        captures.forEach(DatabaseCapture::close);
        captures.clear();
    }
}
