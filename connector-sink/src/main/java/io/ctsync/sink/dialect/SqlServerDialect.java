package io.ctsync.sink.dialect;

import io.ctsync.contract.config.Validators;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigDef.Importance;
import org.apache.kafka.common.config.ConfigDef.Type;
import org.apache.kafka.common.config.ConfigDef.Width;

/**
 * SQL Server: {@code MERGE … WITH (UPDLOCK, HOLDLOCK)} (the hints make MERGE's check-then-write atomic under
 * concurrency), sent as a JDBC batch in one round trip.
 */
public final class SqlServerDialect extends AbstractDialect {

    public static final String NAME = "sqlserver";
    public static final String IDENTITY_INSERT = "dialect.sqlserver.identity.insert";
    public static final String CHANGE_TRACKING_CONTEXT = "dialect.sqlserver.change.tracking.context";
    private static final int MAX_CONTEXT_BYTES = 128;

    /** Deadlock victim, lock timeout, Azure SQL throttling/failover, connection broken, database unavailable. */
    private static final Set<Integer> TRANSIENT_CODES = Set.of(1205, 1222, 4060, 4221, 40143, 40197, 40501, 40613, 49918,
            49919, 49920, 10928, 10929, 10053, 10054, 10060, 233, 64, 20);
    /** String truncated, NULL in NOT NULL, constraint (FK/check), duplicate key, conversion/overflow. */
    private static final Set<Integer> RECORD_CODES = Set.of(8152, 2628, 515, 547, 2627, 2601, 245, 8114, 8115, 241, 242);
    private static final Pattern COLUMN = Pattern.compile("column '([^']+)'", Pattern.CASE_INSENSITIVE);

    private final boolean identityInsert;
    /** {@code WITH CHANGE_TRACKING_CONTEXT (0x…) } before each write, or empty. */
    private final String contextPrefix;

    SqlServerDialect(boolean identityInsert, String changeTrackingContext) {
        this.identityInsert = identityInsert;
        this.contextPrefix = contextPrefix(changeTrackingContext);
    }

    /**
     * The context is validated hex (at most 128 bytes), so it can stand in the statement text as a binary literal:
     * one statement text per table, like every other write.
     */
    private static String contextPrefix(String context) {
        String digits = context == null ? "" : context.trim().replaceFirst("^0[xX]", "");
        return digits.isEmpty() ? "" : "WITH CHANGE_TRACKING_CONTEXT (0x" + digits.toLowerCase(java.util.Locale.ROOT) + ") ";
    }

    @Override
    public String delete(TableId table, List<String> keyColumns, String versionColumn) {
        return contextPrefix + super.delete(table, keyColumns, versionColumn);
    }

    @Override
    public String update(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return contextPrefix + super.update(table, keyColumns, valueColumns, versionColumn);
    }

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public String driverClass() {
        return "com.microsoft.sqlserver.jdbc.SQLServerDriver";
    }

    @Override
    public String quote(String identifier) {
        return '[' + identifier.replace("]", "]]") + ']';
    }

    @Override
    public String sqlType(FieldType type, boolean keyColumn) {
        return switch (type.kind()) {
            case BOOLEAN -> "bit";
            case INT8, INT16 -> "smallint";
            case INT32 -> "int";
            case INT64 -> "bigint";
            case FLOAT32 -> "real";
            case FLOAT64 -> "float";
            case DECIMAL -> type.hasPrecision() && type.scale() >= 0 && type.precision() <= 38
                    ? "decimal(" + type.precision() + "," + type.scale() + ")"
                    : "decimal(38," + (type.scale() >= 0 ? Math.min(type.scale(), 38) : 10) + ")";
            case STRING -> keyColumn ? "nvarchar(" + (type.hasLength() && type.length() <= 450 ? type.length() : 450) + ")"
                    : type.hasLength() && type.length() <= 4000 ? "nvarchar(" + type.length() + ")" : "nvarchar(max)";
            case BYTES -> keyColumn ? "varbinary(900)" : "varbinary(max)";
            case DATE -> "date";
            case TIME -> "time(" + fraction(type, 7) + ")";
            case TIMESTAMP -> "datetime2(" + fraction(type, 7) + ")";
            case TIMESTAMP_TZ -> "datetimeoffset(" + fraction(type, 7) + ")";
            case TIME_TZ -> "nvarchar(40)";
            case UUID -> "uniqueidentifier";
            case JSON -> "nvarchar(max)";
            case XML -> "xml";
        };
    }

    @Override
    public String createTable(TableId table, List<ColumnSpec> columns, List<String> keyColumns) {
        return "IF OBJECT_ID(N'" + qualified(table).replace("'", "''") + "', N'U') IS NULL CREATE TABLE " + qualified(table)
                + " (" + columnsAndKey(columns, keyColumns) + ")";
    }

