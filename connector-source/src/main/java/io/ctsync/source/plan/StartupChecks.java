package io.ctsync.source.plan;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.config.DatabaseOptions;
import io.ctsync.source.config.EventTimestampMode;
import io.ctsync.source.config.RetentionExpiredPolicy;
import io.ctsync.source.config.RowFilters;
import io.ctsync.source.config.SignalOptions;
import io.ctsync.source.config.SnapshotMode;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.config.TableSelector;
import io.ctsync.source.marker.MarkerPartitions;
import io.ctsync.source.schema.TableSchemaFactory;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * What must hold before the connector captures anything, each problem attached to the option that fixes it:
 * Change Tracking on, snapshot isolation when required, every include-list entry matching a tracked table, SELECT and
 * VIEW CHANGE TRACKING on every captured table, VIEW SERVER STATE for commit-time events, every captured column of a
 * supported type.
 */
public final class StartupChecks {

    private final Map<String, List<String>> problems = new LinkedHashMap<>();

    private StartupChecks() {
    }

    /** Checks that need no database. */
    public static Map<String, List<String>> ofConfig(SourceConnectorConfig config) {
        StartupChecks checks = new StartupChecks();
        if (config.snapshotMode() == SnapshotMode.WHEN_NEEDED
                && config.retentionExpiredPolicy() == RetentionExpiredPolicy.FAIL) {
            checks.add(SourceConnectorConfig.RETENTION_EXPIRED_POLICY, "'fail' contradicts snapshot.mode=when_needed, which "
                    + "re-snapshots a table whose anchor expired; use 'resnapshot' or another snapshot.mode");
        }
        MarkerPartitions.configProblem(config).ifPresent(p -> checks.add(SourceConnectorConfig.SNAPSHOT_MARKERS, p));
        config.tableFilters().forEach((table, filter) -> {
            if (filter.isBlank()) {
                checks.add(SourceConnectorConfig.TABLE_FILTER_PREFIX + table, "the row filter of " + table + " is empty; "
                        + "give a T-SQL search condition on its columns, or remove the option to capture every row");
            }
        });
        SignalOptions.problems(config).forEach((option, found) -> found.forEach(p -> checks.add(option, p)));
        return checks.problems;
    }

    /** Checks against the database; the captured tables are those the selector keeps. */
    public static Map<String, List<String>> ofDatabase(SourceConnectorConfig config, ChangeTrackingDatabase database) {
        StartupChecks checks = new StartupChecks();
        DatabaseFacts facts = database.facts();
        if (!facts.changeTrackingEnabled()) {
            checks.add(ConnectionOptions.CONNECTION_URL, changeTrackingOff(facts.databaseName()));
            return checks.problems;
        }
        List<TrackedTable> tracked = database.trackedTables();
        TableSelector selector = new TableSelector(config);
        for (String pattern : selector.unmatchedIncludes(tracked)) {
            checks.add(SourceConnectorConfig.TABLE_INCLUDE_LIST, "'" + pattern + "' matches no change-tracked table of "
                    + facts.databaseName() + "; " + ENABLE_TABLE);
        }
        List<TrackedTable> captured = selector.select(tracked);
        checks.checkDatabase(config, database, facts, captured, "");
        checks.reportUnfilteredNames(config, Map.of(facts.databaseName(), captured.stream().map(TrackedTable::id).toList()));
        return checks.problems;
    }

