package io.ctsync.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/** Samples the JVM's used heap every 50 ms while a contender runs and keeps the peak. */
final class HeapSampler implements AutoCloseable {

    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile long peak;
    private final long baseline;

    private HeapSampler() {
        System.gc();
        baseline = used();
        peak = baseline;
        thread = new Thread(this::sample, "heap-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    static HeapSampler start() {
        return new HeapSampler();
    }

    /** Heap in use after a full GC before the run: broker, worker and the workload kept for verification. */
    long baselineBytes() {
        return baseline;
    }

    long peakBytes() {
        return peak;
    }

    private void sample() {
        while (running) {
            peak = Math.max(peak, used());
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private static long used() {
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    @Override
    public void close() {
        running = false;
        thread.interrupt();
    }
}
