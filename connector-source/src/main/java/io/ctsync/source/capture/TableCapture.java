package io.ctsync.source.capture;

import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.anchor.HeldAnchor;
import io.ctsync.source.schema.TableSchema;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import java.util.Map;
import java.util.Optional;

/**
 * The capture state of one table: its schema and its anchor (the anchor after the last change read, which is
 * the offset its next record carries). A fresh table has no anchor; a table in snapshot has a
 * {@code SnapshotAnchor}, one following changes an {@code IncrementalAnchor}.
 */
final class TableCapture {

    final TableId id;
    /** The table's row filter ({@code table.filter.<schema>.<table>}); empty: every row. */
    final Optional<RowFilter> rowFilter;
    /** The committed offset was written under another row filter: snapshot again, whatever snapshot.mode says. */
    final boolean filterChanged;
    TableSchema schema;
    String schemaStamp;
    HeldAnchor anchor;
    /** Capture of this table ended: {@code initial_only} snapshot done, or the table is no longer tracked. */
    boolean finished;
    long snapshotRows;
    long snapshotStartedMs;
    /**
     * {@code begin_version} of the table's Change Tracking when this task started its snapshot or first checked
     * its anchor (null: not read yet). Kept in memory only: a change of it means TRUNCATE TABLE (or tracking
     * disabled and enabled again) happened since.
     */
    Long trackingBegin;
    /** A re-snapshot was asked for (a signal); it starts in the next poll cycle that visits the table. */
    boolean resnapshotRequested;
    /** Signal position of the pending re-snapshot request; it becomes {@link #signalPosition} once the snapshot starts. */
    Long requestedBySignal;
    /**
     * The next signal-topic position that still applies to the table (null: signals are off). Carried in every offset
     * of the table, so the re-snapshot a signal started and the fact that the signal was consumed commit together.
     */
    Long signalPosition;
    /** The signal position Connect was last given for the table (null: none). */
    Long signalPositionSent;

    TableCapture(TableId id, TableAnchor stored, Optional<RowFilter> rowFilter, boolean filterChanged) {
        this.id = id;
        this.rowFilter = rowFilter;
        this.filterChanged = filterChanged;
        this.anchor = HeldAnchor.stored(stored, rowFilter.map(RowFilter::fingerprint));
    }

    /** The offset of a record that carries {@code position}: the anchor and the row-filter fingerprint. */
    Map<String, Object> offset(TableAnchor position) {
        return anchor.offset(position);
    }

    /** The table's current anchor (null: none yet). */
    TableAnchor position() {
        return anchor.current();
    }

    /** A copy of the mutable state, restored when a poll cycle fails half way. */
    record Saved(TableSchema schema, String schemaStamp, HeldAnchor anchor, boolean finished, long snapshotRows,
                 long snapshotStartedMs, Long trackingBegin, boolean resnapshotRequested, Long requestedBySignal,
                 Long signalPosition, Long signalPositionSent) {
    }

    Saved save() {
        return new Saved(schema, schemaStamp, anchor, finished, snapshotRows, snapshotStartedMs, trackingBegin,
                resnapshotRequested, requestedBySignal, signalPosition, signalPositionSent);
    }

    void restore(Saved saved) {
        schema = saved.schema();
        schemaStamp = saved.schemaStamp();
        anchor = saved.anchor();
        finished = saved.finished();
        snapshotRows = saved.snapshotRows();
        snapshotStartedMs = saved.snapshotStartedMs();
        trackingBegin = saved.trackingBegin();
        resnapshotRequested = saved.resnapshotRequested();
        requestedBySignal = saved.requestedBySignal();
        signalPosition = saved.signalPosition();
        signalPositionSent = saved.signalPositionSent();
    }
}
