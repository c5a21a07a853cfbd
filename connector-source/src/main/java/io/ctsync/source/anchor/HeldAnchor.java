package io.ctsync.source.anchor;

import io.ctsync.contract.offset.TableAnchor;
import java.util.Map;
import java.util.Optional;

/**
 * A table's current anchor as the capture holds it, and what Connect has been given of it. The anchor reaches
 * Connect as the offset of the table's next record; when it moved without one (an idle table, a snapshot's end),
 * a heartbeat carries it. Immutable, so a failed poll cycle restores it with the rest of the table's state.
 *
 * @param current the anchor after the last change read; null while the table has none (it starts as
 *                {@code snapshot.mode} says)
 * @param lastSent the offset of the last record handed to Connect for the table; null: none yet
 * @param heartbeatDue the anchor moved without a record and should go out with the next heartbeats
 * @param rowFilter the fingerprint of the table's row filter, which every offset of the table carries; empty: no filter
 */
public record HeldAnchor(TableAnchor current, Map<String, Object> lastSent, boolean heartbeatDue,
                         Optional<String> rowFilter) {

    /**
     * The anchor a task starts from: the one Connect committed (null: none), already known to Connect, under the
     * table's row filter (its fingerprint; empty: no filter), the one the committed offset carries.
     */
    public static HeldAnchor stored(TableAnchor stored, Optional<String> rowFilter) {
        return new HeldAnchor(stored, stored == null ? null : TableAnchor.offset(stored, rowFilter), false, rowFilter);
    }

    /** The offset a record carrying {@code anchor} gets: the anchor and the row-filter fingerprint. */
    public Map<String, Object> offset(TableAnchor anchor) {
        return TableAnchor.offset(anchor, rowFilter);
    }

    /** Moved by a record that carries {@code next} (or one that follows it). */
    public HeldAnchor moveTo(TableAnchor next) {
        return new HeldAnchor(next, lastSent, heartbeatDue, rowFilter);
    }

    /** Moved with no record to carry {@code next}: the next heartbeats send it. */
    public HeldAnchor moveWithoutRecord(TableAnchor next) {
        return new HeldAnchor(next, lastSent, true, rowFilter);
    }

    /** Connect was given a record with this offset. */
    public HeldAnchor sent(Map<String, Object> offset) {
        return new HeldAnchor(current, offset, heartbeatDue, rowFilter);
    }

    /** Whether a heartbeat should carry the anchor now: it is due (or the interval elapsed) and Connect lacks it. */
    public boolean needsHeartbeat(boolean intervalElapsed) {
        return (intervalElapsed || heartbeatDue) && current != null && !offset(current).equals(lastSent);
    }

    /** After a round of heartbeats: sent by one, or not needed. */
    public HeldAnchor heartbeatsDone(boolean sentByHeartbeat) {
        return new HeldAnchor(current, sentByHeartbeat ? offset(current) : lastSent, false, rowFilter);
    }
}
