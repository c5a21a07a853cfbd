package io.ctsync.sink.row;

import io.ctsync.sink.record.ChangeEvent;
import java.util.List;

/**
 * An event ready to write: its layout, its converted key values and the key's text form; its place in the batch
 * ({@code seq}, arrival order); the parked record it retries, if it is one; and, for a merge of changed columns, the
 * only columns to write.
 */
public record PendingRow(ChangeEvent event, RowLayout layout, Object[] key, String rowKey, int seq, ParkedRecord parked,
                         List<String> onlyColumns) {

    public PendingRow(ChangeEvent event, RowLayout layout, Object[] key, String rowKey) {
        this(event, layout, key, rowKey, 0, null, null);
    }

    public String sql() {
        return onlyColumns == null ? layout.sqlFor(event) : layout.updateSql(onlyColumns, event);
    }

    /** True for an upsert of the whole row (not a delete, not a merge of some columns). */
    public boolean wholeUpsert() {
        return onlyColumns == null && !event.isDelete();
    }

    public RowRef ref() {
        return new RowRef(layout.tableId().toString(), rowKey);
    }

    /** True when this row retries a record parked in an earlier batch. */
    public boolean retried() {
        return parked != null;
    }

    /** The same row at another place in the batch. */
    public PendingRow withSeq(int place) {
        return new PendingRow(event, layout, key, rowKey, place, parked, onlyColumns);
    }

    /** The same row, writing only these columns of the existing target row. */
    public PendingRow withOnlyColumns(List<String> columns) {
        return new PendingRow(event, layout, key, rowKey, seq, parked, List.copyOf(columns));
    }
}
