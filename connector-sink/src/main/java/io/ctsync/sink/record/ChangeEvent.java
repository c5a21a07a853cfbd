package io.ctsync.sink.record;

import io.ctsync.sink.schema.TableId;
import java.util.List;
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
    private final String sourceOp;
    private final List<String> changedColumns;

    public ChangeEvent(SinkRecord record, Op op, TableId table, Struct row, Long version) {
        this(record, op, table, row, version, null, null);
    }

    /**
     * @param sourceOp       the envelope's {@code op} ({@code c}, {@code r}, {@code u}, {@code d}), null for flat rows
     *                       and tombstones
     * @param changedColumns the columns an update changed ({@code source.changed_columns}), null when not known (all)
     */
    public ChangeEvent(SinkRecord record, Op op, TableId table, Struct row, Long version, String sourceOp,
                       List<String> changedColumns) {
        this.record = record;
        this.op = op;
        this.table = table;
        this.row = row;
        this.version = version;
        this.sourceOp = sourceOp;
        this.changedColumns = changedColumns == null ? null : List.copyOf(changedColumns);
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

    /** The envelope's op letter, or null when the record is a flat row or a tombstone. */
    public String sourceOp() {
        return sourceOp;
    }

    /** True when the source inserted the row ({@code c}) or read it in a snapshot ({@code r}). */
    public boolean isInsert() {
        return "c".equals(sourceOp) || "r".equals(sourceOp);
    }

    /** True when the source updated an existing row ({@code u}). */
    public boolean isUpdate() {
        return "u".equals(sourceOp);
    }

    /** The columns the source changed, or null when every column may have changed. */
    public List<String> changedColumns() {
        return changedColumns;
    }

    @Override
    public String toString() {
        return op + " " + table + " v" + version + " (" + record.originalTopic() + "-" + record.originalKafkaPartition() + "@"
                + record.originalKafkaOffset() + ")";
    }
}
