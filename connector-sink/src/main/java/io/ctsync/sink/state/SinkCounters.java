package io.ctsync.sink.state;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the task did, for its INFO summary per flush and its plugin metrics. Only the task thread writes; metrics read
 * from another thread and may lag by a batch.
 */
public final class SinkCounters {

    private long upserts;
    private long deletes;
    private long duplicates;
    private long unconfirmed;
    private long redeliveries;
    private long skipped;
    private long deadLetters;
    private long parked;
    private long superseded;
    private long isolatedBatches;
    private long batches;
    private final Map<String, LongAdder> conflicts = new ConcurrentHashMap<>();

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

    /** Rows sent with a version gate in SQL whose database reported no per-row count (batch rewriting, multi-row upserts). */
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

    /** Records sent to the dead-letter topic (or, without one, skipped and logged). */
    public void deadLetters(int count) {
        deadLetters += count;
    }

    /** Records parked for a missing parent row (each counted once, when first parked). */
    public void parked(int count) {
        parked += count;
    }

    /**
     * Events that waited for a missing parent row (parked, or behind such an event of their row) and were made
     * obsolete by a later event of their row: never applied.
     */
    public void superseded(int count) {
        superseded += count;
    }

    /** Batches the database refused as a whole and the sink then applied row by row, isolating the failing rows. */
    /** A batch committed: one transaction of records (and parked records due). */
    public void batchCommitted() {
        batches++;
    }

    public void isolatedBatch() {
        isolatedBatches++;
    }

    /** One conflict resolved by {@code rule} with {@code outcome}. */
    public void conflict(String rule, String outcome) {
        conflicts.computeIfAbsent(rule + "/" + outcome, k -> new LongAdder()).increment();
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

    public long deadLetters() {
        return deadLetters;
    }

    public long parked() {
        return parked;
    }

    public long superseded() {
        return superseded;
    }

    public long isolatedBatches() {
        return isolatedBatches;
    }

    public long batches() {
        return batches;
    }

    /** Conflicts so far by {@code rule/outcome}, sorted. */
    public Map<String, Long> conflicts() {
        Map<String, Long> out = new TreeMap<>();
        conflicts.forEach((key, count) -> out.put(key, count.sum()));
        return out;
    }

    public long conflictTotal() {
        return conflicts.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** A copy of the counts now (to tell later what changed since). */
    public SinkCounters snapshot() {
        SinkCounters copy = new SinkCounters();
        copy.add(this);
        return copy;
    }

    /** Adds what one batch counted, once it committed. */
    public void add(SinkCounters batch) {
        upserts += batch.upserts;
        deletes += batch.deletes;
        duplicates += batch.duplicates;
        unconfirmed += batch.unconfirmed;
        redeliveries += batch.redeliveries;
        skipped += batch.skipped;
        deadLetters += batch.deadLetters;
        parked += batch.parked;
        superseded += batch.superseded;
        isolatedBatches += batch.isolatedBatches;
        batches += batch.batches;
        batch.conflicts.forEach((key, count) -> conflicts.computeIfAbsent(key, k -> new LongAdder()).add(count.sum()));
    }

    public long total() {
        return upserts + deletes + duplicates + redeliveries + skipped + deadLetters + conflictTotal();
    }
}
