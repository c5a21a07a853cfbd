package io.ctsync.sink.dialect;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/** PostgreSQL: {@code INSERT … ON CONFLICT … DO UPDATE … WHERE}, batches rewritten into multi-row inserts. */
public final class PostgresDialect extends AbstractDialect {

    public static final String NAME = "postgresql";
    public static final String REWRITE_BATCHED_INSERTS = "dialect.postgresql.rewrite.batched.inserts";
    public static final String COPY_UPSERTS = "dialect.postgresql.copy.upserts";

    /** admin/crash shutdown, cannot connect now, too many connections, lock not available, out of resources. */
    private static final Set<String> TRANSIENT_STATES = Set.of("57P01", "57P02", "57P03", "53300", "53200", "53100",
            "55P03", "55006", "58030");

    private final boolean rewriteBatchedInserts;
    private final Optional<StagedUpsert> copyUpserts;

    PostgresDialect(boolean rewriteBatchedInserts, boolean copyUpserts) {
        this.rewriteBatchedInserts = rewriteBatchedInserts;
        this.copyUpserts = copyUpserts ? Optional.of(new PostgresCopyUpsert(this)) : Optional.empty();
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String driverClass() {
        return "org.postgresql.Driver";
    }

    @Override
    public Properties connectionProperties(String url) {
        Properties properties = new Properties();
        properties.setProperty("reWriteBatchedInserts", Boolean.toString(rewriteBatchedInserts));
        properties.setProperty("ApplicationName", "ctsync-jdbc-sink");
        return properties;
    }

    /**
     * Plans every execution with the tables' current sizes. The driver prepares statements on the server, and a
     * generic plan cached while the state table (or a new target table) was tiny stays in use as it grows: without
     * fresh statistics (autovacuum off, or not yet run) a keyed read then compared every row with every key. A SET
     * rather than the {@code options} startup parameter, which PgBouncer refuses; plan_cache_mode exists since 12.
     */
    @Override
    public void initialize(Connection connection) throws SQLException {
        if (connection.getMetaData().getDatabaseMajorVersion() >= 12) {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET plan_cache_mode = force_custom_plan");
            }
        }
    }

