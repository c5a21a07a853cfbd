package io.ctsync.sink.failure;

/** How a failure is handled; decided once, in {@link FailureClassifier}. */
public enum FailureKind {
    /** Connection lost, deadlock, lock timeout, serialization failure, server restarting: retry the batch. */
    TRANSIENT,
    /** The record itself cannot be applied (value too long, NOT NULL, constraint, conversion): a data error. */
    RECORD,
    /** The target or the configuration is wrong (missing table, no permission, bad SQL): fail the task. */
    STRUCTURAL
}