    /**
     * Checks of several databases ({@code database.names}, {@code database.include.list}): each database must open, have
     * Change Tracking on and (when named) capture at least one table; an include-list expression must match a
     * database, a table include-list entry a table of some database; then every database as {@link #ofDatabase}
     * checks one, each message naming its database.
     */
    public static Map<String, List<String>> ofDatabases(SourceConnectorConfig config, CapturedDatabases databases) {
        StartupChecks checks = new StartupChecks();
        DatabaseOptions options = databases.options();
        if (!options.includes().isEmpty()) {
            List<String> tracked = databases.server().changeTrackingDatabases();
            for (String pattern : options.unmatchedIncludes(tracked)) {
                checks.add(DatabaseOptions.DATABASE_INCLUDE_LIST, "'" + pattern + "' matches no database with Change "
                        + "Tracking enabled that the user may open (sys.change_tracking_databases: " + tracked + ")");
            }
        }
        TableSelector selector = new TableSelector(config);
        Map<String, List<TrackedTable>> trackedByDatabase = new LinkedHashMap<>();
        for (String name : databases.names()) {
            checks.checkNamedDatabase(config, databases, selector, options.names().contains(name), name)
                    .ifPresent(tracked -> trackedByDatabase.put(name, tracked));
        }
        if (!trackedByDatabase.isEmpty()) {
            for (String pattern : selector.unmatchedIncludes(trackedByDatabase)) {
                checks.add(SourceConnectorConfig.TABLE_INCLUDE_LIST, "'" + pattern + "' matches no change-tracked table "
                        + "of databases " + trackedByDatabase.keySet() + "; " + ENABLE_TABLE);
            }
            Map<String, List<TableId>> capturedByDatabase = new LinkedHashMap<>();
            trackedByDatabase.forEach((name, tracked) -> capturedByDatabase.put(name, selector.select(name, tracked)
                    .stream().map(TrackedTable::id).toList()));
            checks.reportUnfilteredNames(config, capturedByDatabase);
        }
        return checks.problems;
    }

    /** One database of several: its tracked tables, or empty when it could not be checked further. */
    private Optional<List<TrackedTable>> checkNamedDatabase(SourceConnectorConfig config,
            CapturedDatabases databases, TableSelector selector, boolean named, String name) {
        ChangeTrackingDatabase database;
        DatabaseFacts facts;
        try {
            database = databases.database(name);
            facts = database.facts();
        } catch (RuntimeException e) {
            add(DatabaseOptions.DATABASE_NAMES, "cannot open database " + name + ": " + e.getMessage() + "; check the "
                    + "name and that the login has a user in it (CREATE USER <user> FOR LOGIN <login>)");
            return Optional.empty();
        }
        if (!facts.changeTrackingEnabled()) {
            add(DatabaseOptions.DATABASE_NAMES, changeTrackingOff(name));
            return Optional.empty();
        }
        List<TrackedTable> tracked = database.trackedTables();
        List<TrackedTable> captured = selector.select(name, tracked);
        if (captured.isEmpty() && named) {
            add(DatabaseOptions.DATABASE_NAMES, "database " + name + " has no change-tracked table that "
                    + "table.include.list and table.exclude.list select (tracked: " + tracked.stream()
                    .map(t -> t.id().qualified()).toList() + "); " + ENABLE_TABLE + ", or remove it from database.names");
        }
        checkDatabase(config, database, facts, captured, "database " + name + ": ");
        return Optional.of(tracked);
    }

    private static final String ENABLE_TABLE = "enable tracking with ALTER TABLE <schema>.<table> ENABLE CHANGE_TRACKING, "
            + "and check the user has VIEW CHANGE TRACKING on it (tables without it are not listed)";

    private static String changeTrackingOff(String database) {
        return "Change Tracking is not enabled on database " + database + " (CHANGE_TRACKING_CURRENT_VERSION() is NULL); "
                + "enable it with ALTER DATABASE " + bracketed(database)
                + " SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON)";
    }

    private static String bracketed(String database) {
        return "[" + database.replace("]", "]]") + "]";
    }

