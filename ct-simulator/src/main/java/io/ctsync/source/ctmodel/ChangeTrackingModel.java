package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * An in-memory SQL Server database with Change Tracking, following Microsoft's documented semantics (each rule
 * cites its source; "Work with change tracking", "Manage change tracking", "About change tracking", CHANGETABLE,
 * CHANGE_TRACKING_CURRENT_VERSION, CHANGE_TRACKING_MIN_VALID_VERSION, CHANGE_TRACKING_IS_COLUMN_IN_MASK and
 * WITH CHANGE_TRACKING_CONTEXT on learn.microsoft.com):
 * <ul>
 *   <li>One version counter for the whole database; each committed transaction that changes a tracked table gets
 *       the next version, the same one for every table it touched (About change tracking: "version of the last
 *       committed transaction").</li>
 *   <li>{@code CHANGE_TRACKING_CURRENT_VERSION()} is 0 after enabling on a database without changes and NULL when
 *       Change Tracking is off for the database.</li>
 *   <li>Enabling tracking on a table sets its minimum valid version and its {@code begin_version} to the current
 *       version; cleanup of changes up to version V raises the minimum valid version to V (Manage change tracking:
 *       retention and cleanup; that it is V and not V+1 is pinned by the contract test). TRUNCATE TABLE "removes all
 *       change tracking information that is associated with the table" (CHANGE_TRACKING_MIN_VALID_VERSION, remarks)
 *       and resets {@code begin_version} (sys.change_tracking_tables). Microsoft does not say whether it consumes a
 *       version: by default the model assumes the answer that is harder on the source, that it does not (the
 *       minimum valid version and begin version become the current version, which a caught-up anchor equals);
 *       {@link #truncateConsumesVersion} switches to the other answer. The contract test pins which one SQL Server
 *       gives.</li>
 *   <li>A primary-key update is a delete of the old key and an insert of the new one (CHANGETABLE, remarks).</li>
 *   <li>An UPDATE records the columns it set, even to the same value; one that sets every non-key column records a
 *       NULL mask (CHANGETABLE, SYS_CHANGE_COLUMNS).</li>
 *   <li>{@code WITH CHANGE_TRACKING_CONTEXT (ctx)} stores ctx with the changes of that statement.</li>
 *   <li>Each commit that changed a tracked table leaves a row (version, commit time) in the commit table
 *       ({@code sys.dm_tran_commit_table}: "one row for each transaction that is committed for a table that is
 *       tracked"; commit_ts "a monotonically increasing number", the version); retention cleanup removes the rows of the versions below
 *       its boundary (an anchor at the boundary stays valid) with the change information ("subject to cleanup according to the retention period"). Without
 *       {@code VIEW SERVER STATE} a user does not see commits a CHECKPOINT has not yet persisted (the view's
 *       page, note): {@link #viewServerState} sets whether the user holds it; the model has no checkpoints and
 *       always shows every retained commit. Commit times come from the model's clock ({@link #clock}).</li>
 * </ul>
 * Several databases of one server are models created with {@link #create(String, String)} under the same server name:
 * each keeps its own version counter, as Change Tracking versions are per database ("Change tracking ... is enabled
 * for a database"; CHANGE_TRACKING_CURRENT_VERSION "returns a version that is associated with the last committed
 * transaction" of the current database), and {@code sys.change_tracking_databases} lists those with tracking on
 * ("one row for each database that has change tracking enabled") that the user may open ({@code HAS_DBACCESS}).
 * Net changes since a baseline are computed by {@link ModelCycle}. Readers see a consistent database: a poll cycle
 * holds the model's lock, as a SNAPSHOT transaction would give it a consistent view.
 */
public final class ChangeTrackingModel {

    private static final Map<String, ChangeTrackingModel> REGISTRY = new ConcurrentHashMap<>();

    final String name;
    /** The server this database belongs to (null: a database on a server of its own). */
    final String server;
    final ReentrantLock lock = new ReentrantLock();
    final Map<TableId, ModelTable> tables = new LinkedHashMap<>();
    boolean changeTrackingOn;
    boolean snapshotIsolation = true;
    long currentVersion;
    boolean truncateConsumesVersion;
    final Faults faults = new Faults();
    /** Evaluates row filters for the change and snapshot queries (an embedded H2, opened on first use). */
    final ModelRowFilters rowFilters = new ModelRowFilters();
    /**
     * sys.dm_tran_commit_table: when each version committed (UTC), by this model's clock; the one commit-time store
     * behind both the retention metrics and rewinds to a point in time.
     */
    final NavigableMap<Long, Instant> commitTimes = new TreeMap<>();
    Clock clock = Clock.systemUTC();
    /** ALTER DATABASE ... SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS): SQL Server's default. */
    Duration retention = Duration.ofDays(2);
    boolean viewServerState = true;
    /** HAS_DBACCESS for the connector's user: without access a connection to the database is refused. */
    boolean dbAccess = true;

    private ChangeTrackingModel(String server, String name) {
        this.server = server;
        this.name = name;
    }

    /** A new model registered under {@code name}, reachable through {@code jdbc:ctmodel:<name>}. */
    public static ChangeTrackingModel create(String name) {
        ChangeTrackingModel model = new ChangeTrackingModel(null, name);
        REGISTRY.put(name, model);
        return model;
    }

    /**
     * A new database {@code database} of the simulated server {@code server}, reachable through
     * {@code jdbc:ctmodel:<server>/<database>}; its name (DB_NAME()) is {@code database}.
     */
    public static ChangeTrackingModel create(String server, String database) {
        ChangeTrackingModel model = new ChangeTrackingModel(server, database);
        REGISTRY.put(key(server, database), model);
        return model;
    }

    static String key(String server, String database) {
        return server + "/" + database;
    }

    /** The registry key: {@code <server>/<database>}, or the name of a database on a server of its own. */
    String key() {
        return server == null ? name : key(server, name);
    }

    /** sys.change_tracking_databases joined to sys.databases, filtered by HAS_DBACCESS: names in order. */
    List<String> changeTrackingDatabases() {
        if (server == null) {
            return read(() -> changeTrackingOn && dbAccess) ? List.of(name) : List.of();
        }
        return REGISTRY.values().stream().filter(m -> server.equals(m.server))
                .filter(m -> m.read(() -> m.changeTrackingOn && m.dbAccess)).map(m -> m.name).sorted().toList();
    }

    /** Whether the connector's user may open this database (HAS_DBACCESS; a login without a user in it may not). */
    public ChangeTrackingModel dbAccess(boolean granted) {
        return locked(() -> dbAccess = granted);
    }

    private <T> T read(java.util.function.Supplier<T> value) {
        lock.lock();
        try {
            return value.get();
        } finally {
            lock.unlock();
        }
    }

    static ChangeTrackingModel lookup(String name) {
        ChangeTrackingModel model = REGISTRY.get(name);
        if (model == null) {
            throw new IllegalStateException("No Change Tracking model named '" + name + "'");
        }
        return model;
    }

    public String name() {
        return name;
    }

    public Faults faults() {
        return faults;
    }

    // ---- database-level settings ----

    /** {@code ALTER DATABASE ... SET CHANGE_TRACKING = ON}. */
    public ChangeTrackingModel enableChangeTracking() {
        return locked(() -> changeTrackingOn = true);
    }

    public ChangeTrackingModel disableChangeTracking() {
        return locked(() -> changeTrackingOn = false);
    }

    /** Whether TRUNCATE TABLE commits a Change Tracking version of its own (see the class comment; default false). */
    public ChangeTrackingModel truncateConsumesVersion(boolean consumes) {
        return locked(() -> truncateConsumesVersion = consumes);
    }

    /** Whether the connector's user holds VIEW SERVER STATE (sees every row of sys.dm_tran_commit_table). */
    public ChangeTrackingModel viewServerState(boolean granted) {
        return locked(() -> viewServerState = granted);
    }

    /** The commit time of {@code version}, if the commit table still holds it (for assertions). */
    public Optional<Instant> commitTime(long version) {
        lock.lock();
        try {
            return Optional.ofNullable(commitTimes.get(version));
        } finally {
            lock.unlock();
        }
    }

    public ChangeTrackingModel allowSnapshotIsolation(boolean allowed) {
        return locked(() -> snapshotIsolation = allowed);
    }

    /** The clock commits are timed by (tests move it to age anchors). */
    public ChangeTrackingModel clock(Clock clock) {
        return locked(() -> this.clock = clock);
    }

    /** {@code ALTER DATABASE ... SET CHANGE_TRACKING (CHANGE_RETENTION = n units)}. */
    public ChangeTrackingModel retention(Duration retention) {
        return locked(() -> this.retention = retention);
    }

    public long currentVersion() {
        lock.lock();
        try {
            return currentVersion;
        } finally {
            lock.unlock();
        }
    }

    // ---- DDL ----

    /** {@code CREATE TABLE}; columns with a key ordinal form the primary key. */
    public ChangeTrackingModel createTable(String schema, String table, ModelColumn... columns) {
        return locked(() -> {
            ModelTable t = new ModelTable(new TableId(schema, table));
            for (ModelColumn c : columns) {
                t.columns.add(c.toColumn(t.nextColumnId++));
            }
            tables.put(t.id, t);
        });
    }

    /** {@code ALTER TABLE ... ENABLE CHANGE_TRACKING [WITH (TRACK_COLUMNS_UPDATED = ON)]}. */
    public ChangeTrackingModel track(String schema, String table, boolean trackColumnsUpdated) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            t.tracked = true;
            t.trackColumnsUpdated = trackColumnsUpdated;
            t.minValidVersion = currentVersion;
            t.beginVersion = currentVersion;
            t.history.clear();
        });
    }

    public ChangeTrackingModel untrack(String schema, String table) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            t.tracked = false;
            t.history.clear();
        });
    }

    public ChangeTrackingModel dropTable(String schema, String table) {
        return locked(() -> tables.remove(new TableId(schema, table)));
    }

    /** {@code ALTER TABLE ... ADD column}: existing rows get NULL. */
    public ChangeTrackingModel addColumn(String schema, String table, ModelColumn column) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            t.columns.add(column.toColumn(t.nextColumnId++));
            t.schemaStamp++;
        });
    }

    public ChangeTrackingModel dropColumn(String schema, String table, String column) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            t.columns.remove(t.column(column));
            t.rows.values().forEach(r -> r.remove(column));
            t.schemaStamp++;
        });
    }

    /** {@code ALTER TABLE ... ALTER COLUMN}: the new type, existing values converted by {@code convert}. */
    public ChangeTrackingModel alterColumn(String schema, String table, ModelColumn column, UnaryOperator<Object> convert) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            Column old = t.column(column.name());
            t.columns.set(t.columns.indexOf(old), column.toColumn(old.columnId()));
            t.rows.values().forEach(r -> r.computeIfPresent(column.name(), (k, v) -> convert.apply(v)));
            t.schemaStamp++;
        });
    }

    public ChangeTrackingModel permissions(String schema, String table, boolean select, boolean viewChangeTracking) {
        return locked(() -> {
            ModelTable t = table(schema, table);
            t.canSelect = select;
            t.canViewChanges = viewChangeTracking;
        });
    }

    // ---- DML ----

    /** Runs {@code statements} as one transaction; returns the version it committed with (unchanged if none). */
    public long transaction(Consumer<ModelTransaction> statements) {
        return transaction(null, statements);
    }

    /** One transaction whose statements run {@code WITH CHANGE_TRACKING_CONTEXT (context)}. */
    public long transaction(byte[] context, Consumer<ModelTransaction> statements) {
        lock.lock();
        try {
            ModelTransaction tx = new ModelTransaction(this, context);
            statements.accept(tx);
            return tx.commit();
        } finally {
            lock.unlock();
        }
    }

    public long insert(String schema, String table, Map<String, Object> row) {
        return transaction(tx -> tx.insert(schema, table, row));
    }

    public long update(String schema, String table, List<Object> key, Map<String, Object> set) {
        return transaction(tx -> tx.update(schema, table, key, set));
    }

    public long delete(String schema, String table, List<Object> key) {
        return transaction(tx -> tx.delete(schema, table, key));
    }

    /**
     * {@code TRUNCATE TABLE}: the rows go without change records; the table's tracking information is reset as if
     * tracking had just been enabled (minimum valid and begin version = the current version), after a version of its
     * own only when {@link #truncateConsumesVersion} says so.
     */
    public long truncate(String schema, String table) {
        lock.lock();
        try {
            ModelTable t = table(schema, table);
            t.rows.clear();
            t.history.clear();
            if (truncateConsumesVersion && t.tracked && changeTrackingOn) {
                currentVersion++;
                commitTimes.put(currentVersion, clock.instant());
            }
            t.minValidVersion = currentVersion;
            t.beginVersion = currentVersion;
            return currentVersion;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Retention cleanup: removes the change information of every version up to {@code version} from every tracked
     * table; their minimum valid version rises to it (an anchor at {@code version} still gets every later change).
     */
    public ChangeTrackingModel cleanupUpTo(long version) {
        return locked(() -> {
            for (ModelTable t : tables.values()) {
                if (!t.tracked) {
                    continue;
                }
                t.history.values().forEach(changes -> changes.removeIf(c -> c.version() <= version));
                t.history.values().removeIf(List::isEmpty);
                t.minValidVersion = Math.max(t.minValidVersion, version);
            }
            // The commit table is cleaned with the side tables; the boundary version stays (its anchor is valid).
            commitTimes.headMap(version, false).clear();
        });
    }

    /** The table's rows in key order (copies), for assertions. */
    public List<Map<String, Object>> rows(String schema, String table) {
        lock.lock();
        try {
            List<Map<String, Object>> rows = new ArrayList<>();
            table(schema, table).rows.values().forEach(r -> rows.add(new HashMap<>(r)));
            return rows;
        } finally {
            lock.unlock();
        }
    }

    ModelTable table(String schema, String table) {
        ModelTable t = tables.get(new TableId(schema, table));
        if (t == null) {
            throw new IllegalArgumentException("No table " + schema + "." + table + " in model " + name);
        }
        return t;
    }

    Set<TableId> tableIds() {
        return tables.keySet();
    }

    private ChangeTrackingModel locked(Runnable change) {
        lock.lock();
        try {
            change.run();
            return this;
        } finally {
            lock.unlock();
        }
    }
}
