package io.ctsync.source.capture;

import io.ctsync.contract.offset.TableAnchor;
import io.ctsync.source.schema.TableSchema;
import io.ctsync.source.tracking.TableId;
import java.util.Map;

/**
 * The capture state of one table: its schema and its position (the anchor after the last change read, which is
 * the offset its next record carries). A fresh table has no position; a table in snapshot has a
 * {@code SnapshotAnchor}, one following changes an {@code IncrementalAnchor}.
 */
final class TableCapture {

    final TableId id;
    TableSchema schema;
    String schemaStamp;
    TableAnchor position;
    /** Capture of this table ended: {@code initial_only} snapshot done, or the table is no longer tracked. */
    boolean finished;
    /** The offset of the last record handed to Connect for this table (null: none yet). */
    Map<String, Object> lastEmittedOffset;
    /** The position moved without a record to carry it and should be carried by a heartbeat now. */
    boolean heartbeatDue;
    long snapshotRows;
    long snapshotStartedMs;
    /**
     * {@code begin_version} of the table's Change Tracking when this task started its snapshot or first checked
     * its anchor (null: not read yet). Kept in memory only: a change of it means TRUNCATE TABLE (or tracking
     * disabled and enabled again) happened since.
     */
    Long trackingBegin;

    TableCapture(TableId id, TableAnchor position) {
        this.id = id;
        this.position = position;
        this.lastEmittedOffset = position == null ? null : position.toMap();
    }

    /** A copy of the mutable state, restored when a poll cycle fails half way. */
    record Saved(TableSchema schema, String schemaStamp, TableAnchor position, boolean finished,
                 Map<String, Object> lastEmittedOffset, boolean heartbeatDue, long snapshotRows, long snapshotStartedMs,
                 Long trackingBegin) {
    }

    Saved save() {
        return new Saved(schema, schemaStamp, position, finished, lastEmittedOffset, heartbeatDue, snapshotRows,
                snapshotStartedMs, trackingBegin);
    }

    void restore(Saved saved) {
        schema = saved.schema();
        schemaStamp = saved.schemaStamp();
        position = saved.position();
        finished = saved.finished();
        lastEmittedOffset = saved.lastEmittedOffset();
        heartbeatDue = saved.heartbeatDue();
        snapshotRows = saved.snapshotRows();
        snapshotStartedMs = saved.snapshotStartedMs();
        trackingBegin = saved.trackingBegin();
    }

    /** True when the position is not yet carried by any record Connect has been given. */
    boolean positionUnsent() {
        return position != null && !position.toMap().equals(lastEmittedOffset);
    }
}
