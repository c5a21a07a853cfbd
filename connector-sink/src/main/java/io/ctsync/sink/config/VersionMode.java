package io.ctsync.sink.config;

/** Where the version gate keeps the last applied change version of each row. */
public enum VersionMode {
    /**
     * A version column in the target table when the table has one (the sink adds it to tables it creates), the
     * sink state table otherwise.
     */
    AUTO,
    /** Always a version column in the target table (added when schema evolution is on). */
    COLUMN,
    /** Always the sink state table: the target schema stays untouched. */
    TABLE,
    /** No gate: every event is applied in arrival order. */
    OFF;

    public String optionValue() {
        return name().toLowerCase();
    }
}
