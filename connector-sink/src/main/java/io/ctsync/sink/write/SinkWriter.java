package io.ctsync.sink.write;

import io.ctsync.sink.config.ConflictOptions;
import io.ctsync.sink.config.FailureOptions;
import io.ctsync.sink.config.SinkConnectorConfig;
import io.ctsync.sink.conflict.ConflictDetector;
import io.ctsync.sink.conflict.ConflictRules;
import io.ctsync.sink.conflict.ConflictTopic;
import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.dialect.Dialects;
import io.ctsync.sink.error.DeadLetterQueue;
import io.ctsync.sink.error.FailureClassifier;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.gate.GatePolicy;
import io.ctsync.sink.gate.VersionGate;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.jdbc.TableCatalog;
import io.ctsync.sink.offset.OffsetStore;
import io.ctsync.sink.offset.OffsetsFencedException;
import io.ctsync.sink.park.ParkedStore;
import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.reconcile.Reconciler;
import io.ctsync.sink.record.RecordInterpreter;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.SinkCounters;
import io.ctsync.sink.state.StateStore;
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
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Everything a sink task does against the target, without the Connect plumbing: the session, the stored offsets and
 * parked records of the task's partitions, one transaction per batch (the fast path, then the isolating path when the
 * database refuses a record), tombstone purging and the summary per flush.
 */
