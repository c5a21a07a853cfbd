package io.ctsync.sink.park;

import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.row.RowRef;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.common.TopicPartition;

/**
 * The task's parked records in memory, in the order they were parked (parents are usually parked before their
 * children), with their retry schedule: every batch of new records retries them all after its own rows (the parent
 * may be among them), at most once a second; while no records come, each is due again after 250 ms, then twice as
 * long after each failed retry, at most every 5 s, and once more when {@code fk.retry.max.ms} has passed, before it is
 * given up. Also knows which rows have a parked record, so a batch with a later event of such a row retries the row's
 * parked records with it: the later event is tried, and when it writes the whole row it supersedes them (they are
 * released, never applied over it). Changed only after the batch that parked or released a record has committed.
 */
public final class ParkingLot {

    private static final long FIRST_RETRY_MS = 250L;
    private static final long MAX_RETRY_INTERVAL_MS = 5_000L;
    private static final long MIN_FULL_RETRY_INTERVAL_MS = 1_000L;

    private final long retryMaxMs;
    private final Map<Coordinates, Entry> parked = new LinkedHashMap<>();
    private final Map<RowRef, Integer> held = new HashMap<>();
    private long lastFullRetryMs;

    public ParkingLot(long retryMaxMs) {
        this.retryMaxMs = retryMaxMs;
    }

    /** {@code fk.retry.max.ms}. */
    public long retryMaxMs() {
        return retryMaxMs;
    }

    public int size() {
        return parked.size();
    }

    public boolean isEmpty() {
        return parked.isEmpty();
    }

    /** True when the row has a parked record: a batch with a later event of the row retries it too. */
    public boolean holds(RowRef row) {
        return !held.isEmpty() && held.containsKey(row);
    }

    /**
     * The records due for a retry at {@code now}, in park order: all of them when a batch brings new records (at most
     * once a second), else those whose time has come. The records of one row are due together.
     */
    public List<ParkedRecord> due(long now, boolean newRecords) {
        boolean all = newRecords && now - lastFullRetryMs >= MIN_FULL_RETRY_INTERVAL_MS;
        if (all) {
            lastFullRetryMs = now;
        }
        Set<RowRef> dueRows = new HashSet<>();
        for (Entry entry : parked.values()) {
            if (all || now >= entry.nextRetryMs || expired(entry.record, now)) {
                dueRows.add(entry.record.row());
            }
        }
        List<ParkedRecord> out = new ArrayList<>();
        for (Entry entry : parked.values()) {
            if (dueRows.contains(entry.record.row())) {
                out.add(entry.record);
            }
        }
        return out;
    }

    /** The parked records of these rows, in park order. */
    public List<ParkedRecord> parkedOf(Set<RowRef> rows) {
        List<ParkedRecord> out = new ArrayList<>();
        for (Entry entry : parked.values()) {
            if (rows.contains(entry.record.row())) {
                out.add(entry.record);
            }
        }
        return out;
    }

    /** The earliest time a parked record is due, or {@link Long#MAX_VALUE} when none is parked. */
    public long nextDueMs() {
        long next = Long.MAX_VALUE;
        for (Entry entry : parked.values()) {
            next = Math.min(next, Math.min(entry.nextRetryMs, entry.record.parkedMs() + retryMaxMs));
        }
        return next;
    }

    /** True when the record has waited {@code fk.retry.max.ms}: a last failed retry gives it up. */
    public boolean expired(ParkedRecord record, long now) {
        return now - record.parkedMs() >= retryMaxMs;
    }

    public void add(ParkedRecord record, long now) {
        Entry previous = parked.put(Coordinates.of(record), new Entry(record, 0, now + FIRST_RETRY_MS));
        if (previous == null) {
            held.merge(record.row(), 1, Integer::sum);
        }
    }

    /** A retry failed again: due later. */
    public void retryFailed(ParkedRecord record, long now) {
        Entry entry = parked.get(Coordinates.of(record));
        if (entry != null) {
            entry.attempts++;
            entry.nextRetryMs = now + Math.min(MAX_RETRY_INTERVAL_MS, FIRST_RETRY_MS << Math.min(entry.attempts, 16));
        }
    }

    /** Applied, superseded or dead-lettered: no longer parked. */
    public void remove(ParkedRecord record) {
        if (parked.remove(Coordinates.of(record)) != null) {
            held.computeIfPresent(record.row(), (row, count) -> count == 1 ? null : count - 1);
        }
    }

    /** Forgets the records of partitions no longer assigned (their new owner loads them from the table). */
    public void drop(Collection<TopicPartition> partitions) {
        for (Iterator<Entry> it = parked.values().iterator(); it.hasNext(); ) {
            ParkedRecord record = it.next().record;
            if (partitions.contains(record.partition())) {
                it.remove();
                held.computeIfPresent(record.row(), (row, count) -> count == 1 ? null : count - 1);
            }
        }
    }

    private record Coordinates(TopicPartition partition, long offset) {
        static Coordinates of(ParkedRecord record) {
            return new Coordinates(record.partition(), record.offset());
        }
    }

    private static final class Entry {
        final ParkedRecord record;
        int attempts;
        long nextRetryMs;

        Entry(ParkedRecord record, int attempts, long nextRetryMs) {
            this.record = record;
            this.attempts = attempts;
            this.nextRetryMs = nextRetryMs;
        }
    }
}
