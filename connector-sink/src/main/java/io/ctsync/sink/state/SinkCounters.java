package io.ctsync.sink.state;

/**
 * What the task did, for its periodic INFO summary (and, with issue 5, its metrics). Only the task thread writes.
 */
public final class SinkCounters {

    private long upserts;
    private long deletes;
    private long duplicates;
    private long unconfirmed;
    private long redeliveries;
    private long skipped;

    public void applied(boolean delete, int count) {
        if (delete) {
            deletes += count;
        } else {
            upserts += count;
        }
    }

    /** Events the version gate held back (in memory from the state, or in SQL by a driver-reported count of 0). */
    public void duplicates(int count) {
        duplicates += count;
    }

    /** Rows sent with a version gate in SQL whose driver reported no per-row count (batch rewriting, bulk protocol). */
    public void unconfirmed(int count) {
        unconfirmed += count;
    }

    /** Records at offsets the target already holds (redelivered by Kafka after a restart). */
    public void redeliveries(int count) {
        redeliveries += count;
    }

    /** Records that change nothing: ignored tombstones, truncate/message events, deletes of a table never created. */
    public void skipped(int count) {
        skipped += count;
    }

    public long upserts() {
        return upserts;
    }

    public long deletes() {
        return deletes;
    }

    public long duplicates() {
        return duplicates;
    }

    public long unconfirmed() {
        return unconfirmed;
    }

    public long redeliveries() {
        return redeliveries;
    }

    public long skipped() {
        return skipped;
    }

    public long total() {
        return upserts + deletes + duplicates + redeliveries + skipped;
    }
}
