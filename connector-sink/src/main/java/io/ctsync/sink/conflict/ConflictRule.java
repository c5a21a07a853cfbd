package io.ctsync.sink.conflict;

/** One way of resolving a conflict ({@code conflict.policy}, the missing-row options); pure, no I/O. */
interface ConflictRule {

    /** The rule's name as configured, e.g. {@code target-wins} or {@code conflict.update.missing=skip}. */
    String name();

    Resolution resolve(Conflict conflict);
}
