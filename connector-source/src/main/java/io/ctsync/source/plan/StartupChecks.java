package io.ctsync.source.plan;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.config.EventTimestampMode;
import io.ctsync.source.config.RetentionExpiredPolicy;
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
        String db = "[" + facts.databaseName().replace("]", "]]") + "]";
        if (!facts.changeTrackingEnabled()) {
            checks.add(ConnectionOptions.CONNECTION_URL, "Change Tracking is not enabled on database " + facts.databaseName()
                    + " (CHANGE_TRACKING_CURRENT_VERSION() is NULL); enable it with ALTER DATABASE " + db
                    + " SET CHANGE_TRACKING = ON (CHANGE_RETENTION = 2 DAYS, AUTO_CLEANUP = ON)");
            return checks.problems;
        }
        if (!facts.snapshotIsolationAllowed() && config.snapshotIsolationRequired()) {
            checks.add(SourceConnectorConfig.SNAPSHOT_ISOLATION_REQUIRED, "database " + facts.databaseName() + " does not "
                    + "allow snapshot isolation; enable it with ALTER DATABASE " + db + " SET ALLOW_SNAPSHOT_ISOLATION ON, "
                    + "or set snapshot.isolation.required=false to read in READ COMMITTED");
        }
        List<TrackedTable> tracked = database.trackedTables();
        TableSelector selector = new TableSelector(config);
        for (String pattern : selector.unmatchedIncludes(tracked)) {
            checks.add(SourceConnectorConfig.TABLE_INCLUDE_LIST, "'" + pattern + "' matches no change-tracked table of "
                    + facts.databaseName() + "; enable tracking with ALTER TABLE <schema>.<table> ENABLE CHANGE_TRACKING, "
                    + "and check the user has VIEW CHANGE TRACKING on it (tables without it are not listed)");
        }
        List<TrackedTable> captured = selector.select(tracked);
        for (TrackedTable table : captured) {
            List<String> missing = new ArrayList<>();
            if (!table.canSelect()) {
                missing.add("SELECT");
            }
            if (!table.canViewChanges()) {
                missing.add("VIEW CHANGE TRACKING");
            }
            if (!missing.isEmpty()) {
                checks.add(ConnectionOptions.CONNECTION_USER, "the user lacks " + String.join(" and ", missing) + " on "
                        + table.id().qualified() + "; GRANT " + String.join(", ", missing) + " ON " + table.id().qualified()
                        + " TO <user>, or exclude the table with table.exclude.list");
            }
        }
        if (config.eventTimestampMode() == EventTimestampMode.COMMIT && !database.seesCommitTimes()) {
            checks.add(SourceConnectorConfig.EVENT_TIMESTAMP_MODE, "'commit' reads sys.dm_tran_commit_table, whose recent "
                    + "commits only a user with VIEW SERVER STATE sees; GRANT VIEW SERVER STATE TO <login> (Azure SQL "
                    + "Database: GRANT VIEW DATABASE STATE TO <user>), or use 'read'");
        }
        checks.checkColumnTypes(config, database, facts, captured);
        checks.checkRowFilters(config, database, captured);
        return checks.problems;
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
                                  List<TrackedTable> captured) {
        TableSchemaFactory schemas = new TableSchemaFactory(config, facts.databaseName());
        database.inCycle(Isolation.READ_COMMITTED, cycle -> {
            for (TrackedTable table : captured) {
                try {
                    schemas.build(cycle.metadata(table.id()));
                } catch (ConnectException | org.apache.kafka.common.config.ConfigException e) {
                    add(SourceConnectorConfig.COLUMN_EXCLUDE_LIST, e.getMessage());
                }
            }
            return null;
        });
    }

    /**
     * Each row filter must name a captured table (else it would filter nothing, silently) and compile against it: the
     * database compiles {@code SELECT TOP 0 1 FROM <table> WHERE (<filter>)}, each in its own transaction.
     */
    private void checkRowFilters(SourceConnectorConfig config, ChangeTrackingDatabase database, List<TrackedTable> captured) {
        Map<String, TableId> byName = new LinkedHashMap<>();
        captured.forEach(t -> byName.put(t.id().qualified(), t.id()));
        config.tableFilters().forEach((name, filter) -> {
            String option = SourceConnectorConfig.TABLE_FILTER_PREFIX + name;
            TableId table = byName.get(name);
            if (filter.isBlank()) {
                return;
            }
            if (table == null) {
                add(option, "'" + name + "' is not a captured table, so this row filter would filter nothing; name a "
                        + "table as <schema>.<table> the way the catalog spells it (captured: " + byName.keySet() + ")");
                return;
            }
            database.inCycle(Isolation.READ_COMMITTED, cycle -> cycle.rowFilterError(table, new RowFilter(filter)))
                    .ifPresent(error -> add(option, "the row filter (" + filter + ") is not a valid T-SQL search condition "
                            + "on " + name + ": " + error));
        });
    }

    private void add(String option, String message) {
        problems.computeIfAbsent(option, o -> new ArrayList<>()).add(message);
    }
}
