package io.ctsync.sink.park;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.jdbc.JdbcSession;
import io.ctsync.sink.offset.OffsetsFencedException;
import io.ctsync.sink.offset.PartitionColumns;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.row.RowRef;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.state.RowKeys;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The parked table: records refused for a foreign key, kept in the target database and written in the same
 * transaction as the batch that moves the stored offsets past them, so a crash never loses one. Each record is
 * removed with a compare-and-set (a delete that must find it): a second task retrying the same record (a zombie after
 * a rebalance) finds it gone and rolls back.
 */
public final class ParkedStore {

    private static final List<String> KEY = List.of("connector_name", "topic", "kafka_partition", "kafka_offset");
    private static final int MAX_REASON = 2000;
    private static final List<String> STORED = List.of("routed_topic", "table_name", "row_key", "parked_ms", "reason",
            "record_timestamp", "record_key", "record_value", "record_headers");

    private final Dialect dialect;
    private final TableId table;
    private final String connectorName;
    private final String insertSql;
    private final String deleteSql;
    private final String selectSql;
    private ParkedRecordCodec codec;

    public ParkedStore(Dialect dialect, TableId table, String connectorName) {
        this.dialect = dialect;
        this.table = table;
        this.connectorName = connectorName;
        String t = dialect.qualified(table);
        String match = PartitionColumns.match(dialect);
        List<String> all = new ArrayList<>(KEY);
        all.addAll(STORED);
        this.insertSql = "INSERT INTO " + t + " (" + quotedList(all) + ") VALUES (" + "?, ".repeat(all.size() - 1) + "?)";
        this.deleteSql = "DELETE FROM " + t + " WHERE " + match + " AND " + dialect.quote("kafka_offset") + " = ?";
        this.selectSql = "SELECT " + quotedList(STORED) + ", " + dialect.quote("kafka_offset") + " FROM " + t + " WHERE "
                + match + " ORDER BY " + dialect.quote("kafka_offset");
    }

    /**
     * Forgets the partition's parked records at or after {@code fromOffset} (all of them for null): an operator moved
     * the partition's offset back to before them, so they come again. Returns how many.
     */
    public int forget(JdbcSession session, TopicPartition partition, Long fromOffset) throws SQLException {
        PreparedStatement statement = session.prepare("DELETE FROM " + dialect.qualified(table) + " WHERE "
                + PartitionColumns.match(dialect) + " AND " + dialect.quote("kafka_offset") + " >= ?");
        PartitionColumns.bind(statement, connectorName, partition, 1);
        statement.setLong(4, fromOffset == null ? 0L : fromOffset);
        return statement.executeUpdate();
    }

    public TableId table() {
        return table;
    }

    public void ensureTable(JdbcSession session) throws SQLException {
        session.createTable(table, columns(), KEY);
    }

    /** The statements this store runs, in a fixed order: what the golden-file test of each dialect shows. */
    List<String> statements() {
        return List.of(dialect.createTable(table, columns(), KEY), insertSql, selectSql, deleteSql);
    }

    private static List<ColumnSpec> columns() {
        List<ColumnSpec> columns = new ArrayList<>(PartitionColumns.specs());
        columns.addAll(List.of(
                new ColumnSpec("kafka_offset", FieldType.of(Kind.INT64), false),
                new ColumnSpec("routed_topic", FieldType.string(249), false),
                new ColumnSpec("table_name", FieldType.string(RowKeys.MAX_LENGTH), false),
                new ColumnSpec("row_key", FieldType.string(RowKeys.MAX_LENGTH), false),
                new ColumnSpec("parked_ms", FieldType.of(Kind.INT64), false),
                new ColumnSpec("reason", FieldType.string(MAX_REASON), true),
                new ColumnSpec("record_timestamp", FieldType.of(Kind.INT64), true),
                new ColumnSpec("record_key", FieldType.string(FieldType.UNKNOWN), true),
                new ColumnSpec("record_value", FieldType.string(FieldType.UNKNOWN), true),
                new ColumnSpec("record_headers", FieldType.string(FieldType.UNKNOWN), true)));
        return columns;
    }

