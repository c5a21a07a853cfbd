package io.ctsync.source.tsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The T-SQL text itself: quoting and the shape of the queries (their behaviour is proven against SQL Server in *IT). */
class TSqlTest {

    private static final TableMetadata ORDERS = new TableMetadata(new TableId("sa]les", "order lines"), List.of(
            new Column("id", 1, "int", 4, 10, 0, false, 1),
            new Column("code", 2, "varchar", 20, 0, 0, false, 2),
            new Column("note]x", 3, "nvarchar", 100, 0, 0, true, 0)), true);

    @Test
    void identifiersAreBracketQuotedWithClosingBracketsDoubled() {
        assertThat(TSql.quote(ORDERS.id())).isEqualTo("[sa]]les].[order lines]");
        assertThat(TSql.snapshotChunk(ORDERS, false))
                .isEqualTo("SELECT TOP (?) t.[id], t.[code], t.[note]]x] FROM [sa]]les].[order lines] AS t ORDER BY t.[id], t.[code]");
    }

    @Test
    void aRowFilterGoesInAsWrittenBetweenParenthesesOverTheTableAlone() {
        RowFilter filter = new RowFilter("code LIKE 'A%' -- trusted text");

        assertThat(TSql.rowFilterCheck(ORDERS.id(), filter))
                .isEqualTo("SELECT TOP 0 1 FROM [sa]]les].[order lines] AS t WHERE (code LIKE 'A%' -- trusted text\n)");
        assertThat(TSql.snapshotChunk(ORDERS, Optional.of(filter), true))
                .startsWith("SELECT TOP (?) t.[id], t.[code], t.[note]]x] FROM [sa]]les].[order lines] AS t "
                        + "WHERE (code LIKE 'A%' -- trusted text\n) AND ((t.[id] > CAST(? AS int)) OR ")
                .endsWith(")) ORDER BY t.[id], t.[code]");
        String changes = TSql.changesPage(ORDERS, Optional.of(filter), false);
        assertThat(changes)
                .contains(", t.[note]]x], t.[ctsync_row_filter_match] FROM CHANGETABLE(CHANGES [sa]]les].[order lines], ?) AS c")
                .contains("LEFT JOIN (SELECT t.[id], t.[code], t.[note]]x], CASE WHEN (code LIKE 'A%' -- trusted text\n) "
                        + "THEN 1 ELSE 0 END AS [ctsync_row_filter_match] FROM [sa]]les].[order lines] AS t) AS t "
                        + "ON t.[id] = c.[id] AND t.[code] = c.[code]");
        assertThat(TSql.changesPage(ORDERS, Optional.empty(), false)).isEqualTo(TSql.changesPage(ORDERS, false));
    }

    @Test
    void keysetPredicatesCastEachParameterToTheColumnsOwnType() {
        assertThat(TSql.keyAfter("t", ORDERS.keyColumns())).isEqualTo("(t.[id] > CAST(? AS int)) OR (t.[id] = CAST(? AS int) "
                + "AND t.[code] > CAST(? AS varchar(20)))");
        assertThat(TSql.keyAfterBindings(2)).containsExactly(0, 0, 1);
        assertThat(TSql.keyAfterBindings(3)).containsExactly(0, 0, 1, 0, 1, 2);
    }

    @Test
    void changesPageJoinsTheBaseTableBoundsTheVersionAndOrdersByVersionThenKey() {
        String sql = TSql.changesPage(ORDERS, true);
        assertThat(sql).contains("FROM CHANGETABLE(CHANGES [sa]]les].[order lines], ?) AS c")
                .contains("LEFT JOIN [sa]]les].[order lines] AS t ON t.[id] = c.[id] AND t.[code] = c.[code]")
                .contains("CHANGE_TRACKING_IS_COLUMN_IN_MASK(3, c.SYS_CHANGE_COLUMNS), CAST(CASE")
                .contains("WHERE c.SYS_CHANGE_VERSION <= ? AND (c.SYS_CHANGE_VERSION > ? OR (c.SYS_CHANGE_VERSION = ? AND (")
                .endsWith("ORDER BY c.SYS_CHANGE_VERSION, c.[id], c.[code]");
        assertThat(sql.chars().filter(ch -> ch == '?').count()).as("TOP, anchor, upper, 2 versions, 3 key params")
                .isEqualTo(8);
    }

