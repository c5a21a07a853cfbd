package io.ctsync.source.tsql;

import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeTrackingDatabase;
import io.ctsync.source.tracking.DatabaseFacts;
import io.ctsync.source.tracking.Isolation;
import io.ctsync.source.tracking.RetentionFacts;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import io.ctsync.source.tracking.TrackingException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/** {@link ChangeTrackingDatabase} over one mssql-jdbc connection. */
public final class SqlServerChangeTrackingDatabase implements ChangeTrackingDatabase {

    /** mssql-jdbc's {@code SQLServerConnection.TRANSACTION_SNAPSHOT}. */
    static final int TRANSACTION_SNAPSHOT = 0x1000;

    private final Connection connection;

    public SqlServerChangeTrackingDatabase(Connection connection) {
        this.connection = connection;
    }

    @Override
    public DatabaseFacts facts() {
        try (PreparedStatement statement = connection.prepareStatement(TSql.FACTS); ResultSet rs = statement.executeQuery()) {
            rs.next();
            long version = rs.getLong("current_version");
            Long current = rs.wasNull() ? null : version;
            return new DatabaseFacts(rs.getString("database_name"), current, rs.getBoolean("snapshot_allowed"));
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading the database's Change Tracking facts", e);
        }
    }

    @Override
    public List<TrackedTable> trackedTables() {
        try (PreparedStatement statement = connection.prepareStatement(TSql.TRACKED_TABLES);
             ResultSet rs = statement.executeQuery()) {
            List<TrackedTable> tables = new ArrayList<>();
            while (rs.next()) {
                long rows = rs.getLong("row_estimate");
                long estimate = rs.wasNull() ? -1 : rows;
                tables.add(new TrackedTable(new TableId(rs.getString("schema_name"), rs.getString("table_name")),
                        rs.getBoolean("is_track_columns_updated_on"), estimate, rs.getInt("can_select") == 1,
                        rs.getInt("can_view") == 1));
            }
            return tables;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Listing sys.change_tracking_tables", e);
        }
    }

    @Override
    public Optional<RetentionFacts> retention(Collection<Long> versions) {
        try {
            Duration retention;
            Instant now;
            try (PreparedStatement statement = connection.prepareStatement(TSql.RETENTION); ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                retention = RetentionPeriods.of(rs.getLong("retention_period"), rs.getString("retention_period_units_desc"));
                now = rs.getTimestamp("now_utc").toLocalDateTime().toInstant(ZoneOffset.UTC);
            }
            Map<Long, Instant> commitTimes = new HashMap<>();
            try (PreparedStatement statement = connection.prepareStatement(TSql.COMMIT_TIMES)) {
                for (Long version : versions) {
                    statement.setLong(1, version);
                    statement.setLong(2, version);
                    try (ResultSet rs = statement.executeQuery()) {
                        if (rs.next()) {
                            commitTimes.put(version, SqlServerChangeCycle.commitTime(rs));
                        }
                    }
                }
            }
            return Optional.of(new RetentionFacts(retention, commitTimes, now));
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading Change Tracking retention and commit times", e);
        }
    }

    @Override
    public List<String> changeTrackingDatabases() {
        try (PreparedStatement statement = connection.prepareStatement(TSql.CHANGE_TRACKING_DATABASES);
             ResultSet rs = statement.executeQuery()) {
            List<String> names = new ArrayList<>();
            while (rs.next()) {
                names.add(rs.getString(1));
            }
            return names;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Listing sys.change_tracking_databases", e);
        }
    }

    @Override
    public boolean seesCommitTimes() {
        try (PreparedStatement statement = connection.prepareStatement(TSql.SEES_COMMIT_TIMES);
             ResultSet rs = statement.executeQuery()) {
            return rs.next() && rs.getBoolean(1);
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Checking VIEW SERVER STATE (sys.dm_tran_commit_table)", e);
        }
    }

    /**
     * One transaction: SNAPSHOT (or READ COMMITTED), committed when {@code work} returns, rolled back otherwise.
     * Outside cycles the connection is in auto-commit, so no read between cycles holds a transaction open.
     */
    @Override
    public <T> T inCycle(Isolation isolation, Function<ChangeCycle, T> work) {
        try {
            connection.setAutoCommit(false);
            connection.setTransactionIsolation(isolation == Isolation.SNAPSHOT ? TRANSACTION_SNAPSHOT
                    : Connection.TRANSACTION_READ_COMMITTED);
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Starting a " + isolation + " transaction", e);
        }
        try {
            T result = work.apply(new SqlServerChangeCycle(connection));
            connection.commit();
            return result;
        } catch (SQLException e) {
            rollback();
            throw SqlServerErrors.translate("Committing the poll cycle", e);
        } catch (RuntimeException e) {
            rollback();
            throw e;
        } finally {
            try {
                connection.setAutoCommit(true);
            } catch (SQLException ignored) {
                // A broken connection: the next use reports it, and the task reconnects.
            }
        }
    }

    private void rollback() {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // The cycle already failed; the original error is what matters.
        }
    }

    @Override
    public void close() {
        try {
            connection.close();
        } catch (SQLException e) {
            throw new TrackingException("Closing the connection failed: " + e.getMessage(), e, true);
        }
    }
}
