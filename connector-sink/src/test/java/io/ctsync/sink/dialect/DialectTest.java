package io.ctsync.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.ColumnInfo;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.sql.SQLException;
import java.sql.SQLTransactionRollbackException;
import java.sql.Types;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The statements and classifications each dialect builds (their behaviour against real databases is in the *IT). */
class DialectTest {

    private static final TableId T = TableId.of("t");

    @Test
    void dialectsAreChosenFromTheUrlOrByName() {
        assertThat(Dialects.choose("", "jdbc:postgresql://h/db")).map(DialectProvider::name).contains("postgresql");
        assertThat(Dialects.choose("", "jdbc:mysql://h/db")).map(DialectProvider::name).contains("mariadb");
        assertThat(Dialects.choose("", "jdbc:sqlserver://h;databaseName=x")).map(DialectProvider::name).contains("sqlserver");
        assertThat(Dialects.choose("", "jdbc:sqlite:/tmp/x.db")).map(DialectProvider::name).contains("sqlite");
        assertThat(Dialects.choose("sqlite", "jdbc:other:x")).map(DialectProvider::name).contains("sqlite");
        assertThat(Dialects.choose("", "jdbc:oracle:thin:@h")).isEmpty();
    }

    @Test
    void mariaDbGuardsEveryAssignmentAndAssignsTheVersionLast() {
        String sql = Dialects.create("mariadb", null, Map.of()).upsert(T, List.of("id"), List.of("a", "b"), "v");
        String gate = "(`v` IS NULL OR VALUES(`v`) IS NULL OR `v` < VALUES(`v`))";
        assertThat(sql).endsWith("ON DUPLICATE KEY UPDATE `a` = IF(" + gate + ", VALUES(`a`), `a`), `b` = IF(" + gate
                + ", VALUES(`b`), `b`), `v` = IF(" + gate + ", VALUES(`v`), `v`)");
    }

    @Test
    void mariaDbUpsertsManyRowsPerStatementWithinItsParameterLimit() {
        Dialect maria = Dialects.create("mariadb", null, Map.of());
        assertThat(maria.upsert(T, List.of("id"), List.of("a"), "v", 3)).startsWith(
                "INSERT INTO `t` (`id`, `a`, `v`) VALUES (?, ?, ?), (?, ?, ?), (?, ?, ?) ON DUPLICATE KEY UPDATE `a` = IF(");
        assertThat(maria.upsert(T, List.of("id"), List.of("a"), "v", 1)).isEqualTo(maria.upsert(T, List.of("id"), List.of("a"), "v"));
        assertThat(maria.upsertRowsPerStatement(11)).isEqualTo(128);
        assertThat(maria.upsertRowsPerStatement(1_000)).as("65,535 parameters at most").isEqualTo(65);
        assertThat(maria.upsertRowsPerStatement(70_000)).isEqualTo(1);
        for (String oneRowPerStatement : List.of("postgresql", "sqlite", "sqlserver")) {
            assertThat(Dialects.create(oneRowPerStatement, null, Map.of()).upsertRowsPerStatement(11)).isEqualTo(1);
        }
    }

    @Test
    void mariaDbRefusesTablesWithSecondaryUniqueKeys() {
        Dialect dialect = Dialects.create("mariadb", null, Map.of());
        assertThat(dialect.upsertProblem(new TableDefinition(T, List.of(), List.of("id"), List.of("uq_email"))))
                .hasValueSatisfying(reason -> assertThat(reason).contains("uq_email", "ON DUPLICATE KEY UPDATE"));
        assertThat(dialect.upsertProblem(new TableDefinition(T, List.of(), List.of("id"), List.of()))).isEmpty();
    }

    @Test
    void postgresAndSqliteGateTheUpdateInTheConflictClause() {
        for (String name : List.of("postgresql", "sqlite")) {
            String sql = Dialects.create(name, null, Map.of()).upsert(T, List.of("id"), List.of("a"), "v");
            assertThat(sql).isEqualTo("INSERT INTO \"t\" AS t (\"id\", \"a\", \"v\") VALUES (?, ?, ?) ON CONFLICT (\"id\") "
                    + "DO UPDATE SET \"a\" = EXCLUDED.\"a\", \"v\" = EXCLUDED.\"v\" WHERE t.\"v\" IS NULL OR EXCLUDED.\"v\" "
                    + "IS NULL OR t.\"v\" < EXCLUDED.\"v\"");
        }
    }

