package io.ctsync.source;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.anchor.StoredAnchors;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.IsolationChoice;
import io.ctsync.source.capture.ReconnectingDatabase;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.metrics.SourceTaskMetrics;
import io.ctsync.source.signal.TaskSignals;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.TableId;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;

/**
 * A task's tables of one database: their connection, capture engine and metrics. Change Tracking versions are per
 * database, so each database is read in poll cycles (transactions) of its own, with its own current version.
 */
final class DatabaseCapture implements AutoCloseable {

    final String database;
    final ReconnectingDatabase connection;
    final List<TableId> tables;
    private final CaptureEngine engine;
    private final SourceTaskMetrics metrics;
    /** The signal position each table's committed offset carried, where its signal reading resumes. */
    private final Map<TableId, Long> signalPositions;
    /** Transient failures in a row of this database's cycles. */
    int failures;

    private DatabaseCapture(String database, ReconnectingDatabase connection, List<TableId> tables, CaptureEngine engine,
                            SourceTaskMetrics metrics, Map<TableId, Long> signalPositions) {
        this.database = database;
        this.connection = connection;
        this.tables = tables;
        this.engine = engine;
        this.metrics = metrics;
        this.signalPositions = signalPositions;
    }

    /**
     * Starts capturing {@code tables} of {@code database} ({@link SourceTaskConfig#CONNECTION_DATABASE}: the database of
     * {@code connection.url}), from their committed anchors.
     */
    static DatabaseCapture start(SourceTaskConfig config, ChangeTrackingDatabaseFactory factory, String database,
                                 List<TableId> tables, SourceTaskContext context) {
        ConnectionOptions.Settings settings = config.connection();
        boolean own = database.equals(SourceTaskConfig.CONNECTION_DATABASE);
        ReconnectingDatabase connection = own ? new ReconnectingDatabase(factory, settings)
                : new ReconnectingDatabase(factory, settings, database);
        try {
            DatabaseFacts facts = connection.facts();
            TablePartitions partitions = new TablePartitions(config.topicPrefix(), facts.databaseName());
            CaptureEngine engine = new CaptureEngine(config, tables, connection,
                    IsolationChoice.choose(facts, config.snapshotIsolationRequired()), facts.databaseName(),
                    StoredAnchors.read(context.offsetStorageReader(), partitions, tables,
                            table -> config.rowFilter(facts.databaseName(), table)),
                    System::currentTimeMillis);
            Map<TableId, Long> signalPositions = StoredAnchors.signalPositions(context.offsetStorageReader(),
                    partitions, tables);
            SourceTaskMetrics metrics = new SourceTaskMetrics(tables, partitions, connection, System::currentTimeMillis,
                    own ? "" : facts.databaseName() + ".");
            metrics.bind(context);
            return new DatabaseCapture(facts.databaseName(), connection, tables, engine, metrics, signalPositions);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** What the task's signal reading needs of this database. */
    TaskSignals.Held signalsHeld() {
        return new TaskSignals.Held(database, engine, signalPositions);
    }

    /** One poll cycle on this database. */
    List<SourceRecord> poll() {
        List<SourceRecord> records = engine.poll();
        failures = 0;
        metrics.observe(records);
        return records;
    }

    @Override
    public void close() {
        metrics.close();
        engine.close();
        connection.close();
    }
}
