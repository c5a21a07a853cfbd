package io.ctsync.source.tsql;

import io.ctsync.source.tracking.ChangeCycle;
import io.ctsync.source.tracking.ChangeOperation;
import io.ctsync.source.tracking.ChangeRow;
import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.KeyPosition;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import io.ctsync.source.tracking.TrackingException;
import io.ctsync.source.tracking.VersionCommit;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reads of one poll cycle, on the cycle's transaction. */
final class SqlServerChangeCycle implements ChangeCycle {

    private final Connection connection;

    SqlServerChangeCycle(Connection connection) {
        this.connection = connection;
    }

    @Override
    public long currentVersion() {
        try (PreparedStatement statement = connection.prepareStatement(TSql.CURRENT_VERSION);
             ResultSet rs = statement.executeQuery()) {
            rs.next();
            long version = rs.getLong(1);
            if (rs.wasNull()) {
                throw new TrackingException("CHANGE_TRACKING_CURRENT_VERSION() is NULL: Change Tracking was disabled on "
                        + "the database", null, false);
            }
            return version;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading CHANGE_TRACKING_CURRENT_VERSION()", e);
        }
    }

    @Override
    public Optional<Long> minValidVersion(TableId table) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.MIN_VALID_VERSION)) {
            statement.setString(1, TSql.quote(table));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long version = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(version);
            }
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading CHANGE_TRACKING_MIN_VALID_VERSION of " + table, e);
        }
    }

    @Override
    public Optional<Long> trackingBeginVersion(TableId table) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.TRACKING_BEGIN_VERSION)) {
            statement.setString(1, TSql.quote(table));
            try (ResultSet rs = statement.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                long version = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(version);
            }
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading sys.change_tracking_tables.begin_version of " + table, e);
        }
    }

    @Override
    public Map<TableId, String> schemaStamps(Collection<TableId> tables) {
        Set<TableId> wanted = new HashSet<>(tables);
        Map<TableId, String> stamps = new HashMap<>();
        try (PreparedStatement statement = connection.prepareStatement(TSql.SCHEMA_STAMPS);
             ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                TableId id = new TableId(rs.getString("schema_name"), rs.getString("table_name"));
                if (wanted.contains(id)) {
                    stamps.put(id, rs.getString("stamp"));
                }
            }
            return stamps;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading table modification dates", e);
        }
    }

    @Override
    public TableMetadata metadata(TableId table) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.COLUMNS)) {
            statement.setString(1, table.schema());
            statement.setString(2, table.table());
            List<Column> columns = new ArrayList<>();
            boolean trackColumns = false;
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    columns.add(new Column(rs.getString("name"), rs.getInt("column_id"), rs.getString("type_name"),
                            rs.getInt("max_length"), rs.getInt("precision"), rs.getInt("scale"), rs.getBoolean("is_nullable"),
                            rs.getInt("key_ordinal")));
                    trackColumns = rs.getBoolean("track_columns");
                }
            }
            if (columns.isEmpty()) {
                throw new TrackingException("Table " + table + " does not exist or is not visible to the user", null, false);
            }
            return new TableMetadata(table, columns, trackColumns);
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading the columns of " + table, e);
        }
    }

    @Override
    public List<Object[]> snapshotChunk(TableMetadata table, Optional<RowFilter> filter, Optional<List<Object>> afterKey,
                                        int maxRows) {
        try (PreparedStatement statement = connection.prepareStatement(
                TSql.snapshotChunk(table, filter, afterKey.isPresent()))) {
            int index = 1;
            statement.setInt(index++, maxRows);
            if (afterKey.isPresent()) {
                index = bindKeyAfter(statement, index, afterKey.get());
            }
            List<Object[]> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(readRow(rs, 1, table.columns()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading a snapshot chunk of " + table.id(), e);
        }
    }

    @Override
    public List<ChangeRow> changes(TableMetadata table, Optional<RowFilter> filter, long anchor, long upper,
                                   Optional<KeyPosition> after, int maxRows) {
        List<Column> keys = table.keyColumns();
        List<Column> masked = TSql.maskedColumns(table);
        try (PreparedStatement statement = connection.prepareStatement(
                TSql.changesPage(table, filter, after.isPresent()))) {
            int index = 1;
            statement.setInt(index++, maxRows);
            statement.setLong(index++, anchor);
            statement.setLong(index++, upper);
            if (after.isPresent()) {
                statement.setLong(index++, after.get().version());
                statement.setLong(index++, after.get().version());
                bindKeyAfter(statement, index, after.get().key());
            }
            List<ChangeRow> rows = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    rows.add(readChange(rs, table, keys, masked, filter.isPresent()));
                }
            }
            return rows;
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading CHANGETABLE(CHANGES " + table.id() + ", " + anchor + ")", e);
        }
    }

    private static ChangeRow readChange(ResultSet rs, TableMetadata table, List<Column> keys, List<Column> masked,
                                        boolean filtered) throws SQLException {
        long version = rs.getLong(1);
        long creation = rs.getLong(2);
        Long creationVersion = rs.wasNull() ? null : creation;
        ChangeOperation operation = ChangeOperation.ofCode(rs.getString(3));
        byte[] context = rs.getBytes(4);
        boolean allColumns = rs.getBoolean(5);
        int index = TSql.CHANGE_FIXED_COLUMNS + 1;
        List<Object> key = List.of(readRow(rs, index, keys));
        index += keys.size();
        Set<String> changed = null;
        if (!allColumns) {
            changed = new HashSet<>();
            for (Column column : masked) {
                if (rs.getInt(index++) == 1) {
                    changed.add(column.name());
                }
            }
        } else {
            index += masked.size();
        }
        boolean rowExists = rs.getBoolean(index++);
        Object[] values = rowExists && operation != ChangeOperation.DELETE ? readRow(rs, index, table.columns()) : null;
        boolean matches = !filtered || !rowExists || rs.getInt(index + table.columns().size()) == 1;
        return new ChangeRow(operation, version, creationVersion, context, masked.isEmpty() ? null : changed, key, values,
                matches);
    }

    @Override
    public Optional<String> rowFilterError(TableId table, RowFilter filter) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.rowFilterCheck(table, filter));
             ResultSet rs = statement.executeQuery()) {
            return Optional.empty();
        } catch (SQLException e) {
            if (SqlServerErrors.isTransient(e)) {
                throw SqlServerErrors.translate("Checking the row filter of " + table, e);
            }
            return Optional.of(e.getMessage());
        }
    }

    private static Object[] readRow(ResultSet rs, int first, List<Column> columns) throws SQLException {
        Object[] values = new Object[columns.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = SqlServerValues.read(rs, first + i, columns.get(i));
        }
        return values;
    }

    private static int bindKeyAfter(PreparedStatement statement, int index, List<Object> key) throws SQLException {
        for (int column : TSql.keyAfterBindings(key.size())) {
            SqlServerValues.bind(statement, index++, key.get(column));
        }
        return index;
    }

    @Override
    public Optional<Long> lastVersionCommittedBefore(Instant time) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.LAST_VERSION_COMMITTED_BEFORE)) {
            statement.setObject(1, OffsetDateTime.ofInstant(time, ZoneOffset.UTC));
            try (ResultSet rs = statement.executeQuery()) {
                rs.next();
                long version = rs.getLong(1);
                return rs.wasNull() ? Optional.empty() : Optional.of(version);
            }
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading sys.dm_tran_commit_table for the last version committed before " + time, e);
        }
    }

    @Override
    public Optional<VersionCommit> firstCommitFrom(long version) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.FIRST_COMMIT_FROM)) {
            statement.setLong(1, version);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(new VersionCommit(rs.getLong(1), commitTime(rs))) : Optional.empty();
            }
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading sys.dm_tran_commit_table from version " + version, e);
        }
    }

    @Override
    public Map<Long, Instant> commitTimes(long fromVersion, long toVersion) {
        try (PreparedStatement statement = connection.prepareStatement(TSql.COMMIT_TIMES)) {
            statement.setLong(1, fromVersion);
            statement.setLong(2, toVersion);
            try (ResultSet rs = statement.executeQuery()) {
                Map<Long, Instant> times = new HashMap<>();
                while (rs.next()) {
                    times.put(rs.getLong(1), commitTime(rs));
                }
                return times;
            }
        } catch (SQLException e) {
            throw SqlServerErrors.translate("Reading commit times of versions " + fromVersion + " to " + toVersion, e);
        }
    }

    /** The commit time in column 2 of a {@link TSql#COMMIT_TIMES} or {@link TSql#FIRST_COMMIT_FROM} row. */
    static Instant commitTime(ResultSet rs) throws SQLException {
        return rs.getObject(2, OffsetDateTime.class).toInstant();
    }
}
