package io.ctsync.contract.offset;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

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
 * {"phase":"incremental", "version":135, "row_filter":"9f2c41d07a3b6e15"}   (a table with a row filter)
 * </pre>
 *
 * <p>{@code row_filter} is a fingerprint of the table's row filter ({@code table.filter.<schema>.<table>}) the offset
 * was written under, absent for a table without one. It sits beside any phase's fields and is not part of the anchor:
 * the source compares it with the configured filter when a task starts, and a different one (or a filter added or
 * removed) means the table is snapshotted again.
 */
public sealed interface TableAnchor permits SnapshotAnchor, IncrementalAnchor, PointInTimeAnchor {

    String PHASE = "phase";
    String PHASE_SNAPSHOT = "snapshot";
    String PHASE_INCREMENTAL = "incremental";
    /** Format marker, so a later layout can be told apart; absent means 1. */
    String FORMAT = "format";
    int CURRENT_FORMAT = 1;
    /**
     * Optional in every anchor: the position in the signal topic from which signals still apply to the table (signals
     * at lower positions were considered for it already). The source adds it to the offsets it writes; it is not part
     * of the anchor itself, so an anchor read back never carries it.
     */
    String SIGNAL_OFFSET = "signal_offset";

    String ROW_FILTER = "row_filter";

    Map<String, Object> toMap();

    /** The row-filter fingerprint of an offset (see {@link #ROW_FILTER}); empty when it has none. */
    static Optional<String> rowFilter(Map<String, ?> map) {
        return Optional.ofNullable(OffsetFields.optionalString("Source offset", map, ROW_FILTER));
    }

    /** {@code anchor}'s offset, carrying the row-filter fingerprint when there is one. */
    static Map<String, Object> offset(TableAnchor anchor, Optional<String> rowFilter) {
        Map<String, Object> map = anchor.toMap();
        rowFilter.ifPresent(fingerprint -> map.put(ROW_FILTER, fingerprint));
        return map;
    }

    /** The signal position an offset carries ({@link #SIGNAL_OFFSET}), if any. */
    static Optional<Long> signalOffset(Map<String, ?> map) {
        return map == null ? Optional.empty() : Optional.ofNullable(OffsetFields.optionalVersion("Source offset", map,
                SIGNAL_OFFSET));
    }

    /** The offset {@code map} with the signal position {@code position} added. */
    static Map<String, Object> withSignalOffset(Map<String, ?> map, long position) {
        Map<String, Object> stamped = new HashMap<>(map);
        stamped.put(SIGNAL_OFFSET, position);
        return stamped;
    }

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
