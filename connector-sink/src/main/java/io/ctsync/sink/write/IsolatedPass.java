package io.ctsync.sink.write;

import io.ctsync.sink.error.FailureClassifier;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies rows in the given order (arrival order across tables: parents before children as they came), in chunks of
 * consecutive rows sharing a statement, each under a savepoint; a refused chunk is replayed row by row to find the
 * rows the database refuses. A row refused for a foreign key blocks its row: its later events that write only some
 * columns wait behind it (a key's events are never reordered), but a later event of the whole row (an upsert of every
 * column, or a delete) is tried, and supersedes the events blocked before it: they are obsolete whatever becomes of
 * it (applied, refused for a foreign key in their place, or refused). Rows {@code held} (a parked record of theirs is
 * not in this batch) all wait. Transient and structural failures are thrown: the batch is retried or the task fails.
 */
final class IsolatedPass {

    private static final int CHUNK = 100;

    private final StatementRunner runner;
    private final FailureClassifier classifier;

    IsolatedPass(StatementRunner runner, FailureClassifier classifier) {
        this.runner = runner;
        this.classifier = classifier;
    }

    /**
     * What happened to each row. {@code blocked}: refused for a foreign key (the failure), or waiting behind such a row
     * of the same key (null). {@code superseded}: blocked, then made obsolete by a later event of the whole row.
     */
    record Result(List<PendingRow> written, Map<PendingRow, SQLException> blocked, Map<PendingRow, SQLException> refused,
                  List<PendingRow> superseded) {
    }

    /** Applies {@code rows}; the events of the rows in {@code held} all wait (they are not tried). */
    Result run(List<PendingRow> rows, Set<RowRef> held) throws SQLException {
        Result result = new Result(new ArrayList<>(), new IdentityHashMap<>(), new IdentityHashMap<>(), new ArrayList<>());
        Blocked blocked = new Blocked(held, result);
        List<PendingRow> chunk = new ArrayList<>();
        Set<String> keysInChunk = new HashSet<>();
        for (PendingRow row : rows) {
            boolean fits = !chunk.isEmpty() && chunk.size() < CHUNK && chunk.get(0).sql().equals(row.sql())
                    && !keysInChunk.contains(row.rowKey()) && chunk.get(0).layout().tableId().equals(row.layout().tableId());
            if (!fits && !chunk.isEmpty()) {
                apply(chunk, blocked, result);
                chunk.clear();
                keysInChunk.clear();
            }
            chunk.add(row);
            keysInChunk.add(row.rowKey());
        }
        if (!chunk.isEmpty()) {
            apply(chunk, blocked, result);
        }
        return result;
    }

    private void apply(List<PendingRow> chunk, Blocked blocked, Result result) throws SQLException {
        List<PendingRow> ready = new ArrayList<>(chunk.size());
        for (PendingRow row : chunk) {
            if (blocked.waits(row)) {
                blocked.waiting(row);
            } else {
                ready.add(row);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        SQLException failure = runner.tryRows(ready);
        if (failure == null) {
            ready.forEach(blocked::written);
            return;
        }
        rethrowUnlessRecordLevel(failure);
        for (PendingRow row : ready) {
            SQLException refused = ready.size() == 1 ? failure : runner.tryRows(List.of(row));
            if (refused == null) {
                blocked.written(row);
                continue;
            }
            rethrowUnlessRecordLevel(refused);
            if (classifier.isForeignKey(refused)) {
                blocked.refusedForForeignKey(row, refused);
            } else {
                blocked.refused(row, refused);
            }
        }
    }

    private void rethrowUnlessRecordLevel(SQLException failure) throws SQLException {
        if (classifier.classify(failure) != FailureKind.RECORD) {
            throw failure;
        }
    }

    /** The rows blocked so far in this pass, per row, and what a row's outcome does to them. */
    private static final class Blocked {

        private final Set<RowRef> held;
        private final Result result;
        private final Map<RowRef, List<PendingRow>> byRow = new HashMap<>();

        Blocked(Set<RowRef> held, Result result) {
            this.held = held;
            this.result = result;
        }

        /** True when the row's event must wait: its row is held, or blocked and this event writes only some columns. */
        boolean waits(PendingRow row) {
            return held.contains(row.ref()) || (byRow.containsKey(row.ref()) && !supersedes(row));
        }

        void waiting(PendingRow row) {
            result.blocked().put(row, null);
            byRow.computeIfAbsent(row.ref(), ref -> new ArrayList<>()).add(row);
        }

        void written(PendingRow row) {
            supersedeBefore(row);
            result.written().add(row);
        }

        void refusedForForeignKey(PendingRow row, SQLException failure) {
            supersedeBefore(row);
            result.blocked().put(row, failure);
            byRow.computeIfAbsent(row.ref(), ref -> new ArrayList<>()).add(row);
        }

        void refused(PendingRow row, SQLException failure) {
            supersedeBefore(row);
            result.refused().put(row, failure);
        }

        /** The events blocked before this one of the same row are obsolete: it was tried in their place. */
        private void supersedeBefore(PendingRow row) {
            List<PendingRow> before = byRow.remove(row.ref());
            if (before != null) {
                before.forEach(result.blocked()::remove);
                result.superseded().addAll(before);
            }
        }

        /** An event of the whole row: an upsert of every column or a delete (not a merge of some columns). */
        private static boolean supersedes(PendingRow row) {
            return row.onlyColumns() == null;
        }
    }
}
