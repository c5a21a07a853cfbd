package io.ctsync.sink.state;

import io.ctsync.sink.dialect.Dialect;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.Kind;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.jdbc.JdbcSession;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;

/**
 * The sink state table: per target row (table name, row key) the last applied change version and whether it was a
 * delete. Deletes always leave a tombstone here, so a late, older upsert of a deleted row is recognised; in
 * {@code table} mode every applied version lives here too, and for tables under conflict detection every row's column
 * hashes as the sink left it. Reads are one keyed query per table and batch; writes are one batched, version-gated
 * upsert per batch, in the batch's transaction.
 */
public final class StateStore {

    private static final FieldType BOOLEAN = FieldType.of(Kind.BOOLEAN);
    private static final FieldType INT64 = FieldType.of(Kind.INT64);
    private static final String HASHES = "row_hashes";
    private static final List<String> KEY = List.of("table_name", "row_key");
    /**
     * The primary key's column order: the row key first. Every state row of a table shares its name, so with the name
     * first PostgreSQL, misled by statistics of a young, fast-growing state table, reads all of a table's rows for
     * each keyed read (a batch took seconds); with the selective row key first every read is an index lookup. Reads by
     * table alone (is there any state, purging tombstones) are rare and scan.
     */
    private static final List<String> PRIMARY_KEY_ORDER = List.of("row_key", "table_name");
    private static final int[] READ_BUCKETS = {1, 16, 128, 512};

    private final Dialect dialect;
    private final TableId table;
    private final String upsertSql;
    private final String purgeSql;
    private final String anyRowSql;
    private final Map<Integer, String> readSql = new HashMap<>();
    /** The most state rows one upsert statement carries (1: a JDBC batch of one-row statements). */
    private final int rowsPerUpsert;
    private final Map<Integer, String> upsertSqlByRows = new HashMap<>();
    /** Statement sizes for reading keys: a few, so the statement cache stays small; the largest the dialect's most. */
    private final int[] readBuckets;

    public StateStore(Dialect dialect, TableId table) {
        this.dialect = dialect;
        this.table = table;
        this.upsertSql = dialect.upsert(table, KEY, List.of("deleted", "updated_ms", HASHES), "version");
        this.rowsPerUpsert = dialect.upsertRowsPerStatement(KEY.size() + 4);
        this.purgeSql = "DELETE FROM " + dialect.qualified(table) + " WHERE " + dialect.quote("table_name") + " = ? AND "
                + dialect.quote("deleted") + " = ? AND " + dialect.quote("updated_ms") + " < ?";
        this.anyRowSql = "SELECT 1 FROM " + dialect.qualified(table) + " WHERE " + dialect.quote("table_name") + " = ?";
        int most = dialect.textValuesPerQuery();
        this.readBuckets = IntStream.concat(IntStream.of(READ_BUCKETS).filter(size -> size < most), IntStream.of(most))
                .toArray();
        for (int size : readBuckets) {
            StringBuilder sql = new StringBuilder("SELECT ").append(dialect.quote("row_key")).append(", ")
                    .append(dialect.quote("version")).append(", ").append(dialect.quote("deleted")).append(", ")
                    .append(dialect.quote(HASHES)).append(" FROM ")
                    .append(dialect.qualified(table)).append(" WHERE ").append(dialect.quote("table_name"))
                    .append(" = ? AND ").append(dialect.textIn(dialect.quote("row_key"), size));
            readSql.put(size, sql.toString());
        }
    }

    public TableId table() {
        return table;
    }

    public void ensureTable(JdbcSession session) throws SQLException {
        List<ColumnSpec> columns = columns();
        session.createTable(table, columns, PRIMARY_KEY_ORDER);
        // A state table of an earlier version lacks the hashes.
        if (dialect.readTable(session.connection(), table).flatMap(t -> t.column(HASHES)).isEmpty()) {
            try (var statement = session.connection().createStatement()) {
                statement.execute(dialect.addColumn(table, columns.get(columns.size() - 1)));
            }
        }
        session.commit();
    }

    /**
     * The statements this store runs, in a fixed order (keyed reads of the two smallest sizes only): what the
     * golden-file test of each dialect shows.
     */
    List<String> statements() {
        return List.of(dialect.createTable(table, columns(), PRIMARY_KEY_ORDER),
                dialect.addColumn(table, columns().get(columns().size() - 1)), readSql.get(READ_BUCKETS[0]),
                readSql.get(READ_BUCKETS[1]), upsertSql, anyRowSql, purgeSql);
    }

    private static List<ColumnSpec> columns() {
        return List.of(
                new ColumnSpec("table_name", FieldType.string(RowKeys.MAX_LENGTH / 5 * 4), false),
                new ColumnSpec("row_key", FieldType.string(RowKeys.MAX_LENGTH), false),
                new ColumnSpec("version", INT64, true),
                new ColumnSpec("deleted", BOOLEAN, false),
                new ColumnSpec("updated_ms", INT64, false),
                new ColumnSpec(HASHES, FieldType.string(FieldType.UNKNOWN), true));
    }

