package io.ctsync.sink.write;

import io.ctsync.sink.record.ChangeEvent;

/** An event ready to write: its layout, its converted key values and the key's text form. */
public record PendingRow(ChangeEvent event, RowLayout layout, Object[] key, String rowKey) {

    public String sql() {
        return layout.sqlFor(event);
    }
}
