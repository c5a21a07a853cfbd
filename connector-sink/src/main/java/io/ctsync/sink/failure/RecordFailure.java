package io.ctsync.sink.failure;

import io.ctsync.sink.schema.TableId;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record that cannot be applied because of the record itself: its shape, its schema, or a value the target
 * refuses. The message names everything an operator needs to find and fix it: topic, partition, offset, table and
 * column where known. With {@code errors.tolerance=all} it goes to the dead-letter topic ({@link DeadLetterQueue}); with
 * {@code none} it fails the task.
 */
public class RecordFailure extends ConnectException {

    private static final long serialVersionUID = 1L;

    private final transient SinkRecord record;
    private final TableId table;
    private final String column;

    public RecordFailure(SinkRecord record, TableId table, String column, String reason, Throwable cause) {
        super(describe(record, table, column) + ": " + reason, cause);
        this.record = record;
        this.table = table;
        this.column = column;
    }

    public RecordFailure(SinkRecord record, String reason) {
        this(record, null, null, reason, null);
    }

    public SinkRecord record() {
        return record;
    }

    public TableId table() {
        return table;
    }

    public String column() {
        return column;
    }

    /** {@code Record topic=t partition=0 offset=42 (table x, column y)}. */
    public static String describe(SinkRecord record, TableId table, String column) {
        StringBuilder out = new StringBuilder("Record topic=").append(record.originalTopic())
                .append(" partition=").append(record.originalKafkaPartition())
                .append(" offset=").append(record.originalKafkaOffset());
        if (table != null) {
            out.append(", table ").append(table);
        }
        if (column != null) {
            out.append(", column ").append(column);
        }
        return out.toString();
    }
}
