package io.ctsync.it.e2e;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

/** Runs a workload's transactions in a thread of its own at a steady rate while the test injects faults. */
final class BackgroundLoad implements AutoCloseable {

    private final Thread thread;
    private final AtomicInteger done = new AtomicInteger();
    private volatile boolean stopped;
    private volatile Throwable failure;
    private final java.util.concurrent.SynchronousQueue<Runnable> actions = new java.util.concurrent.SynchronousQueue<>();

    private BackgroundLoad(Workload workload, int transactions, int perSecond) {
        long interval = TimeUnit.SECONDS.toNanos(1) / perSecond;
        thread = new Thread(() -> {
            long next = System.nanoTime();
            try {
                while (!stopped && done.get() < transactions) {
                    Runnable action = actions.poll();
                    if (action != null) {
                        action.run();
                    }
                    workload.step();
                    done.incrementAndGet();
                    next += interval;
                    LockSupport.parkNanos(next - System.nanoTime());
                }
            } catch (Throwable e) {
                failure = e;
            }
        }, "e2e-workload");
        thread.setDaemon(true);
    }

    /** Starts {@code transactions} transactions at about {@code perSecond} a second. */
    static BackgroundLoad start(Workload workload, int transactions, int perSecond) {
        BackgroundLoad load = new BackgroundLoad(workload, transactions, perSecond);
        load.thread.start();
        return load;
    }

    int done() {
        return done.get();
    }

    /** Waits until at least {@code count} transactions ran. */
    void awaitDone(int count) throws InterruptedException {
        while (done.get() < count && thread.isAlive()) {
            Thread.sleep(20);
        }
        rethrow();
    }

    /** Runs {@code action} on the workload's thread between two transactions (the workload is not thread-safe). */
    void pauseAndRun(Runnable action) throws InterruptedException {
        java.util.concurrent.CountDownLatch ran = new java.util.concurrent.CountDownLatch(1);
        if (!actions.offer(() -> {
            action.run();
            ran.countDown();
        }, 30, TimeUnit.SECONDS) || !ran.await(30, TimeUnit.SECONDS)) {
            throw new AssertionError("The workload thread did not run the action");
        }
        rethrow();
    }

    /** Waits for the last transaction. */
    void finish(Duration timeout) throws InterruptedException {
        thread.join(timeout.toMillis());
        if (thread.isAlive()) {
            throw new AssertionError("The workload did not finish within " + timeout + " (" + done() + " transactions)");
        }
        rethrow();
    }

    private void rethrow() {
        if (failure != null) {
            throw new AssertionError("The workload failed", failure);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.join(10_000);
    }
}
