package io.ctsync.bench;

import io.ctsync.contract.event.Operation;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The raw limit: the same changes applied by a plain JDBC program, no Kafka and no Connect. Per batch it keeps the
 * last change per key (what any upsert sink may do), then sends the upserts as statements of {@value #ROWS} rows each
 * (one JDBC batch; the rest one row a statement) and the deletes as one batch, with the driver's fast settings, and
 * commits: the least work a correct applier can do. Many rows a statement, because MariaDB prepares a statement's
 * update expressions again for every row of a batch, and PostgreSQL's driver rewrites batches that way anyway.
 */
final class RawJdbcApplier implements AutoCloseable {

    private static final int ROWS = 128;
    private static final List<String> COLUMNS = List.of("id", "customer", "amount", "quantity", "active", "created_at",
            "ship_date", "ratio", "note", "code");

    private final Connection connection;
    private final PreparedStatement manyRows;
    private final PreparedStatement oneRow;
    private final PreparedStatement deletes;

    private RawJdbcApplier(Connection connection, BenchDatabase db, String table) throws SQLException {
        this.connection = connection;
        this.manyRows = connection.prepareStatement(upsert(db, table, ROWS));
        this.oneRow = connection.prepareStatement(upsert(db, table, 1));
        this.deletes = connection.prepareStatement("DELETE FROM " + table + " WHERE id = ?");
    }

    /** Creates the table and prepares the statements, on the driver's fast path. */
    static RawJdbcApplier open(BenchDatabase db, String table) throws SQLException {
        Connection connection = db.open(db.fastJdbcUrl());
        try {
            try (Statement ddl = connection.createStatement()) {
                ddl.execute(String.format(db.kind().createTable, table));
            }
            connection.setAutoCommit(false);
            return new RawJdbcApplier(connection, db, table);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    /** Applies every change in batches and returns the elapsed nanoseconds (table creation excluded). */
    static long apply(BenchDatabase db, String table, Workload workload, int batchSize) throws SQLException {
        try (RawJdbcApplier applier = open(db, table)) {
            long start = System.nanoTime();
            List<Change> changes = workload.changes();
            for (int from = 0; from < changes.size(); from += batchSize) {
                applier.apply(changes.subList(from, Math.min(from + batchSize, changes.size())));
            }
            return System.nanoTime() - start;
        }
    }

    /** One batch in one transaction: the last change per key, upserts many rows a statement, deletes batched. */
    void apply(List<Change> batch) throws SQLException {
        applyBatch(batch, manyRows, oneRow, deletes);
        connection.commit();
    }

    @Override
    public void close() throws SQLException {
        connection.close();
    }

    private static String upsert(BenchDatabase db, String table, int rows) {
        String row = "(" + COLUMNS.stream().map(c -> "?").collect(Collectors.joining(", ")) + ")";
        return "INSERT INTO " + table + " (" + String.join(", ", COLUMNS) + ") VALUES "
                + String.join(", ", Collections.nCopies(rows, row))
                + String.format(db.kind().upsertSuffix, COLUMNS.stream().skip(1)
                .map(c -> String.format(db.kind().assignment, c)).collect(Collectors.joining(", ")));
    }

    private static void applyBatch(List<Change> batch, PreparedStatement manyRows, PreparedStatement oneRow,
                                   PreparedStatement deletes) throws SQLException {
        Map<Long, Change> lastPerKey = new LinkedHashMap<>();
        for (Change change : batch) {
            lastPerKey.put(change.id(), change);
        }
        List<OrderRow> upserts = new ArrayList<>();
        boolean anyDelete = false;
        for (Change change : lastPerKey.values()) {
            if (change.op() == Operation.DELETE) {
                deletes.setLong(1, change.id());
                deletes.addBatch();
                anyDelete = true;
            } else {
                upserts.add(change.row());
            }
        }
        int full = upserts.size() / ROWS * ROWS;
        for (int from = 0; from < full; from += ROWS) {
            for (int i = 0; i < ROWS; i++) {
                bind(manyRows, i * COLUMNS.size(), upserts.get(from + i));
            }
            manyRows.addBatch();
        }
        if (full > 0) {
            manyRows.executeBatch();
        }
        for (OrderRow row : upserts.subList(full, upserts.size())) {
            bind(oneRow, 0, row);
            oneRow.addBatch();
        }
        if (full < upserts.size()) {
            oneRow.executeBatch();
        }
        if (anyDelete) {
            deletes.executeBatch();
        }
    }

    private static void bind(PreparedStatement statement, int offset, OrderRow row) throws SQLException {
        statement.setLong(offset + 1, row.id());
        statement.setString(offset + 2, row.customer());
        statement.setBigDecimal(offset + 3, row.amount());
        statement.setInt(offset + 4, row.quantity());
        statement.setBoolean(offset + 5, row.active());
        statement.setObject(offset + 6, LocalDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
        if (row.shipDate() == null) {
            statement.setNull(offset + 7, Types.DATE);
        } else {
            statement.setObject(offset + 7, row.shipDate());
        }
        statement.setDouble(offset + 8, row.ratio());
        statement.setString(offset + 9, row.note());
        statement.setString(offset + 10, row.code());
    }

    static Stream<String> columns() {
        return COLUMNS.stream();
    }
}
