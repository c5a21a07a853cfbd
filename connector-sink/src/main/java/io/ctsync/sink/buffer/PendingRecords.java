package io.ctsync.sink.buffer;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * The records Connect has delivered and the task has not written yet, in arrival order, so that one transaction
 * covers many {@code put()} calls: Connect's consumer hands over a few hundred records per poll (less with large
 * records), and a batch's fixed cost (state read, offsets, commit: a round trip each) is paid per transaction.
 * A batch is due when {@code batchSize} records wait or the first of them has waited {@code lingerMs}.
 *
 * <p>Nothing here is committed anywhere: the target's offsets table moves only when a batch is written, so records
 * dropped from here (a revoked partition, a stopped task) are read again from there.
 */
public final class PendingRecords {

    private final int batchSize;
    private final long lingerMs;
    private List<SinkRecord> records = new ArrayList<>();
    private long firstArrivalMs;
    /** The count, for metrics read from another thread. */
    private volatile int size;

    public PendingRecords(int batchSize, long lingerMs) {
        if (batchSize < 1 || lingerMs < 0) {
            throw new IllegalArgumentException("batch size " + batchSize + " must be at least 1, linger " + lingerMs
                    + " ms at least 0");
        }
        this.batchSize = batchSize;
        this.lingerMs = lingerMs;
    }

    /** Appends one delivery; returns the mark to {@link #takeBack} it when it is to be delivered again. */
    public int add(Collection<SinkRecord> delivered, long nowMs) {
        int mark = records.size();
        if (!delivered.isEmpty()) {
            if (records.isEmpty()) {
                firstArrivalMs = nowMs;
            }
            records.addAll(delivered);
            size = records.size();
        }
        return mark;
    }

    /** True when the records are to be written now: a full batch, or the first record has waited long enough. */
    public boolean due(long nowMs) {
        return records.size() >= batchSize || (!records.isEmpty() && nowMs - firstArrivalMs >= lingerMs);
    }

    /** How long until the waiting records are due by time (0 when they are, or when none wait). */
    public long waitMs(long nowMs) {
        return records.isEmpty() ? 0 : Math.max(0, firstArrivalMs + lingerMs - nowMs);
    }

    /** The waiting records in arrival order (a view: do not keep it past {@link #drain}). */
    public List<SinkRecord> records() {
        return records;
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return records.isEmpty();
    }

    /** Hands over the waiting records in arrival order and starts gathering anew. */
    public List<SinkRecord> drain() {
        List<SinkRecord> out = records;
        records = new ArrayList<>();
        size = 0;
        return out;
    }

    /** Removes the records added from {@code mark} on: Connect delivers them again after a retriable failure. */
    public void takeBack(int mark) {
        records.subList(Math.min(mark, records.size()), records.size()).clear();
        size = records.size();
    }

    /** Drops the records of partitions the task no longer owns; returns how many. */
    public int drop(Collection<TopicPartition> partitions) {
        int before = records.size();
        records.removeIf(record -> partitions.contains(
                new TopicPartition(record.originalTopic(), record.originalKafkaPartition())));
        size = records.size();
        return before - size;
    }
}
