package io.ctsync.sink.write;

import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.state.SinkCounters;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per flush about what the task did since the previous one; nothing when it did nothing. */
final class FlushSummary {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);

    private final SinkCounters counters;
    private final ParkingLot parking;
    private SinkCounters last = new SinkCounters();
    private long lastMs = System.currentTimeMillis();

    FlushSummary(SinkCounters counters, ParkingLot parking) {
        this.counters = counters;
        this.parking = parking;
    }

    void log() {
        long now = System.currentTimeMillis();
        SinkCounters was = last;
        SinkCounters is = counters.snapshot();
        last = is;
        double seconds = Math.max(1, now - lastMs) / 1000.0;
        lastMs = now;
        if (is.total() + is.parked() + is.superseded() + is.isolatedBatches()
                == was.total() + was.parked() + was.superseded() + was.isolatedBatches()) {
            return;
        }
        Map<String, Long> conflicts = new TreeMap<>();
        is.conflicts().forEach((key, count) -> {
            long added = count - was.conflicts().getOrDefault(key, 0L);
            if (added > 0) {
                conflicts.put(key, added);
            }
        });
        long applied = is.upserts() - was.upserts() + is.deletes() - was.deletes();
        LOG.info("Since the last flush ({} s): {} upserts and {} deletes applied ({} of the upserts gated in SQL, where "
                        + "the driver does not report whether the gate held a row back); {} duplicates held back; {} "
                        + "redelivered records and {} with nothing to apply (tombstones, truncates, messages) skipped; "
                        + "conflicts {}; {} dead-lettered ({} in total); {} parked for a missing parent ({} waiting); {} "
                        + "superseded by a later event of their row while they waited for one; {} batches applied row by row; {} records/s in {} batches",
                String.format("%.1f", seconds), is.upserts() - was.upserts(), is.deletes() - was.deletes(),
                is.unconfirmed() - was.unconfirmed(), is.duplicates() - was.duplicates(), is.redeliveries() - was.redeliveries(),
                is.skipped() - was.skipped(), conflicts.isEmpty() ? "none" : conflicts, is.deadLetters() - was.deadLetters(),
                is.deadLetters(), is.parked() - was.parked(), parking.size(), is.superseded() - was.superseded(), is.isolatedBatches() - was.isolatedBatches(),
                Math.round(applied / seconds), is.batches() - was.batches());
    }
}
