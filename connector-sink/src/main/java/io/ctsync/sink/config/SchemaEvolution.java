package io.ctsync.sink.config;

/** What the sink may change in the target's schema. */
public enum SchemaEvolution {
    /** Never touch the target's schema: a missing table or column is an error naming it. */
    NONE,
    /** Create missing tables (with the record key as primary key) and add missing columns; never drop or narrow. */
    BASIC;

    public String optionValue() {
        return name().toLowerCase();
    }
}
