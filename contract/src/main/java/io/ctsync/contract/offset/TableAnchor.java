package io.ctsync.contract.offset;

import java.util.Map;

/**
 * The Connect source offset of one table: how far its changes have been emitted. Either the table is still
 * being snapshotted ({@link SnapshotAnchor}) or it follows Change Tracking from a version
 * ({@link IncrementalAnchor}). A missing offset (never started, or reset by an operator) means "start as
 * {@code snapshot.mode} says".
 *
 * <pre>
 * {"phase":"snapshot",    "snapshot_version":120, "snapshot_last_key":"[\"42\"]"}
 * {"phase":"incremental", "version":135}
 * {"phase":"incremental", "version":135, "cursor_version":140, "cursor_key":"[\"7\"]"}
 * {"phase":"incremental", "since":"2026-11-29T00:00:00Z"}          (written by an operator only)
 * </pre>
 */
public sealed interface TableAnchor permits SnapshotAnchor, IncrementalAnchor, PointInTimeAnchor {

    String PHASE = "phase";
    String PHASE_SNAPSHOT = "snapshot";
    String PHASE_INCREMENTAL = "incremental";
    /** Format marker, so a later layout can be told apart; absent means 1. */
    String FORMAT = "format";
    int CURRENT_FORMAT = 1;

    Map<String, Object> toMap();

    /** Reads an anchor; any other shape is an {@link InvalidOffsetException} naming the field to fix. */
    static TableAnchor fromMap(Map<String, ?> map) {
        String what = "Source offset";
        if (map == null) {
            throw new InvalidOffsetException(what + " must not be null here (a null offset resets the table)");
        }
        Long format = OffsetFields.optionalVersion(what, map, FORMAT);
        if (format != null && format != CURRENT_FORMAT) {
            throw new InvalidOffsetException(what + " field '" + FORMAT + "' is " + format
                    + ", but this version of ctsync reads format " + CURRENT_FORMAT);
        }
        String phase = OffsetFields.requiredString(what, map, PHASE);
        switch (phase) {
            case PHASE_SNAPSHOT:
                return SnapshotAnchor.read(map);
            case PHASE_INCREMENTAL:
                return map.containsKey(PointInTimeAnchor.SINCE) ? PointInTimeAnchor.read(map) : IncrementalAnchor.read(map);
            default:
                throw new InvalidOffsetException(what + " field '" + PHASE + "' must be '" + PHASE_SNAPSHOT + "' or '"
                        + PHASE_INCREMENTAL + "', but was '" + phase + "'");
        }
    }
}
