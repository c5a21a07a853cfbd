package io.ctsync.source.anchor;

import io.ctsync.contract.offset.TableAnchor;
import java.util.Map;

/**
 * A table's current anchor as the capture holds it, and what Connect has been given of it. The anchor reaches
 * Connect as the offset of the table's next record; when it moved without one (an idle table, a snapshot's end),
 * a heartbeat carries it. Immutable, so a failed poll cycle restores it with the rest of the table's state.
 *
 * @param current the anchor after the last change read; null while the table has none (it starts as
 *                {@code snapshot.mode} says)
 * @param lastSent the offset of the last record handed to Connect for the table; null: none yet
 * @param heartbeatDue the anchor moved without a record and should go out with the next heartbeats
 */
public record HeldAnchor(TableAnchor current, Map<String, Object> lastSent, boolean heartbeatDue) {

    /** The anchor a task starts from: the one Connect committed (null: none), already known to Connect. */
    public static HeldAnchor stored(TableAnchor stored) {
        return new HeldAnchor(stored, stored == null ? null : stored.toMap(), false);
    }

    /** Moved by a record that carries {@code next} (or one that follows it). */
    public HeldAnchor moveTo(TableAnchor next) {
        return new HeldAnchor(next, lastSent, heartbeatDue);
    }

    /** Moved with no record to carry {@code next}: the next heartbeats send it. */
    public HeldAnchor moveWithoutRecord(TableAnchor next) {
        return new HeldAnchor(next, lastSent, true);
    }

    /** Connect was given a record with this offset. */
    public HeldAnchor sent(Map<String, Object> offset) {
        return new HeldAnchor(current, offset, heartbeatDue);
    }

    /** Whether a heartbeat should carry the anchor now: it is due (or the interval elapsed) and Connect lacks it. */
    public boolean needsHeartbeat(boolean intervalElapsed) {
        return (intervalElapsed || heartbeatDue) && current != null && !current.toMap().equals(lastSent);
    }

    /** After a round of heartbeats: sent by one, or not needed. */
    public HeldAnchor heartbeatsDone(boolean sentByHeartbeat) {
        return new HeldAnchor(current, sentByHeartbeat ? current.toMap() : lastSent, false);
    }
}
