package io.ctsync.sink.offset;

import java.sql.SQLException;
import org.apache.kafka.common.TopicPartition;

/**
 * Another writer moved a partition's stored offset since this task read it. The batch is rolled back and the task
 * re-reads the offsets, so the other writer's work is neither lost nor applied twice.
 */
public class OffsetsFencedException extends SQLException {

    private static final long serialVersionUID = 1L;

    public OffsetsFencedException(TopicPartition partition, Long expected) {
        super("The stored offset of " + partition + " is no longer " + (expected == null ? "absent" : expected)
                + ": another task wrote this partition meanwhile");
    }

    /** Another writer changed what this task holds, e.g. a parked record it retried or parked first. */
    public OffsetsFencedException(String message) {
        super(message);
    }
}