    @Test
    void sqlServerMergesUnderUpdateAndRangeLocks() {
        String sql = Dialects.create("sqlserver", null, Map.of()).upsert(T, List.of("id"), List.of("a"), "v");
        assertThat(sql).startsWith("MERGE INTO [t] WITH (UPDLOCK, HOLDLOCK) AS tgt USING (VALUES (?, ?, ?)) AS src ([id], [a], [v])")
                .contains("WHEN MATCHED AND (tgt.[v] IS NULL OR src.[v] IS NULL OR tgt.[v] < src.[v]) THEN UPDATE SET "
                        + "tgt.[a] = src.[a], tgt.[v] = src.[v]")
                .endsWith("WHEN NOT MATCHED THEN INSERT ([id], [a], [v]) VALUES (src.[id], src.[a], src.[v]);");
    }

    /** A target table (id int IDENTITY, code varchar(12), a nvarchar(20), v bigint) keyed by (id, code). */
    private static final TableDefinition TARGET = new TableDefinition(T, List.of(
            new ColumnInfo("id", Types.INTEGER, "int identity", 10, false), new ColumnInfo("code", Types.VARCHAR, "varchar", 12, false),
            new ColumnInfo("a", Types.NVARCHAR, "nvarchar", 20, true), new ColumnInfo("v", Types.BIGINT, "bigint", 19, true)),
            List.of("id", "code"), List.of(), Set.of("id"));

    @Test
    void sqlServerWritesCarryTheConfiguredChangeTrackingContextWithoutRelyingOnMerge() {
        Dialect plain = Dialects.create("sqlserver", null, Map.of());
        Dialect stamped = Dialects.create("sqlserver", null, Map.of("dialect.sqlserver.change.tracking.context", "0x63AB"));
        String ctx = "WITH CHANGE_TRACKING_CONTEXT (0x63ab) ";

        String upsert = stamped.upsert(TARGET, List.of("id", "code"), List.of("a"), "v");
        assertThat(upsert).doesNotContain("MERGE").isEqualTo("SET NOCOUNT ON; " + ctx + "UPDATE tgt SET [a] = src.[a], [v] = src.[v] "
                + "FROM [t] AS tgt WITH (UPDLOCK, HOLDLOCK) JOIN (VALUES (?, CAST(? AS varchar(12)), ?, ?)) AS src ([id], [code], "
                + "[a], [v]) ON tgt.[id] = src.[id] AND tgt.[code] = src.[code] WHERE (tgt.[v] IS NULL OR src.[v] IS NULL OR "
                + "tgt.[v] < src.[v]); " + ctx + "INSERT INTO [t] ([id], [code], [a], [v]) SELECT src.[id], src.[code], src.[a], "
                + "src.[v] FROM (VALUES (?, CAST(? AS varchar(12)), ?, ?)) AS src ([id], [code], [a], [v]) WHERE NOT EXISTS "
                + "(SELECT 1 FROM [t] AS tgt WITH (UPDLOCK, HOLDLOCK) WHERE tgt.[id] = src.[id] AND tgt.[code] = src.[code]); "
                + "SET NOCOUNT OFF;");
        assertThat(stamped.upsertParameterSets(List.of("a"), "v")).as("the row bound for the UPDATE, then for the INSERT")
                .isEqualTo(2);
        assertThat(upsert.chars().filter(ch -> ch == '?').count()).isEqualTo(8);
        assertThat(stamped.upsert(TARGET, List.of("id", "code"), List.of(), null)).as("nothing to update: the insert alone")
                .doesNotContain("UPDATE").contains(ctx + "INSERT INTO [t]");
        assertThat(stamped.upsertParameterSets(List.of(), null)).isEqualTo(1);
        assertThat(plain.upsertParameterSets(List.of("a"), "v")).isEqualTo(1);
        assertThat(stamped.upsert(T, List.of("id"), List.of("a"), "v")).as("the sink's own tables: no context")
                .isEqualTo(plain.upsert(T, List.of("id"), List.of("a"), "v"));
        assertThat(stamped.delete(TARGET, List.of("id", "code"), "v")).isEqualTo(ctx
                + "DELETE FROM [t] WHERE [id] = ? AND [code] = CAST(? AS varchar(12)) AND ([v] IS NULL OR [v] < ?)");
        assertThat(stamped.update(TARGET, List.of("id", "code"), List.of("a"), null))
                .isEqualTo(ctx + "UPDATE [t] SET [a] = ? WHERE [id] = ? AND [code] = CAST(? AS varchar(12))");
        assertThat(plain.delete(T, List.of("id"), null)).isEqualTo("DELETE FROM [t] WHERE [id] = ?");
    }

