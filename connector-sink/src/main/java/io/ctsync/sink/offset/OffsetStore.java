package io.ctsync.sink.offset;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;

/**
 * The Kafka offsets the sink has applied, kept in a table of the target database and written in the same transaction
 * as the data, so data and offsets commit or roll back together. Each write is a compare-and-set on the offset this
 * task last read or wrote: a second writer of the same partition (a zombie task after a rebalance) is detected and
 * its batch rolled back instead of applied twice.
 */
public final class OffsetStore {

    private static final List<String> KEY = PartitionColumns.NAMES;

    private final Dialect dialect;
    private final TableId table;
    private final String connectorName;
    private final String selectSql;
    private final String insertSql;
    private final String updateSql;

    public OffsetStore(Dialect dialect, TableId table, String connectorName) {
        this.dialect = dialect;
        this.table = table;
        this.connectorName = connectorName;
        String t = dialect.qualified(table);
        String match = PartitionColumns.match(dialect);
        this.selectSql = "SELECT " + dialect.quote("next_offset") + " FROM " + t + " WHERE " + match;
        this.insertSql = "INSERT INTO " + t + " (" + dialect.quote("connector_name") + ", " + dialect.quote("topic") + ", "
                + dialect.quote("kafka_partition") + ", " + dialect.quote("next_offset") + ", " + dialect.quote("updated_ms")
                + ") VALUES (?, ?, ?, ?, ?)";
        this.updateSql = "UPDATE " + t + " SET " + dialect.quote("next_offset") + " = ?, " + dialect.quote("updated_ms")
                + " = ? WHERE " + match + " AND " + dialect.quote("next_offset") + " = ?";
    }

    public TableId table() {
        return table;
    }

    /**
     * Sets stored offsets as an operator asks through the REST API, in the current transaction: a null offset
     * forgets the partition (the task then starts where Kafka's consumer group says), a number replaces it.
     */
    public void alter(JdbcSession session, Map<TopicPartition, Long> offsets, long nowMs) throws SQLException {
        PreparedStatement delete = session.prepare("DELETE FROM " + dialect.qualified(table) + " WHERE "
                + PartitionColumns.match(dialect));
        for (Map.Entry<TopicPartition, Long> entry : offsets.entrySet()) {
            bindKey(delete, entry.getKey(), 1);
            delete.executeUpdate();
            if (entry.getValue() != null) {
                insert(session, entry.getKey(), entry.getValue(), nowMs);
            }
        }
    }

    public void ensureTable(JdbcSession session) throws SQLException {
        session.createTable(table, columns(), KEY);
    }

    /** The statements this store runs, in a fixed order: what the golden-file test of each dialect shows. */
    List<String> statements() {
        return List.of(dialect.createTable(table, columns(), KEY), selectSql, insertSql, updateSql);
    }

    private static List<ColumnSpec> columns() {
        List<ColumnSpec> columns = new ArrayList<>(PartitionColumns.specs());
        columns.add(new ColumnSpec("next_offset", FieldType.of(Kind.INT64), false));
        columns.add(new ColumnSpec("updated_ms", FieldType.of(Kind.INT64), false));
        return columns;
    }

    /** The next offset to apply of each partition the table knows; partitions it does not know are absent. */
    public Map<TopicPartition, Long> load(JdbcSession session, Collection<TopicPartition> partitions) throws SQLException {
        Map<TopicPartition, Long> offsets = new HashMap<>();
        PreparedStatement statement = session.prepare(selectSql);
        for (TopicPartition partition : partitions) {
            bindKey(statement, partition, 1);
            try (ResultSet rs = statement.executeQuery()) {
                if (rs.next()) {
                    offsets.put(partition, rs.getLong(1));
                }
            }
        }
        session.commit();
        return offsets;
    }

    /**
     * Records the new next offsets in the current transaction. {@code expected} holds what this task believes is
     * stored (absent: no row yet).
     *
     * @throws OffsetsFencedException when another writer changed a partition's offset meanwhile
     */
    public void write(JdbcSession session, Map<TopicPartition, Long> next, Map<TopicPartition, Long> expected,
                      long nowMs) throws SQLException {
        for (Map.Entry<TopicPartition, Long> entry : next.entrySet()) {
            TopicPartition partition = entry.getKey();
            Long previous = expected.get(partition);
            if (previous == null) {
                insert(session, partition, entry.getValue(), nowMs);
                continue;
            }
            PreparedStatement update = session.prepare(updateSql);
            update.setLong(1, entry.getValue());
            update.setLong(2, nowMs);
            bindKey(update, partition, 3);
            update.setLong(6, previous);
            if (update.executeUpdate() != 1) {
                throw new OffsetsFencedException(partition, previous);
            }
        }
    }

    private void insert(JdbcSession session, TopicPartition partition, long nextOffset, long nowMs) throws SQLException {
        PreparedStatement insert = session.prepare(insertSql);
        bindKey(insert, partition, 1);
        insert.setLong(4, nextOffset);
        insert.setLong(5, nowMs);
        try {
            insert.executeUpdate();
        } catch (SQLException e) {
            if (dialect.classify(e) == FailureKind.RECORD) {
                // A unique-key violation: another task inserted this partition's row first.
                throw new OffsetsFencedException(partition, null);
            }
            throw e;
        }
    }

    private void bindKey(PreparedStatement statement, TopicPartition partition, int first) throws SQLException {
        PartitionColumns.bind(statement, connectorName, partition, first);
    }
}
