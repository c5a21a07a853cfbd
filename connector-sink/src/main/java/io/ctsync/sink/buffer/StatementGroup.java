package io.ctsync.sink.buffer;

import io.ctsync.sink.row.PendingRow;
import java.util.List;

/** Rows of one table that share one statement and go to the database as one JDBC batch. */
public record StatementGroup(String sql, List<PendingRow> rows) {
}