    /**
     * The driver sends strings as nvarchar; compared with a varchar key column, SQL Server converts the column and
     * scans. Key parameters of char/varchar key columns are cast to the column's type; nvarchar keys and values stay.
     */
    @Test
    void sqlServerCastsStringKeyParametersToNonUnicodeKeyColumnsOwnType() {
        Dialect plain = Dialects.create("sqlserver", null, Map.of());
        String merge = plain.upsert(TARGET, List.of("id", "code"), List.of("a"), "v");
        assertThat(merge).startsWith("MERGE INTO [t] WITH (UPDLOCK, HOLDLOCK) AS tgt USING (VALUES (?, CAST(? AS varchar(12)), ?, ?)) "
                + "AS src ([id], [code], [a], [v]) ON tgt.[id] = src.[id] AND tgt.[code] = src.[code]");
        assertThat(plain.delete(TARGET, List.of("id", "code"), null))
                .isEqualTo("DELETE FROM [t] WHERE [id] = ? AND [code] = CAST(? AS varchar(12))");
        assertThat(SqlServerDialect.nonUnicodeType(new ColumnInfo("c", Types.CHAR, "char", 3, false))).contains("char(3)");
        assertThat(SqlServerDialect.nonUnicodeType(new ColumnInfo("c", Types.VARCHAR, "varchar", Integer.MAX_VALUE, false)))
                .contains("varchar(max)");
        assertThat(SqlServerDialect.nonUnicodeType(new ColumnInfo("c", Types.NVARCHAR, "nvarchar", 12, false))).isEmpty();
        TableDefinition unicodeKey = new TableDefinition(T, List.of(new ColumnInfo("k", Types.NVARCHAR, "nvarchar", 12, false)),
                List.of("k"), List.of());
        assertThat(plain.upsert(unicodeKey, List.of("k"), List.of(), null)).contains("USING (VALUES (?)) AS src ([k])");
    }

    /**
     * SET IDENTITY_INSERT ON is refused for a table without an IDENTITY column, and only one table per session may
     * have it on: it is issued only where the written columns include the table's identity column, and always
     * turned off, also when the write fails (caught, turned off, re-thrown unchanged).
     */
    @Test
    void sqlServerIdentityInsertOnlyForTablesWhoseIdentityColumnIsWrittenAndAlwaysOffAgain() {
        Dialect identity = Dialects.create("sqlserver", null, Map.of("dialect.sqlserver.identity.insert", "true"));
        Dialect plain = Dialects.create("sqlserver", null, Map.of());
        String merge = plain.upsert(TARGET, List.of("id", "code"), List.of("a"), "v");

        assertThat(identity.upsert(TARGET, List.of("id", "code"), List.of("a"), "v")).isEqualTo("SET IDENTITY_INSERT [t] ON; "
                + "BEGIN TRY " + merge + " END TRY BEGIN CATCH SET IDENTITY_INSERT [t] OFF; THROW; END CATCH; "
                + "SET IDENTITY_INSERT [t] OFF;");
        TableDefinition withoutIdentity = new TableDefinition(T, List.of(new ColumnInfo("id", Types.INTEGER, "int", 10, false)),
                List.of("id"), List.of());
        assertThat(identity.upsert(withoutIdentity, List.of("id"), List.of(), null)).doesNotContain("IDENTITY_INSERT");
        TableDefinition identityNotWritten = new TableDefinition(T, List.of(new ColumnInfo("k", Types.INTEGER, "int", 10, false),
                new ColumnInfo("seq", Types.INTEGER, "int identity", 10, false)), List.of("k"), List.of(), Set.of("seq"));
        assertThat(identity.upsert(identityNotWritten, List.of("k"), List.of(), null)).doesNotContain("IDENTITY_INSERT");
        assertThat(identity.upsert(T, List.of("id"), List.of("deleted"), "version")).as("the sink's own tables")
                .doesNotContain("IDENTITY_INSERT");
    }