    @Override
    public String sqlType(FieldType type, boolean keyColumn) {
        return switch (type.kind()) {
            case BOOLEAN -> "boolean";
            case INT8, INT16 -> "smallint";
            case INT32 -> "integer";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "double precision";
            case DECIMAL -> type.hasPrecision() && type.scale() >= 0 && type.precision() <= 1000
                    ? "numeric(" + type.precision() + "," + type.scale() + ")" : "numeric";
            case STRING -> type.hasLength() && type.length() <= 10_485_760 ? "varchar(" + type.length() + ")" : "text";
            case BYTES -> "bytea";
            case DATE -> "date";
            case TIME -> "time(" + fraction(type, 6) + ")";
            case TIMESTAMP -> "timestamp(" + fraction(type, 6) + ")";
            case TIMESTAMP_TZ -> "timestamp(" + fraction(type, 6) + ") with time zone";
            case TIME_TZ -> "time(" + fraction(type, 6) + ") with time zone";
            case UUID -> "uuid";
            case JSON -> "jsonb";
            case XML -> "xml";
        };
    }

    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return OnConflictUpsert.sql(this, table, keyColumns, valueColumns, versionColumn);
    }

    @Override
    public Optional<StagedUpsert> stagedUpsert() {
        return copyUpserts;
    }

    /**
     * One array parameter, as {@code = ANY}. PostgreSQL cannot hash an IN list of parameters, and on a young table it
     * prefers a sequential scan that compares every row with every listed value: 512 keys against a state table of
     * 20,000 tombstones took 50-200 ms per read. A semi-join on {@code unnest} was no better there: a state table never
     * analyzed (autovacuum off or not yet run) is estimated at one row, so the planner put the unnest inside a nested
     * loop and compared every tombstone with every key again (290 keys against 1,200-2,000 tombstones: 46-208 ms a
     * read, three quarters of the gated benchmark's database time). {@code = ANY} of one array constant (a custom plan
     * binds it as one) is linear whatever the plan: an index probe per key, or a scan that looks each row up in a hash
     * of the keys (PostgreSQL 14 and later hash such arrays; 0.1-0.2 ms on the server for the same reads).
     */
    @Override
    public String textIn(String column, int count) {
        return column + " = ANY(CAST(? AS varchar[]))";
    }

    /** Any number: they travel as one array parameter. */
    @Override
    public int textValuesPerQuery() {
        return Integer.MAX_VALUE;
    }

    @Override
    public int bindTextValues(PreparedStatement statement, int index, List<String> values, int count) throws SQLException {
        statement.setArray(index, statement.getConnection().createArrayOf("varchar", values.toArray()));
        return index + 1;
    }

    @Override
    public void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException {
        switch (type.kind()) {
            // Sent untyped, so the server casts text to json/jsonb/xml/uuid as the column needs.
            case JSON, XML -> statement.setObject(index, value, Types.OTHER);
            case UUID -> statement.setObject(index, value);
            default -> super.bind(statement, index, type, value);
        }
    }

    @Override
    public void bindNull(PreparedStatement statement, int index, FieldType type) throws SQLException {
        switch (type.kind()) {
            case JSON, XML, UUID -> statement.setNull(index, Types.OTHER);
            default -> super.bindNull(statement, index, type);
        }
    }

    @Override
    public FailureKind classify(SQLException failure) {
        String state = SqlStates.state(failure);
        if (state != null && TRANSIENT_STATES.contains(state)) {
            return FailureKind.TRANSIENT;
        }
        FailureKind standard = SqlStates.standard(failure);
        return standard != null ? standard : FailureKind.STRUCTURAL;
    }

    /** Affects the constraints declared DEFERRABLE; the others stay immediate (and take the parking path). */
    @Override
    public Optional<String> deferForeignKeys() {
        return Optional.of("SET CONSTRAINTS ALL DEFERRED");
    }

    @Override
    public Optional<String> foreignKeyChecksImmediate() {
        return Optional.of("SET CONSTRAINTS ALL IMMEDIATE");
    }

    @Override
    public Optional<String> failedColumn(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (e instanceof PSQLException psql) {
                ServerErrorMessage message = psql.getServerErrorMessage();
                if (message != null && message.getColumn() != null) {
                    return Optional.of(message.getColumn());
                }
            }
        }
        return Optional.empty();
    }

    /** Finds the PostgreSQL dialect for {@code jdbc:postgresql:} URLs. */
    public static final class Provider implements DialectProvider {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean supportsUrl(String jdbcUrl) {
            return jdbcUrl.startsWith("jdbc:postgresql:");
        }

        @Override
        public void defineOptions(ConfigDef def) {
            def.define(REWRITE_BATCHED_INSERTS, Type.BOOLEAN, true, Importance.LOW,
                    "Let the PostgreSQL driver rewrite each batch of upserts into multi-row INSERT statements "
                            + "(reWriteBatchedInserts), several times faster. The driver then reports no per-row counts, "
                            + "so rows skipped by the version column are not counted as duplicates.",
                    "Dialect: PostgreSQL", 1, Width.SHORT, "Rewrite batched inserts");
            def.define(COPY_UPSERTS, Type.BOOLEAN, true, Importance.LOW,
                    "Write the upserts of a batch (64 rows or more of one table) with COPY into a temporary table and "
                            + "one version-gated INSERT ... SELECT ... ON CONFLICT, instead of batches of INSERT statements: "
                            + "less work for the server, and the duplicates the version column holds back are counted. "
                            + "Times, time zones, UUID, JSON and XML columns always go as statements.",
                    "Dialect: PostgreSQL", 2, Width.SHORT, "Upserts through COPY");
        }

        @Override
        public Dialect create(Map<String, String> props) {
            return new PostgresDialect(DialectProvider.flag(props, REWRITE_BATCHED_INSERTS, true),
                    DialectProvider.flag(props, COPY_UPSERTS, true));
        }
    }
}
