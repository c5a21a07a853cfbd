package io.ctsync.sink.write;

import io.ctsync.sink.error.FailureClassifier;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.row.PendingRow;
import io.ctsync.sink.row.RowRef;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Applies rows in the given order (arrival order across tables: parents before children as they came), in chunks of
 * consecutive rows sharing a statement, each under a savepoint; a refused chunk is replayed row by row to find the
 * rows the database refuses. A row refused for a foreign key blocks its row: that row's later events wait behind it
 * (a key's events are never reordered). Transient and structural failures are thrown: the batch is retried or the
 * task fails.
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
     * of the same key (null).
     */
    record Result(List<PendingRow> written, Map<PendingRow, SQLException> blocked, Map<PendingRow, SQLException> refused) {
    }

    /** Applies {@code rows}; {@code blockedRows} (updated) holds the rows whose events must wait. */
    Result run(List<PendingRow> rows, Set<RowRef> blockedRows) throws SQLException {
        Result result = new Result(new ArrayList<>(), new IdentityHashMap<>(), new IdentityHashMap<>());
        List<PendingRow> chunk = new ArrayList<>();
        Set<String> keysInChunk = new HashSet<>();
        for (PendingRow row : rows) {
            boolean fits = !chunk.isEmpty() && chunk.size() < CHUNK && chunk.get(0).sql().equals(row.sql())
                    && !keysInChunk.contains(row.rowKey()) && chunk.get(0).layout().tableId().equals(row.layout().tableId());
            if (!fits && !chunk.isEmpty()) {
                apply(chunk, blockedRows, result);
                chunk.clear();
                keysInChunk.clear();
            }
            chunk.add(row);
            keysInChunk.add(row.rowKey());
        }
        if (!chunk.isEmpty()) {
            apply(chunk, blockedRows, result);
        }
        return result;
    }

    private void apply(List<PendingRow> chunk, Set<RowRef> blockedRows, Result result) throws SQLException {
        List<PendingRow> ready = new ArrayList<>(chunk.size());
        for (PendingRow row : chunk) {
            if (blockedRows.contains(row.ref())) {
                result.blocked().put(row, null);
            } else {
                ready.add(row);
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        SQLException failure = runner.tryRows(ready);
        if (failure == null) {
            result.written().addAll(ready);
            return;
        }
        rethrowUnlessRecordLevel(failure);
        for (PendingRow row : ready) {
            SQLException refused = ready.size() == 1 ? failure : runner.tryRows(List.of(row));
            if (refused == null) {
                result.written().add(row);
                continue;
            }
            rethrowUnlessRecordLevel(refused);
            if (classifier.isForeignKey(refused)) {
                blockedRows.add(row.ref());
                result.blocked().put(row, refused);
            } else {
                result.refused().put(row, refused);
            }
        }
    }

    private void rethrowUnlessRecordLevel(SQLException failure) throws SQLException {
        if (classifier.classify(failure) != FailureKind.RECORD) {
            throw failure;
        }
    }
}