    /** mssql-jdbc sends LocalTime as datetime (1/300 s) unless sendTimeAsDatetime=false; the URL's own setting wins. */
    @Test
    void sqlServerConnectionsSendTimesAsTimeUnlessTheUrlSaysOtherwise() {
        Dialect mssql = Dialects.create("sqlserver", null, Map.of());
        assertThat(mssql.connectionProperties("jdbc:sqlserver://h;databaseName=x")).containsEntry("sendTimeAsDatetime", "false");
        assertThat(mssql.connectionProperties("jdbc:sqlserver://h;databaseName=x;sendtimeasdatetime=true"))
                .doesNotContainKey("sendTimeAsDatetime");
    }

    @Test
    void manyTextKeysAreOneArrayOnPostgresqlAndAnInListElsewhere() {
        assertThat(Dialects.create("postgresql", null, Map.of()).textIn("\"k\"", 3))
                .isEqualTo("\"k\" = ANY(CAST(? AS varchar[]))");
        assertThat(Dialects.create("mariadb", null, Map.of()).textIn("`k`", 3)).isEqualTo("`k` IN (?, ?, ?)");
        assertThat(Dialects.create("sqlite", null, Map.of()).textIn("\"k\"", 1)).isEqualTo("\"k\" IN (?)");
    }

    @Test
    void deletesAreGatedByTheVersionColumn() {
        assertThat(Dialects.create("postgresql", null, Map.of()).delete(T, List.of("id", "k"), "v"))
                .isEqualTo("DELETE FROM \"t\" WHERE \"id\" = ? AND \"k\" = ? AND (\"v\" IS NULL OR \"v\" < ?)");
    }

    @Test
    void mergesUpdateSomeColumnsGatedByTheVersion() {
        assertThat(Dialects.create("postgresql", null, Map.of()).update(T, List.of("id"), List.of("a", "b"), "v"))
                .isEqualTo("UPDATE \"t\" SET \"a\" = ?, \"b\" = ?, \"v\" = ? WHERE \"id\" = ? AND (\"v\" IS NULL OR \"v\" < ?)");
        assertThat(Dialects.create("mariadb", null, Map.of()).update(T, List.of("id"), List.of("a"), null))
                .isEqualTo("UPDATE `t` SET `a` = ? WHERE `id` = ?");
    }

    @Test
    void conflictReadsLockTheRowsTheyRead() {
        assertThat(Dialects.create("postgresql", null, Map.of()).lockingSelect("\"a\"", T, "\"id\" = ?"))
                .isEqualTo("SELECT \"a\" FROM \"t\" WHERE \"id\" = ? FOR UPDATE");
        assertThat(Dialects.create("sqlserver", null, Map.of()).lockingSelect("[a]", T, "[id] = ?"))
                .isEqualTo("SELECT [a] FROM [t] WITH (UPDLOCK, HOLDLOCK) WHERE [id] = ?");
        assertThat(Dialects.create("sqlite", null, Map.of()).lockingSelect("\"a\"", T, "1 = 1")).doesNotContain("FOR UPDATE");
    }

