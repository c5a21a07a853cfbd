package io.ctsync.bench;

/**
 * How one contender did: records consumed, wall time from start to the sentinel row (connector start-up included)
 * and apply time from the first row to the sentinel, heap, and what the table ended up holding.
 */
record RunResult(String contender, TargetKind target, String format, long events, long wallNanos, long applyNanos,
                 long baselineHeapBytes, long peakHeapBytes, TableDigest digest) {

    double eventsPerSecond() {
        return events / (applyNanos / 1e9);
    }

    double wallSeconds() {
        return wallNanos / 1e9;
    }

    double applySeconds() {
        return applyNanos / 1e9;
    }
}