    /** The state name of a target table. */
    public static String tableName(TableId target) {
        return RowKeys.fit(target.toString());
    }

    /** True when the state table holds anything for this target table (so reads can be skipped when not). */
    public boolean hasRows(JdbcSession session, String tableName) throws SQLException {
        PreparedStatement statement = session.prepare(anyRowSql);
        statement.setMaxRows(1);
        statement.setString(1, tableName);
        try (ResultSet rs = statement.executeQuery()) {
            return rs.next();
        }
    }

    /** The applied state of those rows of the table that have one. */
    public Map<String, AppliedState> read(JdbcSession session, String tableName, List<String> rowKeys) throws SQLException {
        Map<String, AppliedState> states = new HashMap<>();
        int from = 0;
        while (from < rowKeys.size()) {
            int remaining = rowKeys.size() - from;
            int bucket = bucketFor(remaining);
            int take = Math.min(bucket, remaining);
            PreparedStatement statement = session.prepare(readSql.get(bucket));
            statement.setString(1, tableName);
            // A short chunk is padded with its last key: a few bucket sizes keep the statement cache small.
            dialect.bindTextValues(statement, 2, rowKeys.subList(from, from + take), bucket);
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    long version = rs.getLong(2);
                    Long known = rs.wasNull() ? null : version;
                    states.put(rs.getString(1), new AppliedState(known, rs.getBoolean(3), rs.getString(4)));
                }
            }
            from += take;
        }
        return states;
    }

    /**
     * Writes the rows' new states, each only when newer than what is stored. Of several states of one row only the last
     * is written: one statement must not touch a row twice (PostgreSQL's rewritten multi-row upsert refuses to). Where
     * the dialect wants many rows a statement (MariaDB prepares an upsert's update expressions again for every row of a
     * JDBC batch: a batch's tombstones cost a sixth of its gated upserts' time), full statements of that many rows go
     * as one JDBC batch and the rest as statements of falling powers of two, so few distinct statements are cached.
     */
    public void write(JdbcSession session, List<StateRow> rows, long nowMs) throws SQLException {
        if (rows.isEmpty()) {
            return;
        }
        Map<List<String>, StateRow> last = new LinkedHashMap<>();
        for (StateRow row : rows) {
            last.put(List.of(row.tableName(), row.rowKey()), row);
        }
        List<StateRow> states = List.copyOf(last.values());
        int most = rowsPerUpsert;
        int full = most > 1 ? states.size() / most * most : states.size();
        if (full > 0) {
            PreparedStatement statement = session.prepare(upsertSql(most));
            for (int from = 0; from < full; from += most) {
                bindStates(statement, states.subList(from, from + most), nowMs);
                statement.addBatch();
            }
            statement.executeBatch();
        }
        for (int from = full; from < states.size(); ) {
            int size = Integer.highestOneBit(states.size() - from);
            PreparedStatement statement = session.prepare(upsertSql(size));
            bindStates(statement, states.subList(from, from + size), nowMs);
            statement.executeUpdate();
            from += size;
        }
    }

    private String upsertSql(int rows) {
        return rows == 1 ? upsertSql : upsertSqlByRows.computeIfAbsent(rows,
                n -> dialect.upsert(table, KEY, List.of("deleted", "updated_ms", HASHES), "version", n));
    }

    private void bindStates(PreparedStatement statement, List<StateRow> states, long nowMs) throws SQLException {
        int index = 1;
        for (StateRow row : states) {
            statement.setString(index++, row.tableName());
            statement.setString(index++, row.rowKey());
            dialect.bind(statement, index++, BOOLEAN, row.deleted());
            statement.setLong(index++, nowMs);
            if (row.rowHashes() == null) {
                statement.setNull(index++, java.sql.Types.VARCHAR);
            } else {
                statement.setString(index++, row.rowHashes());
            }
            if (row.version() == null) {
                statement.setNull(index++, java.sql.Types.BIGINT);
            } else {
                statement.setLong(index++, row.version());
            }
        }
    }

    /** Deletes the tombstones of these tables older than the cut-off; returns how many. */
    public int purgeTombstones(JdbcSession session, Collection<String> tableNames, long olderThanMs) throws SQLException {
        PreparedStatement statement = session.prepare(purgeSql);
        int purged = 0;
        for (String tableName : tableNames) {
            statement.setString(1, tableName);
            dialect.bind(statement, 2, BOOLEAN, Boolean.TRUE);
            statement.setLong(3, olderThanMs);
            purged += statement.executeUpdate();
        }
        session.commit();
        return purged;
    }

    private int bucketFor(int count) {
        for (int size : readBuckets) {
            if (count <= size) {
                return size;
            }
        }
        return readBuckets[readBuckets.length - 1];
    }

    /** One row's new state; {@code version} null for an unversioned event, {@code rowHashes} null without detection. */
    public record StateRow(String tableName, String rowKey, Long version, boolean deleted, String rowHashes) {

        public StateRow(String tableName, String rowKey, long version, boolean deleted) {
            this(tableName, rowKey, Long.valueOf(version), deleted, null);
        }
    }
}
