package io.ctsync.sink.write;

import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.state.SinkCounters;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One INFO line per flush about what the task did since the previous one; nothing when it did nothing. */
final class FlushSummary {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);

    private final SinkCounters counters;
    private final ParkingLot parking;
    private long upserts;
    private long deletes;
    private long duplicates;
    private long unconfirmed;
    private long redeliveries;
    private long skipped;
    private long deadLetters;
    private long parked;
    private long isolated;
    private Map<String, Long> conflicts = new HashMap<>();
    private long lastMs = System.currentTimeMillis();

    FlushSummary(SinkCounters counters, ParkingLot parking) {
        this.counters = counters;
        this.parking = parking;
    }

    void log() {
        long now = System.currentTimeMillis();
        Map<String, Long> conflictsNow = counters.conflicts();
        Map<String, Long> newConflicts = new TreeMap<>();
        conflictsNow.forEach((key, count) -> {
            long added = count - conflicts.getOrDefault(key, 0L);
            if (added > 0) {
                newConflicts.put(key, added);
            }
        });
        long applied = counters.upserts() - upserts + counters.deletes() - deletes;
        long changes = applied + counters.duplicates() - duplicates + counters.redeliveries() - redeliveries
                + counters.skipped() - skipped + counters.deadLetters() - deadLetters + counters.parked() - parked
                + newConflicts.size();
        if (changes == 0) {
            lastMs = now;
            return;
        }
        double seconds = Math.max(1, now - lastMs) / 1000.0;
        LOG.info("Since the last flush ({} s): {} upserts and {} deletes applied; {} duplicates held back ({} more gated in "
                        + "SQL without a per-row count); {} redelivered and {} no-op records skipped; conflicts {}; {} "
                        + "dead-lettered ({} in total); {} parked for a missing parent ({} waiting); {} batches applied row "
                        + "by row; {} records/s",
                String.format("%.1f", seconds), counters.upserts() - upserts, counters.deletes() - deletes,
                counters.duplicates() - duplicates, counters.unconfirmed() - unconfirmed, counters.redeliveries() - redeliveries,
                counters.skipped() - skipped, newConflicts.isEmpty() ? "none" : newConflicts, counters.deadLetters() - deadLetters,
                counters.deadLetters(), counters.parked() - parked, parking.size(), counters.isolatedBatches() - isolated,
                Math.round(applied / seconds));
        upserts = counters.upserts();
        deletes = counters.deletes();
        duplicates = counters.duplicates();
        unconfirmed = counters.unconfirmed();
        redeliveries = counters.redeliveries();
        skipped = counters.skipped();
        deadLetters = counters.deadLetters();
        parked = counters.parked();
        isolated = counters.isolatedBatches();
        conflicts = conflictsNow;
        lastMs = now;
    }
}
