package io.ctsync.source.capture;

import io.ctsync.source.tracking.TableId;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where each of a task's tables is in the signal topic: the next signal position that still applies to it. A signal
 * that re-snapshots a table moves the table's position past it only once its snapshot starts, and every offset of the
 * table carries the position ({@link SignalStamps}), so the two commit together.
 */
public final class SignalPositions {

    private final CaptureEngine engine;
    private final List<TableCapture> tables;

    SignalPositions(CaptureEngine engine, List<TableCapture> tables) {
        this.engine = engine;
        this.tables = tables;
    }

    /**
     * {@link CaptureEngine#resnapshot} for a signal at {@code signalPosition}, unless the table considered that signal
     * already (its offset carried a later position). The table's offsets carry the position after the signal from the
     * moment its snapshot starts, so a restarted task neither loses the request nor executes it again.
     */
    public CaptureEngine.Resnapshot resnapshot(TableId table, long signalPosition) {
        TableCapture capture = engine.capture(table);
        if (capture == null) {
            return CaptureEngine.Resnapshot.NOT_OWNED;
        }
        long applied = capture.requestedBySignal != null ? capture.requestedBySignal
                : capture.signalPosition != null ? capture.signalPosition : 0L;
        if (signalPosition < applied) {
            return CaptureEngine.Resnapshot.SIGNAL_ALREADY_CONSIDERED;
        }
        CaptureEngine.Resnapshot outcome = engine.resnapshot(table);
        if (capture.resnapshotRequested) {
            capture.requestedBySignal = signalPosition + 1;
        } else {
            capture.signalPosition = signalPosition + 1;
        }
        return outcome;
    }

    /**
     * Turns signal tracking on: each table starts at the signal position its offset carried ({@code committed}), a
     * table without one at {@code next} (signals sent before it was first seen with signals on do not apply to it).
     */
    public void follow(Map<TableId, Long> committed, long next) {
        for (TableCapture table : tables) {
            table.signalPosition = committed.getOrDefault(table.id, next);
            table.signalPositionSent = committed.get(table.id);
        }
    }

    /** The lowest signal position that still applies to one of this task's tables: where reading signals starts. */
    public long applyFrom() {
        return tables.stream().map(t -> t.signalPosition).filter(Objects::nonNull).mapToLong(Long::longValue)
                .min().orElse(0L);
    }

    /** Every signal before {@code next} was considered: the tables' positions move on (a pending request's with it). */
    public void consideredUpTo(long next) {
        for (TableCapture table : tables) {
            if (table.requestedBySignal != null) {
                table.requestedBySignal = Math.max(table.requestedBySignal, next);
            } else if (table.signalPosition != null) {
                table.signalPosition = Math.max(table.signalPosition, next);
            }
        }
    }

    /** The task's tables. */
    public List<TableId> tables() {
        return tables.stream().map(t -> t.id).toList();
    }
}
