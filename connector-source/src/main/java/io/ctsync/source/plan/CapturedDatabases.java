package io.ctsync.source.plan;

import io.ctsync.source.config.DatabaseOptions;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The databases one connector captures, with a connection to each. Without {@code database.names} and
 * {@code database.include.list} that is the database of {@code connection.url} alone; with them, the listed databases
 * and the server's change-tracked databases the include list matches (listed again at every call, so a database that
 * starts matching is picked up), each through a connection of its own.
 */
public final class CapturedDatabases implements AutoCloseable {

    private final DatabaseOptions options;
    private final TableSelector selector;
    private final ChangeTrackingDatabase server;
    private final Function<String, ChangeTrackingDatabase> opener;
    private final Map<String, ChangeTrackingDatabase> opened = new LinkedHashMap<>();

    /**
     * @param server the connection of {@code connection.url} (closed by the caller)
     * @param opener opens a connection of its own to the named database (closed here)
     */
    public CapturedDatabases(DatabaseOptions options, TableSelector selector, ChangeTrackingDatabase server,
                             Function<String, ChangeTrackingDatabase> opener) {
        this.options = options;
        this.selector = selector;
        this.server = server;
        this.opener = opener;
    }

    public boolean multiDatabase() {
        return options.multiDatabase();
    }

    public DatabaseOptions options() {
        return options;
    }

    /** The connection of {@code connection.url}. */
    public ChangeTrackingDatabase server() {
        return server;
    }

    /** The captured databases' names: the URL's database alone, or those the options name now. */
    public List<String> names() {
        if (!options.multiDatabase()) {
            return List.of(server.facts().databaseName());
        }
        return options.resolve(options.includes().isEmpty() ? List.of() : server.changeTrackingDatabases());
    }

    /** The connection to {@code name}, opened on first use. */
    public synchronized ChangeTrackingDatabase database(String name) {
        if (!options.multiDatabase()) {
            return server;
        }
        ChangeTrackingDatabase database = opened.get(name);
        if (database == null) {
            database = opener.apply(name);
            opened.put(name, database);
        }
        return database;
    }

    /** The captured tables of every captured database, by database name, in name order. */
    public Map<String, List<TrackedTable>> capturedTables() {
        Map<String, List<TrackedTable>> tables = new LinkedHashMap<>();
        for (String name : names()) {
            tables.put(name, selector.select(options.multiDatabase() ? name : null, database(name).trackedTables()));
        }
        return tables;
    }

    /** Drops every per-database connection; the next use opens new ones. */
    public synchronized void reconnect() {
        close();
    }

    @Override
    public synchronized void close() {
        List<ChangeTrackingDatabase> all = new ArrayList<>(opened.values());
        opened.clear();
        for (ChangeTrackingDatabase database : all) {
            try {
                database.close();
            } catch (RuntimeException ignored) {
                // Dropped anyway.
            }
        }
    }
}
