package io.ctsync.sink.write;

import io.ctsync.sink.conflict.ConflictNotice;
import io.ctsync.sink.error.DeadLetterQueue;
import io.ctsync.sink.park.ParkingLot;
import io.ctsync.sink.row.ParkedRecord;
import io.ctsync.sink.state.SinkCounters;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a committed batch changes in the task's memory: its counters, the dead-letter budget, the parking lot, and the
 * log lines for what it set aside (every dead letter; parked records, and parked records a later event superseded, one
 * line per batch with a count and a few examples, each parked record at DEBUG; conflicts up to 20 per flush at INFO, the rest at DEBUG, counted in the flush summary).
 */
final class CommittedOutcomes {

    private static final Logger LOG = LoggerFactory.getLogger(SinkWriter.class);
    private static final int CONFLICTS_LOGGED_PER_FLUSH = 20;

    private final SinkCounters counters;
    private final DeadLetterQueue deadLetters;
    private final ParkingLot parking;
    private int conflictsLogged;

    CommittedOutcomes(SinkCounters counters, DeadLetterQueue deadLetters, ParkingLot parking) {
        this.counters = counters;
        this.deadLetters = deadLetters;
        this.parking = parking;
    }

    void apply(BatchOutcome outcome) {
        long now = System.currentTimeMillis();
        counters.add(outcome.counts());
        counters.redeliveries(outcome.redelivered());
        counters.skipped(outcome.skipped());
        deadLetters.committed(outcome.deadLetters());
        counters.deadLetters(outcome.deadLetters().size());
        outcome.released().forEach(parking::remove);
        outcome.stillParked().forEach(record -> parking.retryFailed(record, now));
        outcome.parked().forEach(record -> parking.add(record, now));
        counters.parked(outcome.parked().size());
        if (!outcome.parked().isEmpty()) {
            // One line per batch: a missing parent often holds back many children at once.
            List<ParkedRecord> parked = outcome.parked();
            LOG.info("Parked {} record(s) until their parent rows arrive (at most {} ms), e.g. {}: {}", parked.size(),
                    parking.retryMaxMs(), parked.subList(0, Math.min(3, parked.size())), parked.get(0).reason());
            parked.forEach(record -> LOG.debug("Parked {}: {}", record, record.reason()));
        }
        if (!outcome.superseded().isEmpty()) {
            LOG.info("Released {} parked record(s): a later event of their row superseded them (e.g. {})",
                    outcome.superseded().size(), outcome.superseded().subList(0, Math.min(3, outcome.superseded().size())));
        }
        outcome.reconciliations().forEach(reconciliation -> LOG.info(reconciliation.describe()));
        outcome.pendingRetries().forEach(retry -> LOG.info(retry.describe()));
        outcome.obsolete().forEach((table, count) -> LOG.info("Dropped {} event(s) of {} older than its newest reconciled "
                + "snapshot (parked for a parent before it, or replayed): the snapshot found their rows gone from the "
                + "source; counted as duplicates", count, table));
        for (ConflictNotice notice : outcome.conflicts()) {
            counters.conflict(notice.rule(), notice.resolution().outcome().label());
            if (conflictsLogged++ < CONFLICTS_LOGGED_PER_FLUSH) {
                LOG.info(notice.describe());
            } else {
                LOG.debug(notice.describe());
            }
        }
    }

    /** A flush summary was logged: the next conflicts are logged again. */
    void flushed() {
        conflictsLogged = 0;
    }
}
