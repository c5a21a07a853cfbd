package io.ctsync.bench;

/**
 * How one contender did: records consumed, wall time from start to the sentinel row (connector start-up included)
 * and apply time from the first row to the sentinel, heap, what the table ended up holding, and the round trips to
 * the database and commits while applying when it ran behind a {@link LatencyProxy} (else null).
 */
record RunResult(String contender, TargetKind target, String format, long events, long wallNanos, long applyNanos,
                 long baselineHeapBytes, long peakHeapBytes, TableDigest digest,
                 LatencyProxy.Counts network) {

    /** Round trips per transaction while applying (from the first row to the last), or -1 without a proxy. */
    double roundTripsPerBatch() {
        return network == null || network.commits() == 0 ? -1 : network.roundTrips() / (double) network.commits();
    }


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
