package io.ctsync.sink.offset;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import org.apache.kafka.common.TopicPartition;

/**
 * The columns that say whose a row of the sink's own tables is: connector, topic and partition (the offsets table, the
 * parked records table).
 */
public final class PartitionColumns {

    public static final List<String> NAMES = List.of("connector_name", "topic", "kafka_partition");

    private PartitionColumns() {
    }

    public static List<ColumnSpec> specs() {
        return List.of(
                new ColumnSpec("connector_name", FieldType.string(190), false),
                new ColumnSpec("topic", FieldType.string(249), false),
                new ColumnSpec("kafka_partition", FieldType.of(Kind.INT32), false));
    }

    /** {@code "connector_name" = ? AND "topic" = ? AND "kafka_partition" = ?}. */
    public static String match(Dialect dialect) {
        return dialect.quote("connector_name") + " = ? AND " + dialect.quote("topic") + " = ? AND "
                + dialect.quote("kafka_partition") + " = ?";
    }

    /** Binds the three, from parameter {@code first} on. */
    public static void bind(PreparedStatement statement, String connectorName, TopicPartition partition, int first)
            throws SQLException {
        statement.setString(first, connectorName);
        statement.setString(first + 1, partition.topic());
        statement.setInt(first + 2, partition.partition());
    }
}
