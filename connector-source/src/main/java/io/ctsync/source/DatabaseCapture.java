package io.ctsync.source;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.anchor.StoredAnchors;
import io.ctsync.source.anchor.TablePartitions;
import io.ctsync.source.capture.CaptureEngine;
import io.ctsync.source.capture.IsolationChoice;
import io.ctsync.source.capture.ReconnectingDatabase;
import io.ctsync.source.config.SourceTaskConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.metrics.SourceTaskMetrics;
import io.ctsync.source.signal.TaskSignals;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.List;
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
    /** Null when no signal channel is enabled. */
    private final TaskSignals signals;
    /** Transient failures in a row of this database's cycles. */
    int failures;

    private DatabaseCapture(String database, ReconnectingDatabase connection, List<TableId> tables, CaptureEngine engine,
                            SourceTaskMetrics metrics, TaskSignals signals) {
        this.database = database;
        this.connection = connection;
        this.tables = tables;
        this.engine = engine;
        this.metrics = metrics;
        this.signals = signals;
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
            String selectorDatabase = own ? null : database;
            TaskSignals signals = TaskSignals.start(config, engine, StoredAnchors.signalPositions(
                    context.offsetStorageReader(), partitions, tables), facts.databaseName(),
                    () -> new TableSelector(config).select(selectorDatabase, connection.trackedTables()).stream()
                            .map(TrackedTable::id).toList(),
                    "ctsync-signals-" + config.topicPrefix() + (own ? "" : "-" + facts.databaseName()) + "-"
                            + Integer.toHexString(tables.hashCode()));
            SourceTaskMetrics metrics = new SourceTaskMetrics(tables, partitions, connection, System::currentTimeMillis,
                    own ? "" : facts.databaseName() + ".");
            metrics.bind(context);
            return new DatabaseCapture(facts.databaseName(), connection, tables, engine, metrics, signals);
        } catch (RuntimeException e) {
            connection.close();
            throw e;
        }
    }

    /** One poll cycle on this database. */
    List<SourceRecord> poll() {
        if (signals != null) {
            signals.poll();
        }
        List<SourceRecord> records = engine.poll();
        failures = 0;
        metrics.observe(records);
        return records;
    }

    @Override
    public void close() {
        metrics.close();
        if (signals != null) {
            signals.close();
        }
        engine.close();
        connection.close();
    }
}
