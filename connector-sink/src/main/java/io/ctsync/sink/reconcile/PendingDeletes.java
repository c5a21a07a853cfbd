package io.ctsync.sink.reconcile;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.RowKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The stale rows a reconciliation could not delete because a foreign key refused (a parent whose children, stale too,
 * another table still held), per connector, target table and snapshot, in a table of the target database: written in
 * the batch's transaction, so they commit with the offsets and the snapshot's reconciled mark, and shared by every
 * task of the connector, so whichever task later removes rows retries them. Rows are read locked, so two tasks retrying
 * at once are serialised.
 */
final class PendingDeletes {

    private static final List<String> KEY = List.of("connector_name", "target_table", "snapshot_id", "row_key");
    private static final List<String> VALUES = List.of("snapshot_version", "topic", "refused_ms");

    private final TableId table;
    private final String connectorName;
    private final String upsertSql;
    private final String readSql;
    private final String forgetSql;

    PendingDeletes(Dialect dialect, TableId table, String connectorName) {
        this.table = table;
        this.connectorName = connectorName;
        this.upsertSql = dialect.upsert(table, KEY, VALUES, null);
        this.readSql = dialect.lockingSelect(String.join(", ", dialect.quote("target_table"), dialect.quote("snapshot_id"),
                dialect.quote("snapshot_version"), dialect.quote("topic"), dialect.quote("row_key")), table,
                dialect.quote("connector_name") + " = ?");
        this.forgetSql = "DELETE FROM " + dialect.qualified(table) + " WHERE " + dialect.quote("connector_name") + " = ? AND "
                + dialect.quote("target_table") + " = ? AND " + dialect.quote("snapshot_id") + " = ? AND "
                + dialect.quote("row_key") + " = ?";
    }

    TableId table() {
        return table;
    }

    void ensureTable(JdbcSession session) throws SQLException {
        session.createTable(table, List.of(
                new ColumnSpec("connector_name", FieldType.string(190), false),
                new ColumnSpec("target_table", FieldType.string(250), false),
                new ColumnSpec("snapshot_id", FieldType.string(64), false),
                new ColumnSpec("row_key", FieldType.string(RowKeys.MAX_LENGTH), false),
                new ColumnSpec("snapshot_version", FieldType.of(Kind.INT64), false),
                new ColumnSpec("topic", FieldType.string(249), false),
                new ColumnSpec("refused_ms", FieldType.of(Kind.INT64), false)), KEY);
    }

    /** The refused deletes of one table after one snapshot: what a retry needs to find the rows again. */
    record Group(TableId target, String snapshotId, long snapshotVersion, String topic, Set<String> rowKeys) {
    }

    /** Remembers the refused rows (again, on a replay: the same rows). */
    void remember(JdbcSession session, Group group, long nowMs) throws SQLException {
        PreparedStatement statement = session.prepare(upsertSql);
        for (String rowKey : group.rowKeys()) {
            statement.setString(1, connectorName);
            statement.setString(2, group.target().toString());
            statement.setString(3, group.snapshotId());
            statement.setString(4, rowKey);
            statement.setLong(5, group.snapshotVersion());
            statement.setString(6, group.topic());
            statement.setLong(7, nowMs);
            statement.addBatch();
        }
        statement.executeBatch();
    }

    /** The connector's pending deletes, locked, by table and snapshot in the order they were stored. */
    List<Group> read(JdbcSession session) throws SQLException {
        PreparedStatement statement = session.prepare(readSql);
        statement.setString(1, connectorName);
        Map<List<String>, Group> groups = new LinkedHashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                String target = rs.getString(1);
                String snapshotId = rs.getString(2);
                long version = rs.getLong(3);
                String topic = rs.getString(4);
                groups.computeIfAbsent(List.of(target, snapshotId), k -> new Group(TableId.parse(target), snapshotId,
                        version, topic, new LinkedHashSet<>())).rowKeys().add(rs.getString(5));
            }
        }
        return List.copyOf(groups.values());
    }

    /** Forgets these rows of the group: deleted at last, or no longer stale. */
    void forget(JdbcSession session, Group group, Collection<String> rowKeys) throws SQLException {
        if (rowKeys.isEmpty()) {
            return;
        }
        PreparedStatement statement = session.prepare(forgetSql);
        for (String rowKey : rowKeys) {
            statement.setString(1, connectorName);
            statement.setString(2, group.target().toString());
            statement.setString(3, group.snapshotId());
            statement.setString(4, rowKey);
            statement.addBatch();
        }
        statement.executeBatch();
    }
}
