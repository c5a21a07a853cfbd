package io.ctsync.sink.buffer;

import io.ctsync.sink.row.PendingRow;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The rows of one target table in one batch, in arrival order. With reduction only the last row of each key stays
 * (a delete then an insert of a key becomes the insert, which overwrites the whole row just as delete + insert
 * would). {@link #groups()} cuts the rows into as few statement batches as possible without ever reordering the rows
 * of one key: a row whose key is already waiting in an open batch first closes the open batches. There is no
 * "all upserts, then all deletes".
 */
public final class TableBuffer {

    private final boolean reduce;
    private final List<PendingRow> rows = new ArrayList<>();
    private final Map<String, PendingRow> lastByKey = new LinkedHashMap<>();

    public TableBuffer(boolean reduce) {
        this.reduce = reduce;
    }

    public void add(PendingRow row) {
        if (reduce) {
            lastByKey.put(row.rowKey(), row);
        } else {
            rows.add(row);
        }
    }

    /** The rows that will be written, in write order. */
    public List<PendingRow> rows() {
        return reduce ? List.copyOf(lastByKey.values()) : List.copyOf(rows);
    }

    public List<StatementGroup> groups() {
        List<StatementGroup> out = new ArrayList<>();
        Map<String, List<PendingRow>> open = new LinkedHashMap<>();
        Map<String, Boolean> keysInOpen = new HashMap<>();
        for (PendingRow row : reduce ? lastByKey.values() : rows) {
            if (keysInOpen.containsKey(row.rowKey())) {
                close(open, out);
                keysInOpen.clear();
            }
            open.computeIfAbsent(row.sql(), sql -> new ArrayList<>()).add(row);
            keysInOpen.put(row.rowKey(), Boolean.TRUE);
        }
        close(open, out);
        return out;
    }

    private static void close(Map<String, List<PendingRow>> open, List<StatementGroup> out) {
        open.forEach((sql, group) -> out.add(new StatementGroup(sql, group)));
        open.clear();
    }
}
