package io.ctsync.sink.record;

import io.ctsync.sink.schema.TableId;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * One record interpreted as one row change: upsert or delete, of which table, with which row values and change
 * version. The writer later fills in the row's plan and key; the record stays for error messages and offsets.
 */
public final class ChangeEvent {

    /** What the change does to the target row. */
    public enum Op { UPSERT, DELETE }

    private final SinkRecord record;
    private final Op op;
    private final TableId table;
    private final Struct row;
    private final Long version;

    public ChangeEvent(SinkRecord record, Op op, TableId table, Struct row, Long version) {
        this.record = record;
        this.op = op;
        this.table = table;
        this.row = row;
        this.version = version;
    }

    public SinkRecord record() {
        return record;
    }

    public Op op() {
        return op;
    }

    public boolean isDelete() {
        return op == Op.DELETE;
    }

    public TableId table() {
        return table;
    }

    /** The row: the after image of an upsert; what is known of a deleted row (may be null for a tombstone). */
    public Struct row() {
        return row;
    }

    /** The change version, or null when the event carries none (then it is applied ungated). */
    public Long version() {
        return version;
    }

    @Override
    public String toString() {
        return op + " " + table + " v" + version + " (" + record.originalTopic() + "-" + record.originalKafkaPartition() + "@"
                + record.originalKafkaOffset() + ")";
    }
}
