package io.ctsync.sink.dialect;

import io.ctsync.contract.config.Validators;
import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.ColumnSpec;
import io.ctsync.sink.schema.FieldType;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.TableDefinition;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
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

    /**
     * mssql-jdbc sends a {@code java.time.LocalTime} as {@code datetime} unless {@code sendTimeAsDatetime=false}
     * (driver default true: "Setting the connection properties"), rounding every {@code time(n)} value to 1/300 s.
     * Off on every connection, unless the URL sets it (then the user's choice stands).
     */
    static final String SEND_TIME_AS_DATETIME = "sendTimeAsDatetime";

    @Override
    public Properties connectionProperties(String url) {
        Properties properties = new Properties();
        properties.setProperty("applicationName", "ctsync-jdbc-sink");
        if (!urlSets(url, SEND_TIME_AS_DATETIME)) {
            properties.setProperty(SEND_TIME_AS_DATETIME, "false");
        }
        return properties;
    }

    /** True when the URL's {@code ;name=value} properties name {@code property} (the driver ignores case). */
    static boolean urlSets(String url, String property) {
        return Pattern.compile("[;?]\\s*" + Pattern.quote(property) + "\\s*=", Pattern.CASE_INSENSITIVE).matcher(url).find();
    }

    /** Reads the table as every dialect does, plus its IDENTITY columns from {@code sys.identity_columns}. */
    @Override
    public Optional<TableDefinition> readTable(Connection connection, TableId table) throws SQLException {
        Optional<TableDefinition> read = super.readTable(connection, table);
        if (read.isEmpty()) {
            return read;
        }
        Set<String> identity = new HashSet<>();
        try (PreparedStatement statement = connection.prepareStatement(
                "SELECT c.name FROM sys.identity_columns AS c WHERE c.object_id = OBJECT_ID(?)")) {
            statement.setString(1, qualified(read.get().id()));
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    identity.add(rs.getString(1));
                }
            }
        }
        return Optional.of(read.get().withIdentityColumns(identity));
    }

    /**
     * The sink's own tables and tables read without the catalog: a MERGE without identity insert or context
     * (neither is ever wanted for the state table).
     */
    @Override
    public String upsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return merge(table, keyColumns, valueColumns, versionColumn, column -> "?", "");
    }

    /**
     * A target table's upsert. String key parameters of {@code char}/{@code varchar} key columns are cast to the
     * column's own type: the driver sends strings as nvarchar (sendStringParametersAsUnicode), and nvarchar ranks
     * above varchar, so SQL Server would convert the column instead and scan the index under HOLDLOCK, slow and the
     * classic MERGE deadlock. With a Change Tracking context the upsert is an UPDATE and an INSERT (see
     * {@link #updateThenInsert}). With identity insert, only for a table whose IDENTITY column is written, and
     * turned off again whatever happens (see {@link #withIdentityInsert}).
     */
    @Override
    public String upsert(TableDefinition table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        Function<String, String> parameter = column -> keyParameter(table, keyColumns, column);
        String write = contextPrefix.isEmpty()
                ? merge(table.id(), keyColumns, valueColumns, versionColumn, parameter, "")
                : updateThenInsert(table.id(), keyColumns, valueColumns, versionColumn, parameter);
        return identityInsert && writesIdentity(table, keyColumns, valueColumns) ? withIdentityInsert(table.id(), write) : write;
    }

    /** Two parameter sets when the upsert is {@link #updateThenInsert} with columns to update: both bind the row. */
    @Override
    public int upsertParameterSets(List<String> valueColumns, String versionColumn) {
        return contextPrefix.isEmpty() || (valueColumns.isEmpty() && versionColumn == null) ? 1 : 2;
    }

    @Override
    public String delete(TableId table, List<String> keyColumns, String versionColumn) {
        return contextPrefix + super.delete(table, keyColumns, versionColumn);
    }

    @Override
    public String delete(TableDefinition table, List<String> keyColumns, String versionColumn) {
        StringBuilder sql = new StringBuilder(contextPrefix).append("DELETE FROM ").append(qualified(table.id()))
                .append(" WHERE ");
        appendKeyMatch(sql, table, keyColumns);
        appendGate(sql, versionColumn);
        return sql.toString();
    }

    @Override
    public String update(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        return contextPrefix + super.update(table, keyColumns, valueColumns, versionColumn);
    }

    @Override
    public String update(TableDefinition table, List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        StringBuilder sql = new StringBuilder(contextPrefix).append("UPDATE ").append(qualified(table.id())).append(" SET ");
        for (int i = 0; i < valueColumns.size(); i++) {
            sql.append(i == 0 ? "" : ", ").append(quote(valueColumns.get(i))).append(" = ?");
        }
        if (versionColumn != null) {
            sql.append(valueColumns.isEmpty() ? "" : ", ").append(quote(versionColumn)).append(" = ?");
        }
        sql.append(" WHERE ");
        appendKeyMatch(sql, table, keyColumns);
        appendGate(sql, versionColumn);
        return sql.toString();
    }

    private void appendKeyMatch(StringBuilder sql, TableDefinition table, List<String> keyColumns) {
        for (int i = 0; i < keyColumns.size(); i++) {
            sql.append(i == 0 ? "" : " AND ").append(quote(keyColumns.get(i))).append(" = ")
                    .append(keyParameter(table, keyColumns, keyColumns.get(i)));
        }
    }

    private void appendGate(StringBuilder sql, String versionColumn) {
        if (versionColumn != null) {
            sql.append(" AND (").append(quote(versionColumn)).append(" IS NULL OR ").append(quote(versionColumn))
                    .append(" < ?)");
        }
    }

    /**
     * {@code ?}, or {@code CAST(? AS varchar(n))} for a key column of a non-Unicode string type. Value columns are
     * left alone: they are only assigned, never compared.
     */
    private String keyParameter(TableDefinition table, List<String> keyColumns, String column) {
        if (!keyColumns.contains(column)) {
            return "?";
        }
        return table.column(column).flatMap(SqlServerDialect::nonUnicodeType).map(type -> "CAST(? AS " + type + ")").orElse("?");
    }

    /** {@code varchar(n)}/{@code char(n)} (or {@code (max)}) for such a column, as the catalog describes it. */
    static Optional<String> nonUnicodeType(ColumnInfo column) {
        String type = column.typeName() == null ? "" : column.typeName().trim().split("\\s+")[0].toLowerCase(Locale.ROOT);
        if (!type.equals("varchar") && !type.equals("char")) {
            return Optional.empty();
        }
        boolean max = column.size() <= 0 || column.size() > 8000;
        return Optional.of(type + "(" + (max ? "max" : Integer.toString(column.size())) + ")");
    }

    private static boolean writesIdentity(TableDefinition table, List<String> keyColumns, List<String> valueColumns) {
        return table.identityColumns().stream().anyMatch(c -> keyColumns.contains(c) || valueColumns.contains(c));
    }

    /**
     * {@code SET IDENTITY_INSERT t ON}, the write, then OFF, in one statement. Only one table per session may have it
     * on, so it must never stay on: an error inside the write is caught, the setting turned off, and the error
     * re-raised unchanged by THROW (same number, so failures are classified as before).
     */
    private String withIdentityInsert(TableId table, String write) {
        String off = "SET IDENTITY_INSERT " + qualified(table) + " OFF;";
        return "SET IDENTITY_INSERT " + qualified(table) + " ON; BEGIN TRY " + write + " END TRY BEGIN CATCH " + off
                + " THROW; END CATCH; " + off;
    }

    /**
     * The upsert as {@code UPDATE} (version-gated) then, when it changed no row, {@code INSERT … WHERE NOT EXISTS},
     * each {@code WITH CHANGE_TRACKING_CONTEXT}: Microsoft documents that prefix for INSERT, UPDATE and DELETE only
     * ("WITH CHANGE_TRACKING_CONTEXT", "Work with change tracking"), so two-way sync does not depend on MERGE
     * accepting it (SqlServerChangeTrackingFactsIT pins that question on a real server). UPDLOCK, HOLDLOCK on both
     * keep the key range locked between the two, as MERGE's hints do. The row's parameters are bound twice
     * ({@link #upsertParameterSets}); NOCOUNT, so the driver reports no ambiguous count of two statements.
     */
    private String updateThenInsert(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn,
                                    Function<String, String> parameter) {
        List<String> all = allColumns(keyColumns, valueColumns, versionColumn);
        List<String> updated = new java.util.ArrayList<>(valueColumns);
        if (versionColumn != null) {
            updated.add(versionColumn);
        }
        String source = "(VALUES (" + all.stream().map(parameter).collect(java.util.stream.Collectors.joining(", "))
                + ")) AS src (" + list(all, "") + ")";
        StringBuilder sql = new StringBuilder("SET NOCOUNT ON; ");
        if (!updated.isEmpty()) {           // a key-only row without version: nothing to update, only the insert
            sql.append(contextPrefix).append("UPDATE tgt SET ");
            for (int i = 0; i < updated.size(); i++) {
                String column = quote(updated.get(i));
                sql.append(i == 0 ? "" : ", ").append(column).append(" = src.").append(column);
            }
            sql.append(" FROM ").append(qualified(table)).append(" AS tgt WITH (UPDLOCK, HOLDLOCK) JOIN ").append(source)
                    .append(" ON ").append(keyJoin(keyColumns));
            if (versionColumn != null) {
                sql.append(" WHERE ").append(gate(versionColumn));
            }
            sql.append("; ");
        }
        sql.append(contextPrefix).append("INSERT INTO ").append(qualified(table)).append(" (").append(list(all, ""))
                .append(") SELECT ").append(list(all, "src.")).append(" FROM ").append(source)
                .append(" WHERE NOT EXISTS (SELECT 1 FROM ").append(qualified(table)).append(" AS tgt WITH (UPDLOCK, HOLDLOCK) WHERE ")
                .append(keyJoin(keyColumns)).append("); SET NOCOUNT OFF;");
        return sql.toString();
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

    /** {@code MERGE … WITH (UPDLOCK, HOLDLOCK)}: update when matched (version-gated), insert when not. */
    private String merge(TableId table, List<String> keyColumns, List<String> valueColumns, String versionColumn,
                         Function<String, String> parameter, String prefix) {
        List<String> all = allColumns(keyColumns, valueColumns, versionColumn);
        StringBuilder sql = new StringBuilder(prefix).append("MERGE INTO ").append(qualified(table))
                .append(" WITH (UPDLOCK, HOLDLOCK) AS tgt USING (VALUES (")
                .append(all.stream().map(parameter).collect(java.util.stream.Collectors.joining(", ")))
                .append(")) AS src (").append(list(all, "")).append(") ON ").append(keyJoin(keyColumns));
        List<String> updated = new java.util.ArrayList<>(valueColumns);
        if (versionColumn != null) {
            updated.add(versionColumn);
        }
        if (!updated.isEmpty()) {
            sql.append(" WHEN MATCHED");
            if (versionColumn != null) {
                sql.append(" AND ").append(gate(versionColumn));
            }
            sql.append(" THEN UPDATE SET ");
            for (int i = 0; i < updated.size(); i++) {
                String column = quote(updated.get(i));
                sql.append(i == 0 ? "" : ", ").append("tgt.").append(column).append(" = src.").append(column);
            }
        }
        return sql.append(" WHEN NOT MATCHED THEN INSERT (").append(list(all, "")).append(") VALUES (")
                .append(list(all, "src.")).append(");").toString();
    }

    private static List<String> allColumns(List<String> keyColumns, List<String> valueColumns, String versionColumn) {
        List<String> all = new java.util.ArrayList<>(keyColumns);
        all.addAll(valueColumns);
        if (versionColumn != null) {
            all.add(versionColumn);
        }
        return all;
    }

    private String keyJoin(List<String> keyColumns) {
        StringBuilder sql = new StringBuilder();
        for (int i = 0; i < keyColumns.size(); i++) {
            String key = quote(keyColumns.get(i));
            sql.append(i == 0 ? "" : " AND ").append("tgt.").append(key).append(" = src.").append(key);
        }
        return sql.toString();
    }

    /** The version gate: the stored version is null, the new one is null, or the stored one is lower. */
    private String gate(String versionColumn) {
        String v = quote(versionColumn);
        return "(tgt." + v + " IS NULL OR src." + v + " IS NULL OR tgt." + v + " < src." + v + ")";
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
                            + "upsert into a table whose IDENTITY column the sink writes, as sys.identity_columns says; "
                            + "always OFF again, also when the write fails); needed when the target's key is an IDENTITY "
                            + "column filled from the source.",
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
