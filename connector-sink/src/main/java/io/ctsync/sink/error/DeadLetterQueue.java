package io.ctsync.sink.error;

import io.ctsync.sink.config.FailureOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where records that cannot be applied go: with {@code errors.tolerance=all}, Connect's dead-letter topic through the
 * task's {@link ErrantRecordReporter} (or, without a topic, the log), within the budget
 * {@code errors.max.dead.letters}; with {@code errors.tolerance=none} nowhere, the task fails instead. A batch's dead
 * letters are written and acknowledged by Kafka before the batch (and the offsets past them) commits, so a crash
 * never loses one; a crash between the two writes them again (at least once).
 */
public final class DeadLetterQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterQueue.class);

    private final ErrantRecordReporter reporter;
    private final boolean tolerant;
    private final long max;
    private long delivered;

    /** {@code reporter} null: Connect gave none (no dead-letter topic and no error log configured). */
    public DeadLetterQueue(ErrantRecordReporter reporter, boolean tolerant, long max) {
        this.reporter = reporter;
        this.tolerant = tolerant;
        this.max = max;
    }

    /** True when records that cannot be applied are set aside; false when they fail the task. */
    public boolean tolerates() {
        return tolerant;
    }

    /** Records dead-lettered by this task since it started. */
    public long delivered() {
        return delivered;
    }

    /**
     * Sends a batch's dead letters and waits until Kafka has them; call before the batch commits.
     *
     * @throws DeadLetterBudgetExceeded when they would take the task over {@code errors.max.dead.letters}
     */
    public void deliver(List<DeadLetter> letters) throws InterruptedException {
        if (letters.isEmpty()) {
            return;
        }
        if (max >= 0 && delivered + letters.size() > max) {
            throw new DeadLetterBudgetExceeded(max, delivered, letters);
        }
        if (reporter == null) {
            letters.forEach(letter -> LOG.warn("Skipping a record that cannot be applied (errors.tolerance=all, no "
                    + "dead-letter topic): {}", letter.failure().getMessage()));
            return;
        }
        List<Future<Void>> sent = new ArrayList<>(letters.size());
        for (DeadLetter letter : letters) {
            sent.add(reporter.report(letter.withReason(), letter.failure()));
        }
        for (Future<Void> future : sent) {
            try {
                future.get();
            } catch (ExecutionException e) {
                throw new ConnectException("Could not write a record to the dead-letter topic: " + e.getCause(), e.getCause());
            }
        }
    }

    /** After the batch committed: its dead letters count against the budget. */
    public void committed(List<DeadLetter> letters) {
        delivered += letters.size();
        letters.forEach(letter -> LOG.warn("Dead-lettered: {}", letter.failure().getMessage()));
    }

    /** More records could not be applied than {@code errors.max.dead.letters} allows: the task fails. */
    public static final class DeadLetterBudgetExceeded extends ConnectException {

        private static final long serialVersionUID = 1L;

        DeadLetterBudgetExceeded(long max, long delivered, List<DeadLetter> letters) {
            super((delivered + letters.size()) + " records could not be applied, more than " + FailureOptions.MAX_DEAD_LETTERS
                    + "=" + max + " allows (" + delivered + " dead-lettered so far; this batch adds " + letters.size()
                    + ", the first: " + letters.get(0).failure().getMessage() + "). The batch is rolled back: fix the "
                    + "records or the target, or raise " + FailureOptions.MAX_DEAD_LETTERS + ", then restart the task");
        }
    }
}
