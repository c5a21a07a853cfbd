package io.ctsync.sink.conflict;

import java.util.LinkedHashMap;
import java.util.Map;

/** A target row as it is now: the values of the columns the sink writes (as JDBC reads them), and the newer-wins value. */
record TargetRow(Map<String, Object> values, Object newer) {

    public String hashes() {
        return RowHashes.encode(values);
    }

    /** The values as text, for the conflict record. */
    public Map<String, String> text() {
        Map<String, String> out = new LinkedHashMap<>();
        values.forEach((column, value) -> out.put(column, value == null ? null : RowHashes.canonical(value)));
        return out;
    }
}
