package io.ctsync.sink.write;

import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.config.VersionMode;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.error.FailureClassifier;
import io.ctsync.sink.error.FailureKind;
import io.ctsync.sink.offset.OffsetStore;
import io.ctsync.sink.offset.OffsetsFencedException;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.schema.TableCatalog;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.SinkCounters;
import io.ctsync.sink.state.StateStore;
import io.ctsync.sink.state.VersionGate;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a sink task does against the target, without the Connect plumbing: the session, the stored offsets of
 * the task's partitions, one transaction per batch, finding the failing row of a refused batch, tombstone purging
 * and the periodic summary.
 */
public final class SinkWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
    private static final long SUMMARY_INTERVAL_MS = 60_000L;
    private static final long MAX_PURGE_INTERVAL_MS = 10 * 60_000L;

    private final JdbcSession session;
    private final FailureClassifier classifier;
    private final StateStore state;
    private final OffsetStore offsets;
    private final VersionGate gate;
    private final LayoutResolver layouts;
    private final BatchWriter batches;
    private final SinkCounters counters = new SinkCounters();
    private final Consumer<Map<TopicPartition, Long>> seek;
    private final long tombstoneRetentionMs;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Set<TopicPartition> unloaded = new HashSet<>();
    private boolean tablesReady;
    private long nextPurgeMs;
    private long nextSummaryMs = System.currentTimeMillis() + SUMMARY_INTERVAL_MS;
    private long lastSummaryTotal;

    /** {@code seek} repositions the consumer (the task's {@code context.offset}). */
    public SinkWriter(SinkConnectorConfig config, Map<String, String> props, String connectorName,
                      Consumer<Map<TopicPartition, Long>> seek) {
        Dialect dialect = Dialects.create(config.dialectName(), config.connection().url(), props);
        this.session = new JdbcSession(dialect, config.connection());
        this.classifier = new FailureClassifier(dialect);
        this.state = new StateStore(dialect, TableId.parse(config.stateTable()));
        this.offsets = new OffsetStore(dialect, TableId.parse(config.offsetsTable()), connectorName);
        this.gate = new VersionGate(state, config.versionMode() != VersionMode.OFF);
        this.layouts = new LayoutResolver(dialect, new TableCatalog(), config.schemaEvolution(), config.versionMode(),
                config.versionColumn(), config.primaryKeyFields());
        RecordInterpreter interpreter = new RecordInterpreter(config.tableNameFormat(), config.tombstoneHandling(),
                config.versionField());
        this.batches = new BatchWriter(session, interpreter, layouts, gate, state, offsets, config.useReduction(), counters);
        this.seek = seek;
        this.tombstoneRetentionMs = config.tombstoneRetentionMs();
        LOG.info("JDBC sink writer for {} ({} dialect): state table {}, offsets table {}", config.connection().url(),
                dialect.name(), state.table(), offsets.table());
    }

    public Dialect dialect() {
        return session.dialect();
    }

    public FailureClassifier classifier() {
        return classifier;
    }

    public SinkCounters counters() {
        return counters;
    }

    /** New partitions: read their stored offsets and seek to them; when the target is unreachable, on the next batch. */
    public void assign(Collection<TopicPartition> partitions) {
        gate.reset();
        assigned.addAll(partitions);
        unloaded.addAll(partitions);
        try {
            loadOffsets();
        } catch (SQLException e) {
            session.rollbackQuietly();
            LOG.warn("Could not read the stored offsets of {} yet ({}); reading them before the next batch", partitions,
                    e.getMessage());
        }
    }

    public void revoke(Collection<TopicPartition> partitions) {
        partitions.forEach(committed::remove);
        assigned.removeAll(partitions);
        unloaded.removeAll(partitions);
    }

    /** What the target holds, per partition: the offsets Connect may commit to Kafka. */
    public Map<TopicPartition, Long> committed() {
        return Map.copyOf(committed);
    }

    /**
     * Applies the records in one transaction. Throws the database's failure (classified by the caller through
     * {@link #classifier()}), or a {@link io.ctsync.sink.error.RecordFailure} naming the record a refused batch
     * failed on.
     */
    public void write(Collection<SinkRecord> records) throws SQLException {
        try {
            Collection<SinkRecord> ready = withoutUnloadedPartitions(records);
            committed.putAll(batches.write(ready, committed, false));
        } catch (OffsetsFencedException e) {
            session.rollbackQuietly();
            // Re-read every partition's stored offset (a partition without a row may have just got one).
            unloaded.addAll(assigned);
            committed.clear();
            throw e;
        } catch (SQLException e) {
            session.rollbackQuietly();
            FailureKind kind = classifier.classify(e);
            if (kind == FailureKind.TRANSIENT) {
                session.close();
                throw e;
            }
            if (kind == FailureKind.RECORD) {
                findFailingRow(records);
                return;
            }
            layouts.clear();
            throw e;
        } catch (RuntimeException | AssertionError e) {
            // Some drivers (pgjdbc's batch result handler) throw errors, not SQLExceptions, when the connection dies
            // under a batch: a broken connection makes any of them transient.
            if (session.isBroken()) {
                session.close();
                throw new SQLTransientConnectionException("The connection to the target broke during the batch: " + e, "08006", e);
            }
            session.rollbackQuietly();
            throw e;
        }
        logSummaryIfDue();
    }

    /** Purges old tombstones and logs the summary when due; for idle periods as well as after batches. */
    public void maintain() {
        long now = System.currentTimeMillis();
        if (tablesReady && now >= nextPurgeMs && !gate.writtenTables().isEmpty()) {
            nextPurgeMs = now + Math.max(1_000L, Math.min(tombstoneRetentionMs, MAX_PURGE_INTERVAL_MS));
            try {
                int purged = state.purgeTombstones(session, gate.writtenTables(), now - tombstoneRetentionMs);
                if (purged > 0) {
                    LOG.info("Purged {} delete tombstones older than {} ms from {}", purged, tombstoneRetentionMs, state.table());
                }
            } catch (SQLException e) {
                session.rollbackQuietly();
                LOG.warn("Purging tombstones from {} failed ({}); trying again later", state.table(), e.getMessage());
            }
        }
        logSummaryIfDue();
    }

    @Override
    public void close() {
        logSummary();
        session.close();
    }

    private Collection<SinkRecord> withoutUnloadedPartitions(Collection<SinkRecord> records) throws SQLException {
        if (!tablesReady) {
            state.ensureTable(session);
            offsets.ensureTable(session);
            tablesReady = true;
        }
        if (unloaded.isEmpty()) {
            return records;
        }
        Set<TopicPartition> late = loadOffsets();
        if (late.isEmpty()) {
            return records;
        }
        // These partitions were delivered from Kafka's position before the task could seek to the stored one; they
        // are delivered again from the stored offset after the seek.
        List<SinkRecord> ready = new ArrayList<>(records.size());
        for (SinkRecord record : records) {
            if (!late.contains(new TopicPartition(record.originalTopic(), record.originalKafkaPartition()))) {
                ready.add(record);
            }
        }
        return ready;
    }

    /** Loads the stored offsets of unloaded partitions and seeks to them; returns the partitions it sought. */
    private Set<TopicPartition> loadOffsets() throws SQLException {
        if (!tablesReady) {
            state.ensureTable(session);
            offsets.ensureTable(session);
            tablesReady = true;
        }
        Set<TopicPartition> partitions = new HashSet<>(unloaded);
        Map<TopicPartition, Long> stored = offsets.load(session, partitions);
        committed.putAll(stored);
        unloaded.clear();
        if (!stored.isEmpty()) {
            LOG.info("Resuming from the offsets stored in {}: {}", offsets.table(), stored);
            seek.accept(stored);
        }
        return stored.keySet();
    }

    private void findFailingRow(Collection<SinkRecord> records) throws SQLException {
        try {
            committed.putAll(batches.write(withoutUnloadedPartitions(records), committed, true));
            LOG.warn("A batch failed as a whole but was applied row by row");
        } catch (FailedRow failed) {
            session.rollbackQuietly();
            if (classifier.classify(failed.failure()) == FailureKind.RECORD) {
                throw failed.toRecordFailure(session.dialect());
            }
            throw failed.failure();
        }
    }

    private void logSummaryIfDue() {
        if (System.currentTimeMillis() >= nextSummaryMs) {
            logSummary();
        }
    }

    private void logSummary() {
        long now = System.currentTimeMillis();
        long total = counters.total();
        if (total != lastSummaryTotal) {
            double seconds = Math.max(1, SUMMARY_INTERVAL_MS - (nextSummaryMs - now)) / 1000.0;
            LOG.info("Applied {} upserts and {} deletes in total; held back {} duplicates ({} more gated in SQL "
                            + "without a per-row count), skipped {} redelivered and {} no-op records; {} records/s lately",
                    counters.upserts(), counters.deletes(), counters.duplicates(), counters.unconfirmed(),
                    counters.redeliveries(), counters.skipped(), Math.round((total - lastSummaryTotal) / seconds));
            lastSummaryTotal = total;
        }
        nextSummaryMs = now + SUMMARY_INTERVAL_MS;
    }
}