public final class SinkWriter implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
    private static final long MAX_PURGE_INTERVAL_MS = 10 * 60_000L;

    private final JdbcSession session;
    private final FailureClassifier classifier;
    private final StateStore state;
    private final OffsetStore offsets;
    private final ParkedStore parkedStore;
    private final ParkingLot parking;
    private final VersionGate gate;
    private final LayoutResolver layouts;
    private final DeadLetterQueue deadLetters;
    private final ConflictTopic conflictTopic;
    private final BatchWriter batches;
    private final Reconciler reconciler;
    private final SinkCounters counters = new SinkCounters();
    private final FlushSummary summary;
    private final CommittedOutcomes outcomes;
    private final Consumer<Map<TopicPartition, Long>> seek;
    private final long tombstoneRetentionMs;
    private final Map<TopicPartition, Long> committed = new HashMap<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Set<TopicPartition> unloaded = new HashSet<>();
    private boolean tablesReady;
    private long nextPurgeMs;

    /**
     * @param seek     repositions the consumer (the task's {@code context.offset})
     * @param reporter Connect's errant record reporter (the dead-letter topic), null when there is none
     */
    public SinkWriter(SinkConnectorConfig config, Map<String, String> props, String connectorName,
                      Consumer<Map<TopicPartition, Long>> seek, ErrantRecordReporter reporter) {
        Dialect dialect = Dialects.create(config.dialectName(), config.connection().url(), props);
        FailureOptions.Settings failures = config.failures();
        ConflictOptions.Settings conflicts = config.conflicts();
        this.session = new JdbcSession(dialect, config.connection());
        this.classifier = new FailureClassifier(dialect);
        this.state = new StateStore(dialect, TableId.parse(config.stateTable()));
        this.offsets = new OffsetStore(dialect, TableId.parse(config.offsetsTable()), connectorName);
        this.parkedStore = new ParkedStore(dialect, TableId.parse(failures.parkedTable()), connectorName);
        this.parking = new ParkingLot(failures.fkRetryMaxMs());
        GatePolicy gatePolicy = new GatePolicy(config.versionMode(), config.versionColumn());
        this.gate = new VersionGate(state, gatePolicy);
        this.layouts = new LayoutResolver(dialect, new TableCatalog(), config.schemaEvolution(), gatePolicy,
                config.primaryKeyFields());
        this.deadLetters = new DeadLetterQueue(reporter, failures.tolerant(), failures.maxDeadLetters());
        this.conflictTopic = conflicts.topic() == null ? null
                : new ConflictTopic(conflicts.topic(), conflicts.producerProperties(), connectorName);
        RecordInterpreter interpreter = new RecordInterpreter(config.tableNameFormat(), config.tombstoneHandling(),
                config.versionField());
        ConflictDetector detector = new ConflictDetector(new ConflictRules(conflicts), dialect);
        this.reconciler = new Reconciler(dialect, config.reconcile(), connectorName, state, detector, gatePolicy);
        this.batches = new BatchWriter(new BatchWriter.Parts(session, new BatchInput(interpreter, layouts), gate, state,
                offsets, parkedStore, parking, detector, conflictTopic, deadLetters, classifier, reconciler),
                config.useReduction(), failures);
        this.summary = new FlushSummary(counters, parking);
        this.outcomes = new CommittedOutcomes(counters, deadLetters, parking);
        this.seek = seek;
        this.tombstoneRetentionMs = config.tombstoneRetentionMs();
        LOG.info("JDBC sink writer for {} ({} dialect): state table {}, offsets table {}, parked table {}, snapshots table "
                        + "{}, pending reconciliation deletes table {} (reconcile.after.snapshot={}); record failures {}; conflicts {}", config.connection().url(),
                dialect.name(), state.table(), offsets.table(), parkedStore.table(), reconciler.table(), reconciler.pendingTable(),
                config.reconcile().mode().optionValue(), failures.tolerant() ? (reporter == null ? "skipped and logged" : "dead-lettered")
                        : "fail the task", conflictTopic == null ? "counted and logged" : "written to " + conflicts.topic());
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

    /** Records parked for a missing parent row, waiting. */
    public int parkedRecords() {
        return parking.size();
    }

    /** New partitions: read their stored offsets and parked records and seek; when the target is unreachable, later. */
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
        parking.drop(partitions);
    }

    /** What the target holds, per partition: the offsets Connect may commit to Kafka. */
    public Map<TopicPartition, Long> committed() {
        return Map.copyOf(committed);
    }

    /**
     * Applies the records (and the parked records due for a retry) in one transaction. Throws the database's failure
     * (classified by the caller through {@link #classifier()}), or a {@link io.ctsync.sink.failure.RecordFailure} naming
     * a record that cannot be applied when such records fail the task.
     */
    public void write(Collection<SinkRecord> records) throws SQLException, InterruptedException {
        if (records.isEmpty() && (parking.isEmpty() || parking.nextDueMs() > System.currentTimeMillis())) {
            return;
        }
        try {
            Collection<SinkRecord> ready = withoutUnloadedPartitions(records);
            List<ParkedRecord> retries = parking.due(System.currentTimeMillis(), !records.isEmpty());
            BatchOutcome outcome;
            try {
                outcome = batches.write(ready, committed, retries, false);
            } catch (SQLException e) {
                session.rollbackQuietly();
                if (classifier.classify(e) != FailureKind.RECORD) {
                    throw e;
                }
                LOG.info("The database refused the batch ({}); applying it row by row to set aside what it refuses",
                        e.getMessage());
                counters.isolatedBatch();
                outcome = batches.write(ready, committed, retries, true);
            }
            committed.putAll(outcome.next());
            outcomes.apply(outcome);
        } catch (OffsetsFencedException e) {
            session.rollbackQuietly();
            // Re-read every partition's stored offset and parked records (another task may have changed them).
            unloaded.addAll(assigned);
            parking.drop(assigned);
            committed.clear();
            throw e;
        } catch (SQLException e) {
            session.rollbackQuietly();
            if (classifier.classify(e) == FailureKind.TRANSIENT) {
                session.close();
            } else {
                layouts.clear();
            }
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
    }

    /** Purges old tombstones when due; for idle periods as well as after batches. */
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
    }

    /** The INFO summary of what happened since the last flush (when anything did). */
    public void logFlushSummary() {
        summary.log();
        outcomes.flushed();
    }

    @Override
    public void close() {
        summary.log();
        if (conflictTopic != null) {
            conflictTopic.close();
        }
        session.close();
    }

    private Collection<SinkRecord> withoutUnloadedPartitions(Collection<SinkRecord> records) throws SQLException {
        ensureTables();
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

    private void ensureTables() throws SQLException {
        if (!tablesReady) {
            state.ensureTable(session);
            offsets.ensureTable(session);
            parkedStore.ensureTable(session);
            reconciler.ensureTable(session);
            tablesReady = true;
        }
    }

    /**
     * Loads the stored offsets and parked records of unloaded partitions and seeks to the offsets; returns the
     * partitions it sought.
     */
    private Set<TopicPartition> loadOffsets() throws SQLException {
        ensureTables();
        Set<TopicPartition> partitions = new HashSet<>(unloaded);
        Map<TopicPartition, Long> stored = offsets.load(session, partitions);
        List<ParkedRecord> parked = parkedStore.load(session, partitions);
        committed.putAll(stored);
        unloaded.clear();
        long now = System.currentTimeMillis();
        parked.forEach(record -> parking.add(record, now));
        if (!parked.isEmpty()) {
            LOG.info("Reloaded {} records parked for a missing parent row from {}", parked.size(), parkedStore.table());
        }
        if (!stored.isEmpty()) {
            LOG.info("Resuming from the offsets stored in {}: {}", offsets.table(), stored);
            seek.accept(stored);
        }
        return stored.keySet();
    }
}