    @Override
    public String addColumn(TableId table, ColumnSpec column) {
        return "ALTER TABLE " + qualified(table) + " ADD " + quote(column.name()) + " " + sqlType(column.type(), false) + " NULL";
    }

    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        List<String> all = new java.util.ArrayList<>(keyColumns);
        all.addAll(valueColumns);
        if (versionColumn != null) {
            all.add(versionColumn);
        }
        StringBuilder sql = new StringBuilder();
        if (identityInsert) {
            sql.append("SET IDENTITY_INSERT ").append(qualified(table)).append(" ON; ");
        }
        sql.append(contextPrefix).append("MERGE INTO ").append(qualified(table)).append(" WITH (UPDLOCK, HOLDLOCK) AS tgt USING (VALUES (");
        sql.append("?, ".repeat(all.size() - 1)).append("?)) AS src (").append(list(all, "")).append(") ON ");
        for (int i = 0; i < keyColumns.size(); i++) {
            String key = quote(keyColumns.get(i));
            sql.append(i == 0 ? "" : " AND ").append("tgt.").append(key).append(" = src.").append(key);
        }
        List<String> updated = new java.util.ArrayList<>(valueColumns);
        if (versionColumn != null) {
            updated.add(versionColumn);
        }
        if (!updated.isEmpty()) {
            sql.append(" WHEN MATCHED");
            if (versionColumn != null) {
                String v = quote(versionColumn);
                sql.append(" AND (tgt.").append(v).append(" IS NULL OR src.").append(v).append(" IS NULL OR tgt.").append(v)
                        .append(" < src.").append(v).append(')');
            }
            sql.append(" THEN UPDATE SET ");
            for (int i = 0; i < updated.size(); i++) {
                String column = quote(updated.get(i));
                sql.append(i == 0 ? "" : ", ").append("tgt.").append(column).append(" = src.").append(column);
            }
        }
        sql.append(" WHEN NOT MATCHED THEN INSERT (").append(list(all, "")).append(") VALUES (").append(list(all, "src."))
                .append(");");
        if (identityInsert) {
            sql.append(" SET IDENTITY_INSERT ").append(qualified(table)).append(" OFF;");
        }
        return sql.toString();
    }

    private String list(List<String> columns, String prefix) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < columns.size(); i++) {
            out.append(i == 0 ? "" : ", ").append(prefix).append(quote(columns.get(i)));
        }
        return out.toString();
    }

    @Override
    public void bind(PreparedStatement statement, int index, FieldType type, Object value) throws SQLException {
        if (type.kind() == io.ctsync.sink.schema.Kind.TIME_TZ) {
            statement.setString(index, value.toString());
        } else {
            super.bind(statement, index, type, value);
        }
    }

    @Override
    public FailureKind classify(SQLException failure) {
        return SqlStates.byVendorCode(failure, TRANSIENT_CODES, RECORD_CODES);
    }

    @Override
    public String lockingSelect(String columns, TableId table, String condition) {
        return "SELECT " + columns + " FROM " + qualified(table) + " WITH (UPDLOCK, HOLDLOCK) WHERE " + condition;
    }

    /** 547 is any constraint conflict; the message says which kind. */
    @Override
    public boolean isForeignKeyViolation(SQLException failure) {
        for (SQLException e = failure; e != null; e = e.getNextException()) {
            if (e.getErrorCode() == 547 && String.valueOf(e.getMessage()).contains("FOREIGN KEY")) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean rowValueIn() {
        return false;
    }

    /** The driver cannot release a savepoint; it lives until the transaction ends. */
    @Override
    public boolean releasesSavepoints() {
        return false;
    }

    @Override
    public Optional<String> failedColumn(SQLException failure) {
        return SqlStates.columnInMessage(failure, COLUMN);
    }

    /** Finds the SQL Server dialect for {@code jdbc:sqlserver:} URLs. */
    public static final class Provider implements DialectProvider {

        @Override
        public String name() {
            return NAME;
        }

        @Override
        public boolean supportsUrl(String jdbcUrl) {
            return jdbcUrl.startsWith("jdbc:sqlserver:");
        }

        @Override
        public void defineOptions(ConfigDef def) {
            def.define(IDENTITY_INSERT, Type.BOOLEAN, false, Importance.LOW,
                    "Write explicit values into IDENTITY columns of the target (SET IDENTITY_INSERT ON around each "
                            + "upsert); needed when the target's key is an IDENTITY column filled from the source.",
                    "Dialect: SQL Server", 1, Width.SHORT, "Identity insert");
            def.define(CHANGE_TRACKING_CONTEXT, Type.STRING, "", Validators.hexBytes(MAX_CONTEXT_BYTES), Importance.MEDIUM,
                    "Hex bytes (e.g. 0x6374) the sink's writes carry as their Change Tracking context (WITH "
                            + "CHANGE_TRACKING_CONTEXT). In two-way sync, set the same value as change.context.exclude of the "
                            + "ctsync source reading this database, so changes the sink applied are not sent back. Empty: none.",
                    "Dialect: SQL Server", 2, Width.MEDIUM, "Change Tracking context");
        }

        @Override
        public Dialect create(Map<String, String> props) {
            return new SqlServerDialect(DialectProvider.flag(props, IDENTITY_INSERT, false),
                    props.getOrDefault(CHANGE_TRACKING_CONTEXT, ""));
        }
    }
}
