package io.ctsync.sink.row;

import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * A record refused for a foreign key, kept to be retried in later batches: the record (as the sink received it,
 * after any SMTs), the row it writes, when it was first parked and why.
 */
public record ParkedRecord(SinkRecord record, RowRef row, long parkedMs, String reason) {

    /** The record's own partition (before any SMT renamed its topic): where its offset belongs. */
    public TopicPartition partition() {
        return new TopicPartition(record.originalTopic(), record.originalKafkaPartition());
    }

    public long offset() {
        return record.originalKafkaOffset();
    }

    @Override
    public String toString() {
        return partition() + "@" + offset() + " (" + row.table() + " " + row.rowKey() + ")";
    }
}
