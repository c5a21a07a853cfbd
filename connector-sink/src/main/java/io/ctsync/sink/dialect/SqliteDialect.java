package io.ctsync.sink.dialect;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Range;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * SQLite, the embedded target: {@code INSERT … ON CONFLICT … DO UPDATE … WHERE}. Decimals are stored as text (SQLite's
 * numeric affinity would turn them into doubles) and temporal values as ISO-8601 text, which SQLite's date functions
 * read.
 */
public final class SqliteDialect extends AbstractDialect {

    public static final String NAME = "sqlite";
    public static final String BUSY_TIMEOUT_MS = "dialect.sqlite.busy.timeout.ms";
    private static final int SQLITE_BUSY = 5;
    private static final int SQLITE_LOCKED = 6;
    private static final int SQLITE_TOOBIG = 18;
    private static final int SQLITE_CONSTRAINT = 19;
    private static final int SQLITE_MISMATCH = 20;
    private static final int SQLITE_CONSTRAINT_FOREIGNKEY = 787;
    private static final Pattern COLUMN = Pattern.compile("failed: [^.\\s]+\\.(\\S+)");

    private final int busyTimeoutMs;

    SqliteDialect(int busyTimeoutMs) {
        this.busyTimeoutMs = busyTimeoutMs;
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String driverClass() {
        return "org.sqlite.JDBC";
    }

    @Override
    public Properties connectionProperties(String url) {
        Properties properties = new Properties();
        properties.setProperty("busy_timeout", Integer.toString(busyTimeoutMs));
        // Readers do not block the writer, and the writer does not block readers.
        properties.setProperty("journal_mode", "WAL");
        return properties;
    }

    @Override
    protected String metadataSchema(Connection connection, TableId table) {
        return null;
    }

    @Override
    public String sqlType(FieldType type, boolean keyColumn) {
        return switch (type.kind()) {
            case BOOLEAN, INT8, INT16, INT32, INT64 -> "INTEGER";
            case FLOAT32, FLOAT64 -> "REAL";
            case BYTES -> "BLOB";
            case STRING -> type.hasLength() ? "VARCHAR(" + type.length() + ")" : "TEXT";
            default -> "TEXT";
        };
    }

    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return OnConflictUpsert.sql(this, table, keyColumns, valueColumns, versionColumn);
    }

    @Override
    public void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException {
        switch (type.kind()) {
            case DECIMAL -> statement.setString(index, ((BigDecimal) value).toPlainString());
            case DATE, TIME, TIMESTAMP, TIMESTAMP_TZ, TIME_TZ -> statement.setString(index, value.toString());
            default -> super.bind(statement, index, type, value);
        }
    }

    @Override
    public FailureKind classify(SQLException failure) {
        int code = failure.getErrorCode() & 0xff;
        return switch (code) {
            case SQLITE_BUSY, SQLITE_LOCKED -> FailureKind.TRANSIENT;
            case SQLITE_CONSTRAINT, SQLITE_TOOBIG, SQLITE_MISMATCH -> FailureKind.RECORD;
            default -> {
                FailureKind standard = SqlStates.standard(failure);
                yield standard != null ? standard : FailureKind.STRUCTURAL;
            }
        };
    }

    /** SQLite takes no row locks: one writer at a time holds the whole database. */
    @Override
    public String lockingSelect(String columns, TableId table, String condition) {
        return "SELECT " + columns + " FROM " + qualified(table) + " WHERE " + condition;
    }

    /** Until the transaction ends (SQLite resets it at every commit). */
    @Override
    public Optional<String> deferForeignKeys() {
        return Optional.of("PRAGMA defer_foreign_keys = ON");
    }

    @Override
    public Optional<String> foreignKeyChecksImmediate() {
        return Optional.of("PRAGMA defer_foreign_keys = OFF");
    }

    @Override
    public boolean isForeignKeyViolation(SQLException failure) {
        return failure.getErrorCode() == SQLITE_CONSTRAINT_FOREIGNKEY
                || String.valueOf(failure.getMessage()).contains("FOREIGN KEY constraint failed");
    }

    @Override
    public Optional<String> failedColumn(SQLException failure) {
        return SqlStates.columnInMessage(failure, COLUMN).map(column -> column.replaceAll("[),].*", ""));
    }

    /** Finds the SQLite dialect for {@code jdbc:sqlite:} URLs. */
    public static final class Provider implements DialectProvider {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean supportsUrl(String jdbcUrl) {
            return jdbcUrl.startsWith("jdbc:sqlite:");
        }

        @Override
        public void defineOptions(ConfigDef def) {
            def.define(BUSY_TIMEOUT_MS, Type.INT, 10_000, Range.atLeast(0), Importance.LOW,
                    "How long a write waits for another connection's lock on the SQLite file before the failure counts "
                            + "as transient and the batch is retried, in milliseconds.",
                    "Dialect: SQLite", 1, Width.SHORT, "Busy timeout (ms)");
        }

        @Override
        public Dialect create(Map<String, String> props) {
            return new SqliteDialect(Integer.parseInt(props.getOrDefault(BUSY_TIMEOUT_MS, "10000").trim()));
        }
    }
}