    /**
     * SQL Server allows 2,100 parameters a statement, 4,096 columns a SELECT and 128 characters an identifier. A
     * table of 1,024 columns (the most a non-sparse table has) with 128-character names must stay within all three.
     */
    @Test
    void theChangesPageOfAVeryWideTableStaysWithinSqlServersLimits() {
        List<Column> columns = new java.util.ArrayList<>();
        columns.add(new Column("id", 1, "int", 4, 10, 0, false, 1));
        for (int id = 2; id <= 1024; id++) {
            String name = ("c" + id + "_" + "x".repeat(128)).substring(0, 128);
            columns.add(new Column(name, id, "nvarchar", 100, 0, 0, true, 0));
        }
        TableMetadata wide = new TableMetadata(new TableId("dbo", "wide"), columns, true);

        String sql = TSql.changesPage(wide, true);

        assertThat(sql.chars().filter(ch -> ch == '?').count()).as("parameters do not grow with the columns").isEqualTo(6);
        assertThat(sql).contains("CHANGE_TRACKING_IS_COLUMN_IN_MASK(1024, c.SYS_CHANGE_COLUMNS)").doesNotContain(" AS [mask_");
        java.util.regex.Matcher identifiers = java.util.regex.Pattern.compile("\\[((?:[^\\]]|\\]\\])*)\\]").matcher(sql);
        int longest = 0;
        while (identifiers.find()) {
            longest = Math.max(longest, identifiers.group(1).replace("]]", "]").length());
        }
        assertThat(longest).isEqualTo(128);
        String selectList = sql.substring("SELECT TOP (?) ".length(), sql.indexOf(" FROM CHANGETABLE"));
        assertThat(topLevelItems(selectList)).as("5 fixed, the key, 1,023 mask bits, row exists, 1,024 row columns").isEqualTo(5 + 1 + 1023 + 1 + 1024)
                .isLessThanOrEqualTo(4096);
    }

    /** Items of a select list: commas outside parentheses and brackets. */
    private static int topLevelItems(String selectList) {
        int items = 1;
        int depth = 0;
        boolean bracket = false;
        for (char ch : selectList.toCharArray()) {
            if (bracket) {
                bracket = ch != ']';      // a doubled ]] re-enters on its second ]
            } else if (ch == '[') {
                bracket = true;
            } else if (ch == '(') {
                depth++;
            } else if (ch == ')') {
                depth--;
            } else if (ch == ',' && depth == 0) {
                items++;
            }
        }
        return items;
    }

    /**
     * Type names come from sys.types by user_type_id: TYPE_NAME(system_type_id) gives NULL for the CLR types that
     * share system type 240 (hierarchyid, geometry, geography) and loses alias types' names.
     */
    @Test
    void columnTypesAreReadFromSysTypesByUserTypeIdWithAliasTypesResolvedToTheirBase() {
        assertThat(TSql.COLUMNS).doesNotContain("TYPE_NAME(")
                .contains("JOIN sys.types AS ty ON ty.user_type_id = c.user_type_id")
                .contains("LEFT JOIN sys.types AS base ON base.user_type_id = ty.system_type_id")
                .contains("CASE WHEN ty.user_type_id <> ty.system_type_id AND ty.is_assembly_type = 0 THEN base.name "
                        + "ELSE ty.name END AS type_name");
    }

    @Test
    void timeParametersTravelAsTimeUnlessTheUrlSaysOtherwise() {
        java.util.Properties plain = SqlServerDatabaseFactory.driverProperties(new io.ctsync.contract.config.ConnectionOptions
                .Settings("jdbc:sqlserver://h:1433;databaseName=sales", "ctsync", null, 0, 0));
        assertThat(plain).containsEntry("sendTimeAsDatetime", "false").containsEntry("user", "ctsync");

        java.util.Properties explicit = SqlServerDatabaseFactory.driverProperties(new io.ctsync.contract.config.ConnectionOptions
                .Settings("jdbc:sqlserver://h:1433;databaseName=sales; SendTimeAsDateTime = true", "", null, 0, 0));
        assertThat(explicit).doesNotContainKey("sendTimeAsDatetime").doesNotContainKey("user");
    }

    @Test
    void declaredTypesAreRebuiltFromCatalogNumbers() {
        assertThat(TSql.declaredType(new Column("a", 1, "nvarchar", 100, 0, 0, true, 0))).isEqualTo("nvarchar(50)");
        assertThat(TSql.declaredType(new Column("a", 1, "varbinary", -1, 0, 0, true, 0))).isEqualTo("varbinary(max)");
        assertThat(TSql.declaredType(new Column("a", 1, "decimal", 9, 18, 4, true, 0))).isEqualTo("decimal(18,4)");
        assertThat(TSql.declaredType(new Column("a", 1, "datetime2", 8, 27, 7, true, 0))).isEqualTo("datetime2(7)");
    }

    @Test
    void passwordsInUrlsAreMaskedInMessages() {
        assertThat(SqlServerDatabaseFactory.redacted("jdbc:sqlserver://h;databaseName=x;password=s3cr3t;encrypt=true"))
                .isEqualTo("jdbc:sqlserver://h;databaseName=x;password=****;encrypt=true");
    }
}
