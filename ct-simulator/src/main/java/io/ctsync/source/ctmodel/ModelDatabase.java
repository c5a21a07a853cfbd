package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.RetentionFacts;
import io.ctsync.source.tracking.TrackedTable;
import io.ctsync.source.tracking.TrackingException;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** A connection to a {@link ChangeTrackingModel}, as the connector's database layer. */
public final class ModelDatabase implements ChangeTrackingDatabase {

    private final ChangeTrackingModel model;
    private volatile boolean closed;

    public ModelDatabase(ChangeTrackingModel model) {
        this.model = model;
    }

    @Override
    public DatabaseFacts facts() {
        return locked(() -> new DatabaseFacts(model.name, model.changeTrackingOn ? model.currentVersion : null,
                model.snapshotIsolation));
    }

    /** sys.change_tracking_tables, with the estimate and permissions the catalog would report. */
    @Override
    public List<TrackedTable> trackedTables() {
        return locked(() -> model.tables.values().stream().filter(t -> t.tracked && model.changeTrackingOn)
                .map(t -> new TrackedTable(t.id, t.trackColumnsUpdated, t.rows.size(), t.canSelect, t.canViewChanges))
                .toList());
    }

    /** sys.change_tracking_databases of the model's server, as the user may open them. */
    @Override
    public List<String> changeTrackingDatabases() {
        if (closed) {
            throw new TrackingException("The connection is closed.", null, true);
        }
        return model.changeTrackingDatabases();
    }

    /** Whether the user holds VIEW SERVER STATE, which shows every commit of sys.dm_tran_commit_table. */
    @Override
    public boolean seesCommitTimes() {
        return locked(() -> model.viewServerState);
    }

    @Override
    public <T> T inCycle(Isolation isolation, Function<ChangeCycle, T> work) {
        if (isolation == Isolation.SNAPSHOT && !model.snapshotIsolation) {
            throw new TrackingException("Snapshot isolation transaction failed accessing database '" + model.name
                    + "' because snapshot isolation is not allowed in this database", null, false);
        }
        return locked(() -> work.apply(new ModelCycle(model)));
    }

    /**
     * sys.change_tracking_databases.retention_period and sys.dm_tran_commit_table.commit_time: a version cleanup
     * removed has no commit time.
     */
    @Override
    public Optional<RetentionFacts> retention(Collection<Long> versions) {
        return locked(() -> {
            Map<Long, Instant> times = new HashMap<>();
            for (Long version : versions) {
                Instant committed = model.commitTimes.get(version);
                if (committed != null) {
                    times.put(version, committed);
                }
            }
            return Optional.of(new RetentionFacts(model.retention, times, model.clock.instant()));
        });
    }

    @Override
    public void close() {
        closed = true;
    }

    private <T> T locked(java.util.function.Supplier<T> read) {
        if (closed) {
            throw new TrackingException("The connection is closed.", null, true);
        }
        model.lock.lock();
        try {
            return read.get();
        } catch (IllegalStateException e) {
            throw new TrackingException(e.getMessage(), e, false);
        } finally {
            model.lock.unlock();
        }
    }
}