    @Test
    void foreignKeyViolationsAreToldApartAndDeferredWhereTheDatabaseCan() {
        assertThat(Dialects.create("postgresql", null, Map.of()).isForeignKeyViolation(new SQLException("fk", "23503"))).isTrue();
        assertThat(Dialects.create("postgresql", null, Map.of()).isForeignKeyViolation(new SQLException("nn", "23502"))).isFalse();
        Dialect maria = Dialects.create("mariadb", null, Map.of());
        assertThat(maria.isForeignKeyViolation(new SQLException("no parent", "23000", 1452))).isTrue();
        assertThat(maria.isForeignKeyViolation(new SQLException("has children", "23000", 1451))).isTrue();
        assertThat(maria.isForeignKeyViolation(new SQLException("duplicate", "23000", 1062))).isFalse();
        Dialect sqlite = Dialects.create("sqlite", null, Map.of());
        assertThat(sqlite.isForeignKeyViolation(new SQLException("[SQLITE_CONSTRAINT_FOREIGNKEY]", null, 787))).isTrue();
        assertThat(sqlite.isForeignKeyViolation(new SQLException("not null", null, 1299))).isFalse();
        Dialect mssql = Dialects.create("sqlserver", null, Map.of());
        assertThat(mssql.isForeignKeyViolation(new SQLException("conflicted with the FOREIGN KEY constraint", "23000", 547))).isTrue();
        assertThat(mssql.isForeignKeyViolation(new SQLException("conflicted with the CHECK constraint", "23000", 547))).isFalse();

        assertThat(Dialects.create("postgresql", null, Map.of()).deferForeignKeys()).contains("SET CONSTRAINTS ALL DEFERRED");
        assertThat(sqlite.deferForeignKeys()).contains("PRAGMA defer_foreign_keys = ON");
        assertThat(maria.deferForeignKeys()).isEmpty();
        assertThat(mssql.deferForeignKeys()).isEmpty();
    }

    @Test
    void failuresAreClassifiedBySqlStateAndVendorCode() {
        Dialect pg = Dialects.create("postgresql", null, Map.of());
        assertThat(pg.classify(new SQLException("x", "08006"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(pg.classify(new SQLException("x", "40P01"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(pg.classify(new SQLException("x", "57P01"))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(pg.classify(new SQLException("x", "22001"))).isEqualTo(FailureKind.RECORD);
        assertThat(pg.classify(new SQLException("x", "23502"))).isEqualTo(FailureKind.RECORD);
        assertThat(pg.classify(new SQLException("x", "42P01"))).isEqualTo(FailureKind.STRUCTURAL);
        assertThat(pg.classify(new SQLException("x", "42501"))).isEqualTo(FailureKind.STRUCTURAL);

        Dialect maria = Dialects.create("mariadb", null, Map.of());
        assertThat(maria.classify(new SQLException("Lock wait timeout", "HY000", 1205))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(maria.classify(new SQLException("Deadlock", "40001", 1213))).isEqualTo(FailureKind.TRANSIENT);
        // A transaction the database ended under a batch (its savepoint gone) is transient whatever the rows' failure.
        assertThat(maria.classify(new SQLTransactionRollbackException("rolled back", "40000",
                new SQLException("Cannot add or update a child row", "23000", 1452)))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(maria.classify(new SQLException("Data too long", "22001", 1406))).isEqualTo(FailureKind.RECORD);
        assertThat(maria.classify(new SQLException("Table doesn't exist", "42S02", 1146))).isEqualTo(FailureKind.STRUCTURAL);
        assertThat(maria.failedColumn(new SQLException("Column 'name' cannot be null"))).contains("name");

        Dialect sqlite = Dialects.create("sqlite", null, Map.of());
        assertThat(sqlite.classify(new SQLException("busy", null, 5))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(sqlite.classify(new SQLException("not null", null, 1299))).isEqualTo(FailureKind.RECORD);
        assertThat(sqlite.failedColumn(new SQLException("NOT NULL constraint failed: t.name)"))).contains("name");

        Dialect mssql = Dialects.create("sqlserver", null, Map.of());
        assertThat(mssql.classify(new SQLException("deadlock victim", "40001", 1205))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(mssql.classify(new SQLException("Azure failover", "S0001", 40613))).isEqualTo(FailureKind.TRANSIENT);
        assertThat(mssql.classify(new SQLException("truncated", "22001", 2628))).isEqualTo(FailureKind.RECORD);
        assertThat(mssql.classify(new SQLException("Invalid object name", "S0002", 208))).isEqualTo(FailureKind.STRUCTURAL);
    }
}
