package io.ctsync.source.tracking;

/** The isolation of a poll cycle's transaction. */
public enum Isolation {
    /** Everything a cycle reads is one consistent view: Microsoft's recommended way to read Change Tracking. */
    SNAPSHOT,
    /**
     * Fallback when the database does not allow snapshot isolation: changes may be cleaned up while a cycle reads,
     * so the minimum valid version is checked again after each read.
     */
    READ_COMMITTED
}
