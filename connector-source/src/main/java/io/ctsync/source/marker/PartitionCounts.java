package io.ctsync.source.marker;

import java.util.OptionalInt;

/** Where a task learns how many partitions a table's topic has: every one of them gets the snapshot markers. */
public interface PartitionCounts extends AutoCloseable {

    /** The topic's partition count, or empty when this source cannot tell (then the next source is asked). */
    OptionalInt of(String topic);

    /** What this source is, for messages. */
    String describe();

    @Override
    default void close() {
    }
}