    /** The parked records of these partitions, oldest first per partition. */
    public List<ParkedRecord> load(JdbcSession session, Collection<TopicPartition> partitions) throws SQLException {
        List<ParkedRecord> out = new ArrayList<>();
        PreparedStatement statement = session.prepare(selectSql);
        for (TopicPartition partition : partitions) {
            bindPartition(statement, partition, 1);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    out.add(read(rs, partition));
                }
            }
        }
        session.commit();
        return out;
    }

    /** Parks a record in the current transaction; another task parking it first fences this one. */
    public void insert(JdbcSession session, ParkedRecord parked) throws SQLException {
        SinkRecord record = parked.record();
        ParkedRecordCodec codec = codec();
        PreparedStatement statement = session.prepare(insertSql);
        bindPartition(statement, parked.partition(), 1);
        statement.setLong(4, parked.offset());
        statement.setString(5, record.topic());
        statement.setString(6, parked.row().table());
        statement.setString(7, parked.row().rowKey());
        statement.setLong(8, parked.parkedMs());
        statement.setString(9, parked.reason() == null ? null
                : parked.reason().substring(0, Math.min(MAX_REASON, parked.reason().length())));
        if (record.timestamp() == null) {
            statement.setNull(10, Types.BIGINT);
        } else {
            statement.setLong(10, record.timestamp());
        }
        statement.setString(11, record.key() == null && record.keySchema() == null ? null
                : codec.encode(record.topic(), record.keySchema(), record.key()));
        statement.setString(12, record.value() == null && record.valueSchema() == null ? null
                : codec.encode(record.topic(), record.valueSchema(), record.value()));
        statement.setString(13, codec.encodeHeaders(record.topic(), record.headers()));
        try {
            statement.executeUpdate();
        } catch (SQLException e) {
            if (dialect.classify(e) == FailureKind.RECORD) {
                throw new OffsetsFencedException("Record " + parked + " is parked already: another task parked it meanwhile");
            }
            throw e;
        }
    }

    /** Removes a parked record in the current transaction (retried or dead-lettered); it must still be there. */
    public void delete(JdbcSession session, ParkedRecord parked) throws SQLException {
        PreparedStatement statement = session.prepare(deleteSql);
        bindPartition(statement, parked.partition(), 1);
        statement.setLong(4, parked.offset());
        if (statement.executeUpdate() != 1) {
            throw new OffsetsFencedException("Parked record " + parked + " is gone: another task retried it meanwhile");
        }
    }

    private ParkedRecord read(ResultSet rs, TopicPartition partition) throws SQLException {
        String routedTopic = rs.getString(1);
        long timestamp = rs.getLong(6);
        Long time = rs.wasNull() ? null : timestamp;
        SchemaAndValue key = decode(routedTopic, rs.getString(7));
        SchemaAndValue value = decode(routedTopic, rs.getString(8));
        SinkRecord record = new SinkRecord(routedTopic, partition.partition(), key.schema(), key.value(), value.schema(),
                value.value(), rs.getLong(10), time, time == null ? TimestampType.NO_TIMESTAMP_TYPE : TimestampType.CREATE_TIME,
                codec().decodeHeaders(routedTopic, rs.getString(9)), partition.topic(), partition.partition(), rs.getLong(10));
        return new ParkedRecord(record, new RowRef(rs.getString(2), rs.getString(3)), rs.getLong(4), rs.getString(5));
    }

    private SchemaAndValue decode(String topic, String text) {
        return text == null ? SchemaAndValue.NULL : codec().decode(topic, text);
    }

    private ParkedRecordCodec codec() {
        if (codec == null) {
            codec = new ParkedRecordCodec();
        }
        return codec;
    }

    private void bindPartition(PreparedStatement statement, TopicPartition partition, int first) throws SQLException {
        PartitionColumns.bind(statement, connectorName, partition, first);
    }

    private String quotedList(List<String> columns) {
        return String.join(", ", columns.stream().map(dialect::quote).toList());
    }
}
