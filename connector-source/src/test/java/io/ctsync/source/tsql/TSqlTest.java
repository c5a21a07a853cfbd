package io.ctsync.source.tsql;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.util.List;
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
                .contains("CHANGE_TRACKING_IS_COLUMN_IN_MASK(?, c.SYS_CHANGE_COLUMNS) AS [mask_note]]x]")
                .contains("WHERE c.SYS_CHANGE_VERSION <= ? AND (c.SYS_CHANGE_VERSION > ? OR (c.SYS_CHANGE_VERSION = ? AND (")
                .endsWith("ORDER BY c.SYS_CHANGE_VERSION, c.[id], c.[code]");
        assertThat(sql.chars().filter(ch -> ch == '?').count()).as("TOP, 1 column id, anchor, upper, 2 versions, 3 key params")
                .isEqualTo(9);
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
