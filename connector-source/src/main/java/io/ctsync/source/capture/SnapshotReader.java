package io.ctsync.source.capture;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.anchor.KeyText;
import io.ctsync.source.event.ChangeEventFactory;
import io.ctsync.source.marker.SnapshotMarkers;
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
 * V0, the version read before the snapshot began, from which changes are followed. With snapshot markers, a fresh
 * snapshot starts with begin markers and ends with end markers on every partition of the table's topic; then the end
 * markers, not the last row, carry the anchor V0, so the anchor commits only after every end marker was written.
 */
final class SnapshotReader {

    private static final Logger LOG = LoggerFactory.getLogger(SnapshotReader.class);

    private final ChangeEventFactory events;
    private final int chunkRows;
    private final LongSupplier clock;
    /** Null when {@code snapshot.markers=false}. */
    private final SnapshotMarkers markers;

    SnapshotReader(ChangeEventFactory events, int chunkRows, LongSupplier clock, SnapshotMarkers markers) {
        this.events = events;
        this.chunkRows = chunkRows;
        this.clock = clock;
        this.markers = markers;
    }

    /** Starts (or restarts) the table's snapshot anchored at {@code version}. */
    void start(TableCapture table, long version) {
        LOG.info("Snapshot of {} started, anchored at Change Tracking version {}{}", table.id, version,
                table.rowFilter.map(f -> "; rows where (" + f.predicate() + ")").orElse(""));
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
        long version = anchor.snapshotVersion();
        if (markers != null && anchor.lastKey().isEmpty() && table.snapshotRows == 0) {
            out.addAll(markers.begin(table.schema, version, table.offset(anchor), clock.getAsLong()));
        }
        int limit = Math.min(chunkRows, budget);
        Optional<List<Object>> after = anchor.lastKey().map(key -> KeyText.decode(table.schema.keyColumns(), key));
        List<Object[]> rows = cycle.snapshotChunk(table.schema.metadata(), table.rowFilter, after, limit);
        boolean end = rows.size() < limit;
        long now = clock.getAsLong();
        for (int i = 0; i < rows.size(); i++) {
            Object[] row = rows.get(i);
            boolean last = end && i == rows.size() - 1;
            TableAnchor position = last && markers == null ? IncrementalAnchor.at(version)
                    : SnapshotAnchor.after(version, KeyText.encode(table.schema.keyOf(row)));
            out.add(events.read(table.schema, row, version, last, table.offset(position), now));
            table.anchor = table.anchor.moveTo(position);
        }
        table.snapshotRows += rows.size();
        if (end) {
            if (markers != null) {
                out.addAll(markers.end(table.schema, version, table.offset(IncrementalAnchor.at(version)), now));
            }
            finish(table, version, stopAfterSnapshot, now);
        }
        return rows.size();
    }

    private void finish(TableCapture table, long version, boolean stopAfterSnapshot, long now) {
        // With markers the end markers carry the anchor; without, a table whose snapshot emitted no row needs a heartbeat.
        table.anchor = markers == null ? table.anchor.moveWithoutRecord(IncrementalAnchor.at(version))
                : table.anchor.moveTo(IncrementalAnchor.at(version));
        table.finished = stopAfterSnapshot;
        LOG.info("Snapshot of {} finished: {} rows in {} ms{}; {} from Change Tracking version {}", table.id,
                table.snapshotRows, now - table.snapshotStartedMs, markers == null ? "" : ", end markers written",
                stopAfterSnapshot ? "snapshot.mode=initial_only, so capture of the table ends; anchor" : "following changes",
                version);
        table.snapshotStartedMs = 0;
    }
}
