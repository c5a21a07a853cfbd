package io.ctsync.source.capture;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.ChangeTrackingDatabaseFactory;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.RetentionFacts;
import io.ctsync.source.tracking.TrackedTable;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/** A database connection that can be replaced by a new one after a transient failure. */
public final class ReconnectingDatabase implements ChangeTrackingDatabase {

    private final Supplier<ChangeTrackingDatabase> opener;
    private ChangeTrackingDatabase current;

    /** The database {@code connection} opens. */
    public ReconnectingDatabase(ChangeTrackingDatabaseFactory factory, ConnectionOptions.Settings connection) {
        this(() -> factory.open(connection));
    }

    /** Database {@code database} of the server {@code connection} reaches, through a connection of its own. */
    public ReconnectingDatabase(ChangeTrackingDatabaseFactory factory, ConnectionOptions.Settings connection,
                                String database) {
        this(() -> factory.open(connection, database));
    }

    private ReconnectingDatabase(Supplier<ChangeTrackingDatabase> opener) {
        this.opener = opener;
    }

    private synchronized ChangeTrackingDatabase current() {
        if (current == null) {
            current = opener.get();
        }
        return current;
    }

    /** Drops the connection; the next call opens a new one. */
    public synchronized void reconnect() {
        close();
    }

    @Override
    public DatabaseFacts facts() {
        return current().facts();
    }

    @Override
    public List<TrackedTable> trackedTables() {
        return current().trackedTables();
    }

    @Override
    public List<String> changeTrackingDatabases() {
        return current().changeTrackingDatabases();
    }

    @Override
    public boolean seesCommitTimes() {
        return current().seesCommitTimes();
    }

    @Override
    public <T> T inCycle(Isolation isolation, Function<ChangeCycle, T> work) {
        return current().inCycle(isolation, work);
    }

    @Override
    public Optional<RetentionFacts> retention(Collection<Long> versions) {
        return current().retention(versions);
    }

    @Override
    public synchronized void close() {
        if (current != null) {
            try {
                current.close();
            } catch (RuntimeException ignored) {
                // The connection is being dropped anyway.
            }
            current = null;
        }
    }
}
