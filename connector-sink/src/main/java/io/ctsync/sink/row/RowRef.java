package io.ctsync.sink.row;

/** One target row: its table ({@code schema.table} or {@code table}) and its key in text form ({@link io.ctsync.sink.state.RowKeys}). */
public record RowRef(String table, String rowKey) {
}