    /** Snapshot isolation, permissions on the captured tables, commit times, column types; {@code where} prefixes. */
    private void checkDatabase(SourceConnectorConfig config, ChangeTrackingDatabase database, DatabaseFacts facts,
                               List<TrackedTable> captured, String where) {
        if (!facts.snapshotIsolationAllowed() && config.snapshotIsolationRequired()) {
            add(SourceConnectorConfig.SNAPSHOT_ISOLATION_REQUIRED, "database " + facts.databaseName() + " does not "
                    + "allow snapshot isolation; enable it with ALTER DATABASE " + bracketed(facts.databaseName())
                    + " SET ALLOW_SNAPSHOT_ISOLATION ON, or set snapshot.isolation.required=false to read in READ COMMITTED");
        }
        for (TrackedTable table : captured) {
            List<String> missing = new ArrayList<>();
            if (!table.canSelect()) {
                missing.add("SELECT");
            }
            if (!table.canViewChanges()) {
                missing.add("VIEW CHANGE TRACKING");
            }
            if (!missing.isEmpty()) {
                add(ConnectionOptions.CONNECTION_USER, where + "the user lacks " + String.join(" and ", missing) + " on "
                        + table.id().qualified() + "; GRANT " + String.join(", ", missing) + " ON " + table.id().qualified()
                        + " TO <user>, or exclude the table with table.exclude.list");
            }
        }
        if (config.eventTimestampMode() == EventTimestampMode.COMMIT && !database.seesCommitTimes()) {
            add(SourceConnectorConfig.EVENT_TIMESTAMP_MODE, where + "'commit' reads sys.dm_tran_commit_table, whose recent "
                    + "commits only a user with VIEW SERVER STATE sees; GRANT VIEW SERVER STATE TO <login> (Azure SQL "
                    + "Database: GRANT VIEW DATABASE STATE TO <user>), or use 'read'");
        }
        checkColumnTypes(config, database, facts, captured, where);
        checkRowFilters(config, database, facts.databaseName(), captured, where);
    }

    /** Throws one exception listing every problem, or returns when there is none. */
    public static void requireNone(Map<String, List<String>> problems) {
        if (!problems.isEmpty()) {
            List<String> lines = new ArrayList<>();
            problems.forEach((option, messages) -> messages.forEach(m -> lines.add(option + ": " + m)));
            throw new ConnectException("The connector cannot capture this database: " + String.join("; ", lines));
        }
    }

    private void checkColumnTypes(SourceConnectorConfig config, ChangeTrackingDatabase database, DatabaseFacts facts,
                                  List<TrackedTable> captured, String where) {
        TableSchemaFactory schemas = new TableSchemaFactory(config, facts.databaseName());
        database.inCycle(Isolation.READ_COMMITTED, cycle -> {
            for (TrackedTable table : captured) {
                try {
                    schemas.build(cycle.metadata(table.id()));
                } catch (ConnectException | org.apache.kafka.common.config.ConfigException e) {
                    add(SourceConnectorConfig.COLUMN_EXCLUDE_LIST, where + e.getMessage());
                }
            }
            return null;
        });
    }

    /**
     * The row filter governing each captured table of this database (its qualified key, else its unqualified one) must
     * compile against it: the database compiles {@code SELECT TOP 0 1 FROM <table> WHERE (<filter>)}, each in its own
     * transaction.
     */
    private void checkRowFilters(SourceConnectorConfig config, ChangeTrackingDatabase database, String databaseName,
                                 List<TrackedTable> captured, String where) {
        RowFilters filters = config.rowFilters();
        for (TrackedTable table : captured) {
            Optional<RowFilter> filter = filters.of(databaseName, table.id());
            if (filter.isEmpty()) {
                continue;
            }
            String key = filters.keyOf(databaseName, table.id()).orElseThrow();
            database.inCycle(Isolation.READ_COMMITTED, cycle -> cycle.rowFilterError(table.id(), filter.get()))
                    .ifPresent(error -> add(SourceConnectorConfig.TABLE_FILTER_PREFIX + key, where + "the row filter ("
                            + filter.get().predicate() + ") is not a valid T-SQL search condition on "
                            + table.id().qualified() + ": " + error));
        }
    }

    /** A row filter must name a captured table of a captured database, and one only. */
    private void reportUnfilteredNames(SourceConnectorConfig config, Map<String, List<TableId>> captured) {
        config.rowFilters().problems(captured).forEach((key, problem) ->
                add(SourceConnectorConfig.TABLE_FILTER_PREFIX + key, problem));
    }

    private void add(String option, String message) {
        problems.computeIfAbsent(option, o -> new ArrayList<>()).add(message);
    }
}
