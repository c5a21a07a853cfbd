package io.ctsync.sink.reconcile;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Which partitions of a topic have passed a snapshot's end marker, per connector and snapshot, in a table of the
 * target database: written in the batch's transaction, so it commits with the offsets, and shared by all tasks, which
 * own different partitions. Each snapshot has a row of its own (partition -1) that every task locks first, so two
 * tasks passing the last two end markers at once are serialised: the second sees the first's partition and
 * reconciles; the row also records that the snapshot was reconciled (and how many rows), so a replay does not again.
 */
final class SnapshotProgress {

    static final int SNAPSHOT_ROW = -1;
    /** The connector's own row (topic and snapshot {@code *}): a lock that orders reconciliations and parked retries. */
    static final int CONNECTOR_ROW = -2;
    private static final String ANY = "*";
    private static final List<String> KEY = List.of("connector_name", "topic", "snapshot_id", "kafka_partition");
    private static final List<String> VALUES = List.of("target_table", "snapshot_version", "partitions", "passed_ms");
    private static final String RECONCILED = "reconciled_rows";

    private final Dialect dialect;
    private final TableId table;
    private final String connectorName;
    private final String upsertSql;
    private final String passedSql;
    private final String reconciledSql;
    private final String floorsSql;

    SnapshotProgress(Dialect dialect, TableId table, String connectorName) {
        this.dialect = dialect;
        this.table = table;
        this.connectorName = connectorName;
        this.upsertSql = dialect.upsert(table, KEY, VALUES, null);
        String snapshot = dialect.quote("connector_name") + " = ? AND " + dialect.quote("topic") + " = ? AND "
                + dialect.quote("snapshot_id") + " = ?";
        this.passedSql = dialect.lockingSelect(dialect.quote("kafka_partition") + ", " + dialect.quote(RECONCILED), table,
                snapshot);
        this.reconciledSql = "UPDATE " + dialect.qualified(table) + " SET " + dialect.quote(RECONCILED) + " = ? WHERE "
                + snapshot + " AND " + dialect.quote("kafka_partition") + " = " + SNAPSHOT_ROW;
        this.floorsSql = dialect.lockingSelect(dialect.quote("target_table") + ", " + dialect.quote("snapshot_version"),
                table, dialect.quote("connector_name") + " = ? AND " + dialect.quote("kafka_partition") + " = "
                        + SNAPSHOT_ROW + " AND " + dialect.quote(RECONCILED) + " IS NOT NULL");
    }

    TableId table() {
        return table;
    }

    void ensureTable(JdbcSession session) throws SQLException {
        session.createTable(table, List.of(
                new ColumnSpec("connector_name", FieldType.string(190), false),
                new ColumnSpec("topic", FieldType.string(249), false),
                new ColumnSpec("snapshot_id", FieldType.string(64), false),
                new ColumnSpec("kafka_partition", FieldType.of(Kind.INT32), false),
                new ColumnSpec("target_table", FieldType.string(250), false),
                new ColumnSpec("snapshot_version", FieldType.of(Kind.INT64), false),
                new ColumnSpec("partitions", FieldType.of(Kind.INT32), false),
                new ColumnSpec("passed_ms", FieldType.of(Kind.INT64), false),
                new ColumnSpec(RECONCILED, FieldType.of(Kind.INT64), true)), KEY);
    }

    /** Where a snapshot stands after this task passed one of its end markers. */
    record Standing(int passed, Long reconciledRows) {
    }

    /** Records that the end marker's partition was passed and returns the snapshot's standing, seen under its lock. */
    Standing pass(JdbcSession session, SnapshotEnd end, long nowMs) throws SQLException {
        upsert(session, end, SNAPSHOT_ROW, nowMs);
        upsert(session, end, end.control().partition(), nowMs);
        PreparedStatement statement = session.prepare(passedSql);
        bindSnapshot(statement, end);
        int passed = 0;
        Long reconciled = null;
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                int partition = rs.getInt(1);
                long rows = rs.getLong(2);
                if (partition == SNAPSHOT_ROW) {
                    reconciled = rs.wasNull() ? null : rows;
                } else if (partition < end.control().partitions()) {
                    passed++;
                }
            }
        }
        return new Standing(passed, reconciled);
    }

    void reconciled(JdbcSession session, SnapshotEnd end, long rows) throws SQLException {
        PreparedStatement statement = session.prepare(reconciledSql);
        statement.setLong(1, rows);
        bindSnapshot(statement, end, 2);
        statement.executeUpdate();
    }

    /**
     * Writes the connector's own row, locking it until the batch commits: a batch that may reconcile and a batch that
     * retries parked records take it first, so a record parked before a snapshot is either applied before the
     * reconciliation looks (and deleted by it) or sees the reconciled snapshot and is dropped, never slips between.
     */
    void lockConnector(JdbcSession session, long nowMs) throws SQLException {
        PreparedStatement statement = session.prepare(upsertSql);
        statement.setString(1, connectorName);
        statement.setString(2, ANY);
        statement.setString(3, ANY);
        statement.setInt(4, CONNECTOR_ROW);
        statement.setString(5, ANY);
        statement.setLong(6, 0L);
        statement.setInt(7, 1);
        statement.setLong(8, nowMs);
        statement.executeUpdate();
    }

    /** Per target table, the V0 of the newest snapshot the connector reconciled (read locked: the latest commits). */
    Map<TableId, Long> reconciledVersions(JdbcSession session) throws SQLException {
        PreparedStatement statement = session.prepare(floorsSql);
        statement.setString(1, connectorName);
        Map<TableId, Long> versions = new HashMap<>();
        try (ResultSet rs = statement.executeQuery()) {
            while (rs.next()) {
                versions.merge(TableId.parse(rs.getString(1)), rs.getLong(2), Math::max);
            }
        }
        return versions;
    }

    private void upsert(JdbcSession session, SnapshotEnd end, int partition, long nowMs) throws SQLException {
        PreparedStatement statement = session.prepare(upsertSql);
        statement.setString(1, connectorName);
        statement.setString(2, end.topic());
        statement.setString(3, end.control().snapshotId());
        statement.setInt(4, partition);
        statement.setString(5, end.target().toString());
        statement.setLong(6, end.control().snapshotVersion());
        statement.setInt(7, end.control().partitions());
        statement.setLong(8, nowMs);
        statement.executeUpdate();
    }

    private void bindSnapshot(PreparedStatement statement, SnapshotEnd end) throws SQLException {
        bindSnapshot(statement, end, 1);
    }

    private void bindSnapshot(PreparedStatement statement, SnapshotEnd end, int first) throws SQLException {
        statement.setString(first, connectorName);
        statement.setString(first + 1, end.topic());
        statement.setString(first + 2, end.control().snapshotId());
    }

}
