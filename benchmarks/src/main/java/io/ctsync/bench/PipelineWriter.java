package io.ctsync.bench;

import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The raw pipeline's writer: a thread of its own that takes converted batches from a bounded queue and applies each in
 * one transaction, so the next poll and its conversion overlap with the database's work, as a sink with a writer
 * thread behind {@code put()} could do. The queue holds {@value #QUEUED_BATCHES} batches: the converter runs at most
 * that far ahead, so memory stays bounded and the figure is not a faster converter filling an endless buffer.
 */
final class PipelineWriter implements AutoCloseable {

    static final int QUEUED_BATCHES = 2;
    private static final List<Change> END = List.of();

    private final RawJdbcApplier applier;
    private final BlockingQueue<List<Change>> queue = new ArrayBlockingQueue<>(QUEUED_BATCHES);
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicLong firstCommitNanos = new AtomicLong();
    private final AtomicLong batches = new AtomicLong();
    private final Thread thread;

    PipelineWriter(RawJdbcApplier applier) {
        this.applier = applier;
        this.thread = new Thread(this::writeUntilEnd, "raw-pipeline-writer");
        this.thread.start();
    }

    /** Queues a converted batch; waits while the queue is full; throws the writer's failure if it failed. */
    void submit(List<Change> batch) throws InterruptedException {
        while (!queue.offer(batch, 100, TimeUnit.MILLISECONDS)) {
            rethrowFailure();
        }
        rethrowFailure();
    }

    /** Waits until every queued batch is committed (or the writer failed, which is then thrown). */
    void finish() throws InterruptedException {
        submit(END);
        thread.join();
        rethrowFailure();
    }

    /** When the first batch was committed (its rows appeared in the table), in {@link System#nanoTime()} terms. */
    long firstCommitNanos() {
        return firstCommitNanos.get();
    }

    long batches() {
        return batches.get();
    }

    @Override
    public void close() throws InterruptedException {
        if (thread.isAlive()) {
            thread.interrupt();
            thread.join();
        }
    }

    private void writeUntilEnd() {
        try {
            for (List<Change> batch = queue.take(); batch != END; batch = queue.take()) {
                applier.apply(batch);
                firstCommitNanos.compareAndSet(0, System.nanoTime());
                batches.incrementAndGet();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Throwable e) {
            failure.set(e);
        }
    }

    private void rethrowFailure() {
        Throwable e = failure.get();
        if (e != null) {
            throw new IllegalStateException("The raw pipeline's writer failed", e);
        }
    }
}
