package io.ctsync.source.ctmodel;

import io.ctsync.source.tracking.TrackingException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Failures the model injects, to show how the connector survives them: the n-th snapshot chunk or change page
 * read from now on fails, transiently (connection lost) or not (a crash of the task).
 */
public final class Faults {

    private final AtomicInteger failChunkIn = new AtomicInteger(-1);
    private final AtomicInteger failPageIn = new AtomicInteger(-1);
    private volatile boolean transientFailure;
    private volatile Runnable beforeNextPage;

    /** The {@code n}-th snapshot chunk read from now (1 = the next) fails. */
    public void failSnapshotChunk(int n, boolean isTransient) {
        transientFailure = isTransient;
        failChunkIn.set(n);
    }

    /** The {@code n}-th change page read from now (1 = the next) fails. */
    public void failChangePage(int n, boolean isTransient) {
        transientFailure = isTransient;
        failPageIn.set(n);
    }

    void beforeChunk() {
        trip(failChunkIn, "snapshot chunk");
    }

    /**
     * Runs {@code action} (e.g. a retention cleanup) inside the next change-page read, after the cycle checked the
     * anchor: what a concurrent cleanup does to a READ COMMITTED reader.
     */
    public void beforeNextPage(Runnable action) {
        beforeNextPage = action;
    }

    void beforePage() {
        Runnable action = beforeNextPage;
        beforeNextPage = null;
        if (action != null) {
            action.run();
        }
        trip(failPageIn, "change page");
    }

    private void trip(AtomicInteger counter, String what) {
        if (counter.get() > 0 && counter.decrementAndGet() == 0) {
            counter.set(-1);
            throw new TrackingException("Injected failure reading a " + what + (transientFailure ? " (connection reset)" : ""),
                    null, transientFailure);
        }
    }
}
