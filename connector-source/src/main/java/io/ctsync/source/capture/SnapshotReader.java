package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.source.anchor.KeyText;
import io.ctsync.source.event.ChangeEventFactory;
import io.ctsync.source.tracking.ChangeCycle;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.LongSupplier;
import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads a table's snapshot one chunk (keyset query in primary-key order) at a time. Each row's offset holds its
 * key, so a restart resumes after the last row Connect committed; the last row's offset is the incremental anchor
 * V0, the version read before the snapshot began, from which changes are followed.
 */
final class SnapshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final ChangeEventFactory events;
    private final int chunkRows;
    private final LongSupplier clock;

    SnapshotReader(ChangeEventFactory events, int chunkRows, LongSupplier clock) {
        this.events = events;
        this.chunkRows = chunkRows;
        this.clock = clock;
    }

    /** Starts (or restarts) the table's snapshot anchored at {@code version}. */
    void start(TableCapture table, long version) {
        LOG.info("Snapshot of {} started, anchored at Change Tracking version {}", table.id, version);
        table.anchor = table.anchor.moveTo(SnapshotAnchor.starting(version));
        table.snapshotRows = 0;
        table.snapshotStartedMs = clock.getAsLong();
    }

    /** Reads the next chunk (at most {@code budget} rows); returns the rows read. */
    int readChunk(ChangeCycle cycle, TableCapture table, int budget, List<SourceRecord> out, boolean stopAfterSnapshot) {
        SnapshotAnchor anchor = (SnapshotAnchor) table.position();
        if (table.snapshotStartedMs == 0) {
            LOG.info("Snapshot of {} resumes after key {} (anchored at version {})", table.id,
                    anchor.lastKey().orElse(List.of()), anchor.snapshotVersion());
            table.snapshotStartedMs = clock.getAsLong();
        }
        int limit = Math.min(chunkRows, budget);
        Optional<List<Object>> after = anchor.lastKey().map(key -> KeyText.decode(table.schema.keyColumns(), key));
        List<Object[]> rows = cycle.snapshotChunk(table.schema.metadata(), after, limit);
        boolean end = rows.size() < limit;
        long now = clock.getAsLong();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            boolean last = end && i == rows.size() - 1;
            Map<String, Object> offset = last ? IncrementalAnchor.at(anchor.snapshotVersion()).toMap()
                    : SnapshotAnchor.after(anchor.snapshotVersion(), KeyText.encode(table.schema.keyOf(row))).toMap();
            out.add(events.read(table.schema, row, anchor.snapshotVersion(), last, offset, now));
            table.anchor = table.anchor.moveTo(last ? IncrementalAnchor.at(anchor.snapshotVersion())
                    : SnapshotAnchor.after(anchor.snapshotVersion(), KeyText.encode(table.schema.keyOf(row))));
        }
        table.snapshotRows += rows.size();
        if (end) {
            finish(table, anchor.snapshotVersion(), stopAfterSnapshot, now);
        }
        return rows.size();
    }

    private void finish(TableCapture table, long version, boolean stopAfterSnapshot, long now) {
        table.anchor = table.anchor.moveWithoutRecord(IncrementalAnchor.at(version));
        table.finished = stopAfterSnapshot;
        LOG.info("Snapshot of {} finished: {} rows in {} ms; {} from Change Tracking version {}", table.id,
                table.snapshotRows, now - table.snapshotStartedMs,
                stopAfterSnapshot ? "snapshot.mode=initial_only, so capture of the table ends; anchor" : "following changes",
                version);
        table.snapshotStartedMs = 0;
    }
}
