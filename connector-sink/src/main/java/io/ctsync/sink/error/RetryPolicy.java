package io.ctsync.sink.error;

/**
 * Retries of transient failures: up to {@code max.retries} in a row, waiting {@code retry.backoff.ms} before the
 * first and doubling up to one minute. A successful batch starts the count again.
 */
public final class RetryPolicy {

    private static final long MAX_BACKOFF_MS = 60_000L;

    private final int maxRetries;
    private final long backoffMs;
    private int attempts;

    public RetryPolicy(int maxRetries, long backoffMs) {
        this.maxRetries = maxRetries;
        this.backoffMs = backoffMs;
    }

    public void succeeded() {
        attempts = 0;
    }

    /** True when one more retry is allowed; counts it. */
    public boolean tryAgain() {
        if (attempts >= maxRetries) {
            return false;
        }
        attempts++;
        return true;
    }

    public int attempts() {
        return attempts;
    }

    public int maxRetries() {
        return maxRetries;
    }

    /** The wait before the current attempt. */
    public long backoffMs() {
        long wait = backoffMs;
        for (int i = 1; i < attempts && wait < MAX_BACKOFF_MS; i++) {
            wait *= 2;
        }
        return Math.min(wait, MAX_BACKOFF_MS);
    }
}
