package io.ctsync.sink.config;

/** What a tombstone (a record with a null value) does. */
public enum TombstoneHandling {
    /**
     * Ignore tombstones on topics of change envelopes (their delete event already deleted the row, with a version)
     * and on topics routed by {@code ${source.*}} fields; delete by key on topics of flat records.
     */
    AUTO,
    /** Always delete the row with the tombstone's key. */
    DELETE,
    /** Never act on tombstones. */
    IGNORE;

    public String optionValue() {
        return name().toLowerCase();
    }
}
