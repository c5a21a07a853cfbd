package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw limit: the same changes applied by a plain JDBC program, no Kafka and no Connect. Per batch it keeps the
 * last change per key (what any upsert sink may do), then sends one batched upsert and one batched delete with the
 * driver's fast path, and commits: the least work a correct applier can do.
 */
final class RawJdbcApplier {

    private static final List<String> COLUMNS = List.of("id", "customer", "amount", "quantity", "active", "created_at",
            "ship_date", "ratio", "note", "code");

    private RawJdbcApplier() {
    }

    /** Applies every change and returns the elapsed nanoseconds (table creation excluded). */
    static long apply(BenchDatabase db, String table, Workload workload, int batchSize) throws SQLException {
        try (Connection connection = db.open(db.fastJdbcUrl())) {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(String.format(db.kind().createTable, table));
            }
            connection.setAutoCommit(false);
            String upsert = "INSERT INTO " + table + " (" + String.join(", ", COLUMNS) + ") VALUES ("
                    + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")"
                    + String.format(db.kind().upsertSuffix, COLUMNS.stream().skip(1)
                    .map(c -> String.format(db.kind().assignment, c)).collect(Collectors.joining(", ")));
            long start = System.nanoTime();
            try (PreparedStatement upserts = connection.prepareStatement(upsert);
                 PreparedStatement deletes = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?")) {
                List<Change> changes = workload.changes();
                for (int from = 0; from < changes.size(); from += batchSize) {
                    applyBatch(changes.subList(from, Math.min(from + batchSize, changes.size())), upserts, deletes);
                    connection.commit();
                }
            }
            return System.nanoTime() - start;
        }
    }

    private static void applyBatch(List<Change> batch, PreparedStatement upserts, PreparedStatement deletes)
            throws SQLException {
        Map<Long, Change> lastPerKey = new LinkedHashMap<>();
        for (Change change : batch) {
            lastPerKey.put(change.id(), change);
        }
        boolean anyUpsert = false;
        boolean anyDelete = false;
        for (Change change : lastPerKey.values()) {
            if (change.op() == Operation.DELETE) {
                deletes.setLong(1, change.id());
                deletes.addBatch();
                anyDelete = true;
            } else {
                bind(upserts, change.row());
                upserts.addBatch();
                anyUpsert = true;
            }
        }
        if (anyUpsert) {
            upserts.executeBatch();
        }
        if (anyDelete) {
            deletes.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, OrderRow row) throws SQLException {
        statement.setLong(1, row.id());
        statement.setString(2, row.customer());
        statement.setBigDecimal(3, row.amount());
        statement.setInt(4, row.quantity());
        statement.setBoolean(5, row.active());
        statement.setObject(6, LocalDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
        if (row.shipDate() == null) {
            statement.setNull(7, Types.DATE);
        } else {
            statement.setObject(7, row.shipDate());
        }
        statement.setDouble(8, row.ratio());
        statement.setString(9, row.note());
        statement.setString(10, row.code());
    }

    static Stream<String> columns() {
        return COLUMNS.stream();
    }
}
