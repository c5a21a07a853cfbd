package io.ctsync.source.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.contract.config.ConnectionOptions;
import io.ctsync.source.tsql.SqlServerDatabaseFactory;
import io.ctsync.testkit.db.SqlServerContainers;
import io.ctsync.testkit.db.TestDatabase;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.apache.kafka.common.config.types.Password;
import org.junit.jupiter.api.Test;
import org.testcontainers.junit.jupiter.Container;
import org.testcontainers.junit.jupiter.Testcontainers;
import org.testcontainers.mssqlserver.MSSQLServerContainer;

/**
 * The T-SQL layer ({@code io.ctsync.source.tsql}) against a real SQL Server: the same contract the in-memory model
 * passes, plus the value round trip of every supported type. Runs wherever Docker runs; skipped elsewhere.
 */
@Testcontainers(disabledWithoutDocker = true)
class SqlServerChangeTrackingDatabaseIT extends ChangeTrackingDatabaseContract {

    @Container
    static final MSSQLServerContainer SQLSERVER = SqlServerContainers.create();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @Override
    protected Scenario newScenario() {
        return new SqlServerScenario(SqlServerContainers.changeTrackedDatabase(SQLSERVER, "ct" + DATABASES.incrementAndGet()));
    }

    @Test
    void valuesOfEverySupportedTypeArriveAsPlainJavaValues() {
        TestDatabase sql = ((SqlServerScenario) scenario).sql;
        sql.execute("CREATE TABLE dbo.types (id int PRIMARY KEY, b bit, ti tinyint, si smallint, bi bigint, r real, "
                        + "f float, d decimal(12,4), m money, dt date, t7 time(7), dtm datetime, dt2 datetime2(7), "
                        + "dto datetimeoffset(7), u uniqueidentifier, vb varbinary(8), x xml, nv nvarchar(max))",
                "ALTER TABLE dbo.types ENABLE CHANGE_TRACKING",
                "INSERT INTO dbo.types VALUES (1, 1, 255, -2, 9000000000, 1.5, 2.25, 12345678.1234, 12.3456, '2024-02-29', "
                        + "'23:59:59.1234567', '2024-03-10 02:30:00.003', '2024-03-10 02:30:00.1234567', "
                        + "'2024-01-31 10:15:30.1234567 +05:30', 'A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11', 0x00FF10, "
                        + "'<a>x</a>', N'ünïcödé')");
        TableId types = new TableId("dbo", "types");

        Object[] row = db.inCycle(Isolation.SNAPSHOT, c -> c.snapshotChunk(c.metadata(types), Optional.empty(), 1)).get(0);

        assertThat(row).containsExactly(1, true, (short) 255, (short) -2, 9_000_000_000L, 1.5f, 2.25,
                new BigDecimal("12345678.1234"), new BigDecimal("12.3456"), LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 123_456_700), LocalDateTime.of(2024, 3, 10, 2, 30, 0, 3_000_000),
                LocalDateTime.of(2024, 3, 10, 2, 30, 0, 123_456_700),
                OffsetDateTime.parse("2024-01-31T10:15:30.1234567+05:30"), "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
                HexFormat.of().parseHex("00ff10"), "<a>x</a>", "ünïcödé");
        TableMetadata metadata = db.inCycle(Isolation.SNAPSHOT, c -> c.metadata(types));
        assertThat(metadata.column("t7").scale()).isEqualTo(7);
        assertThat(metadata.column("d").precision()).isEqualTo(12);
        assertThat(metadata.column("nv").maxLength()).isEqualTo(-1);
    }

    /**
     * Alias types read as their base type (and work as keyset keys, cast to the base type); CLR types keep their
     * own names (TYPE_NAME(system_type_id) gave NULL for them, and a NullPointerException instead of the refusal).
     */
    @Test
    void aliasTypesResolveToTheirBaseTypeAndClrTypesAreRefusedByName() {
        TestDatabase sql = ((SqlServerScenario) scenario).sql;
        sql.execute("CREATE TYPE dbo.code FROM varchar(10) NOT NULL",
                "CREATE TABLE dbo.typed (k dbo.code PRIMARY KEY, name sysname NULL, h hierarchyid NULL, g geometry NULL, "
                        + "gg geography NULL)",
                "ALTER TABLE dbo.typed ENABLE CHANGE_TRACKING",
                "INSERT INTO dbo.typed (k, name) VALUES ('a', N'x'), ('b', N'y'), ('c', N'z')");
        TableId typed = new TableId("dbo", "typed");

        TableMetadata metadata = db.inCycle(Isolation.SNAPSHOT, c -> c.metadata(typed));
        List<Object[]> afterA = db.inCycle(Isolation.SNAPSHOT,
                c -> c.snapshotChunk(new TableMetadata(typed, metadata.columns().subList(0, 2), false), Optional.of(List.of("a")), 5));

        assertThat(metadata.columns()).extracting(Column::name, Column::typeName, Column::maxLength).containsExactly(
                org.assertj.core.groups.Tuple.tuple("k", "varchar", 10), org.assertj.core.groups.Tuple.tuple("name", "nvarchar", 256),
                org.assertj.core.groups.Tuple.tuple("h", "hierarchyid", 892), org.assertj.core.groups.Tuple.tuple("g", "geometry", -1),
                org.assertj.core.groups.Tuple.tuple("gg", "geography", -1));
        assertThat(afterA).extracting(r -> r[0]).containsExactly("b", "c");
        io.ctsync.source.schema.SqlServerTypeMapper mapper = new io.ctsync.source.schema.SqlServerTypeMapper(
                io.ctsync.source.config.DecimalHandlingMode.PRECISE, io.ctsync.source.config.TimePrecisionMode.ADAPTIVE,
                io.ctsync.source.config.BinaryHandlingMode.BYTES);
        for (Column refused : metadata.columns().subList(2, 5)) {
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> mapper.map(typed, refused))
                    .isInstanceOf(io.ctsync.source.schema.UnsupportedColumnTypeException.class)
                    .hasMessageContaining("Column " + refused.name() + " of table dbo.typed has type " + refused.typeName());
        }
    }

    @Test
    void identifiersThatNeedQuotingAreQuoted() {
        TestDatabase sql = ((SqlServerScenario) scenario).sql;
        sql.execute("CREATE TABLE dbo.[we]]ird; DROP TABLE x--] ([key col] int PRIMARY KEY, [v]]al] nvarchar(10))",
                "ALTER TABLE dbo.[we]]ird; DROP TABLE x--] ENABLE CHANGE_TRACKING",
                "INSERT INTO dbo.[we]]ird; DROP TABLE x--] VALUES (1, N'a'), (2, N'b')");
        TableId weird = new TableId("dbo", "we]ird; DROP TABLE x--");

        List<Object[]> rows = db.inCycle(Isolation.SNAPSHOT, c -> c.snapshotChunk(c.metadata(weird), Optional.of(List.of(1)), 5));
        List<ChangeRow> changes = changes(weird, 0, Optional.empty(), 5);

        assertThat(rows).extracting(r -> r[1]).containsExactly("b");
        assertThat(changes).hasSize(2);
    }

    /** Drives SQL Server with T-SQL. */
    /**
     * The database listing filters by HAS_DBACCESS ("1 if the user has access to the specified database"): a login
     * with a user in one database does not get the others, and cannot open them. A name that needs braces in the URL
     * (a {@code ;} and a {@code }}) opens as itself.
     */
    @Test
    void databasesTheLoginCannotOpenAreNotListedAndNamesThatNeedBracesOpen() {
        TestDatabase sql = ((SqlServerScenario) scenario).sql;
        String sibling = scenario.createSiblingDatabase(true);
        String login = "ctsync_one_db_" + DATABASES.incrementAndGet();
        String password = "One-database-0nly!";
        SqlServerScenario.master().execute("CREATE LOGIN [" + login + "] WITH PASSWORD = N'" + password + "', CHECK_POLICY = OFF");
        sql.execute("CREATE USER [" + login + "] FOR LOGIN [" + login + "]");
        ConnectionOptions.Settings limited = new ConnectionOptions.Settings(sql.jdbcUrl(), login, new Password(password), 0, 0);
        try (ChangeTrackingDatabase own = new SqlServerDatabaseFactory().open(limited)) {
            assertThat(own.changeTrackingDatabases()).contains(sql.name()).doesNotContain(sibling);
        }
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new SqlServerDatabaseFactory().open(limited, sibling))
                .isInstanceOf(TrackingException.class);

        String odd = "ct;odd}name" + DATABASES.incrementAndGet();
        SqlServerScenario.master().execute("CREATE DATABASE [" + odd + "]");
        try (ChangeTrackingDatabase opened = scenario.open(odd)) {
            assertThat(opened.facts().databaseName()).isEqualTo(odd);
        }
    }

    static final class SqlServerScenario implements Scenario {
        final TestDatabase sql;

        SqlServerScenario(TestDatabase sql) {
            this.sql = sql;
        }

        @Override
        public ChangeTrackingDatabase database() {
            return new SqlServerDatabaseFactory().open(new ConnectionOptions.Settings(sql.jdbcUrl(), sql.user(),
                    new Password(sql.password()), 0, 0));
        }

        @Override
        public void createItems(String table, boolean trackColumnsUpdated) {
            sql.execute("CREATE TABLE dbo." + table + " (id int PRIMARY KEY, name nvarchar(50) NULL, qty int NULL)",
                    "ALTER TABLE dbo." + table + " ENABLE CHANGE_TRACKING WITH (TRACK_COLUMNS_UPDATED = "
                            + (trackColumnsUpdated ? "ON" : "OFF") + ")");
        }

        @Override
        public void createPairs() {
            sql.execute("CREATE TABLE dbo.pairs (a int, b nvarchar(10), note nvarchar(20) NULL, PRIMARY KEY (a, b))",
                    "ALTER TABLE dbo.pairs ENABLE CHANGE_TRACKING");
        }

        @Override
        public void createKeyed(String table, String type, int size) {
            sql.execute("CREATE TABLE dbo." + table + " (k " + type + "(" + size + ") PRIMARY KEY, n int NULL)",
                    "ALTER TABLE dbo." + table + " ENABLE CHANGE_TRACKING");
        }

        @Override
        public void transaction(Statement... statements) {
            sql.execute("BEGIN TRANSACTION; " + render(statements) + " COMMIT");
        }

        @Override
        public void transactionWithContext(byte[] context, Statement... statements) {
            String ctx = "0x" + HexFormat.of().formatHex(context);
            String body = java.util.Arrays.stream(statements).map(s -> "WITH CHANGE_TRACKING_CONTEXT (" + ctx + ") "
                    + render(s)).collect(Collectors.joining(" "));
            sql.execute("BEGIN TRANSACTION; " + body + " COMMIT");
        }

        private static String render(Statement... statements) {
            return java.util.Arrays.stream(statements).map(SqlServerScenario::render).collect(Collectors.joining(" "));
        }

        private static String render(Statement statement) {
            if (statement instanceof Insert i) {
                return "INSERT INTO dbo." + i.table() + " (id, name, qty) VALUES (" + i.id() + ", " + literal(i.name()) + ", "
                        + literal(i.qty()) + ");";
            }
            if (statement instanceof InsertPair p) {
                return "INSERT INTO dbo.pairs (a, b, note) VALUES (" + p.a() + ", " + literal(p.b()) + ", " + literal(p.note()) + ");";
            }
            if (statement instanceof InsertKeyed k) {
                String key = k.key() instanceof String text ? literal(text) : "'" + k.key() + "'";
                return "INSERT INTO dbo." + k.table() + " (k, n) VALUES (" + key + ", " + k.n() + ");";
            }
            if (statement instanceof Update u) {
                return "UPDATE dbo." + u.table() + " SET " + u.set().entrySet().stream()
                        .map(e -> e.getKey() + " = " + literal(e.getValue())).collect(Collectors.joining(", "))
                        + " WHERE id = " + u.id() + ";";
            }
            Delete d = (Delete) statement;
            return "DELETE FROM dbo." + d.table() + " WHERE id = " + d.id() + ";";
        }

        private static String literal(Object value) {
            if (value == null) {
                return "NULL";
            }
            return value instanceof String s ? "N'" + s.replace("'", "''") + "'" : value.toString();
        }

        @Override
        public void truncate(String table) {
            sql.execute("TRUNCATE TABLE dbo." + table);
        }

        /** Shortest retention (1 minute), wait it out, then run the documented on-demand cleanup per table. */
        @Override
        public void cleanupEverything() {
            sql.execute("ALTER DATABASE CURRENT SET CHANGE_TRACKING (CHANGE_RETENTION = 1 MINUTES)");
            try {
                Thread.sleep(65_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
            for (Map<String, Object> table : sql.rows("SELECT OBJECT_SCHEMA_NAME(object_id) + '.' + OBJECT_NAME(object_id) AS t "
                    + "FROM sys.change_tracking_tables")) {
                sql.execute("EXEC sys.sp_flush_CT_internal_table_on_demand @TableToClean = N'" + table.get("t") + "'");
            }
        }

        @Override
        public void addIntColumn(String table, String column) {
            sql.execute("ALTER TABLE dbo." + table + " ADD " + column + " int NULL");
        }

        @Override
        public String createSiblingDatabase(boolean changeTracking) {
            String name = sql.name() + "_sibling" + DATABASES.incrementAndGet();
            if (changeTracking) {
                TestDatabase sibling = SqlServerContainers.changeTrackedDatabase(SQLSERVER, name);
                sibling.execute("CREATE TABLE dbo.items (id int PRIMARY KEY, name nvarchar(50) NULL, qty int NULL)",
                        "ALTER TABLE dbo.items ENABLE CHANGE_TRACKING");
            } else {
                master().execute("CREATE DATABASE [" + name + "]");
            }
            return name;
        }

        @Override
        public void insertInSibling(String database, int... ids) {
            TestDatabase sibling = new TestDatabase(sql.kind(), database, SQLSERVER.getJdbcUrl() + ";databaseName=" + database,
                    sql.user(), sql.password());
            for (int id : ids) {
                sibling.execute("INSERT INTO dbo.items (id) VALUES (" + id + ")");
            }
        }

        @Override
        public ChangeTrackingDatabase open(String database) {
            return new SqlServerDatabaseFactory().open(new ConnectionOptions.Settings(sql.jdbcUrl(), sql.user(),
                    new Password(sql.password()), 0, 0), database);
        }

        static TestDatabase master() {
            return new TestDatabase(io.ctsync.testkit.db.DatabaseKind.SQLSERVER, "master", SQLSERVER.getJdbcUrl(),
                    SQLSERVER.getUsername(), SQLSERVER.getPassword());
        }

        @Override
        public void close() {
        }
    }
}
