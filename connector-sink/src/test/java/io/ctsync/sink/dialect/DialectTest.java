package io.ctsync.sink.dialect;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.sink.failure.FailureKind;
import io.ctsync.sink.schema.TableDefinition;
import io.ctsync.sink.schema.TableId;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
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

    @Test
    void sqlServerWritesCarryTheConfiguredChangeTrackingContext() {
        Dialect plain = Dialects.create("sqlserver", null, Map.of());
        Dialect stamped = Dialects.create("sqlserver", null, Map.of("dialect.sqlserver.change.tracking.context", "0x63AB"));
        Dialect identity = Dialects.create("sqlserver", null, Map.of("dialect.sqlserver.change.tracking.context", "63ab",
                "dialect.sqlserver.identity.insert", "true"));

        assertThat(stamped.upsert(T, List.of("id"), List.of("a"), "v"))
                .isEqualTo("WITH CHANGE_TRACKING_CONTEXT (0x63ab) " + plain.upsert(T, List.of("id"), List.of("a"), "v"));
        assertThat(stamped.delete(T, List.of("id"), "v"))
                .isEqualTo("WITH CHANGE_TRACKING_CONTEXT (0x63ab) DELETE FROM [t] WHERE [id] = ? AND ([v] IS NULL OR [v] < ?)");
        assertThat(stamped.update(T, List.of("id"), List.of("a"), null))
                .isEqualTo("WITH CHANGE_TRACKING_CONTEXT (0x63ab) UPDATE [t] SET [a] = ? WHERE [id] = ?");
        // The context applies to the MERGE, which follows the identity switch.
        assertThat(identity.upsert(T, List.of("id"), List.of("a"), null))
                .startsWith("SET IDENTITY_INSERT [t] ON; WITH CHANGE_TRACKING_CONTEXT (0x63ab) MERGE INTO [t]");
        assertThat(plain.delete(T, List.of("id"), null)).isEqualTo("DELETE FROM [t] WHERE [id] = ?");
    }

    @Test
    void manyTextKeysAreOneArrayOnPostgresqlAndAnInListElsewhere() {
        assertThat(Dialects.create("postgresql", null, Map.of()).textIn("\"k\"", 3))
                .isEqualTo("\"k\" IN (SELECT unnest(CAST(? AS varchar[])))");
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
