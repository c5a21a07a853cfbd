package io.ctsync.source.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableSelectorTest {

    private static final List<TrackedTable> TRACKED = List.of(
            new TrackedTable(new TableId("dbo", "orders"), false, 1, true, true),
            new TrackedTable(new TableId("dbo", "order_lines"), false, 1, true, true),
            new TrackedTable(new TableId("audit", "log"), false, 1, true, true));

    private static TableSelector selector(String include, String exclude) {
        return new TableSelector(new SourceConnectorConfig(Map.of("connection.url", "jdbc:x", "topic.prefix", "p",
                SourceConnectorConfig.TABLE_INCLUDE_LIST, include, SourceConnectorConfig.TABLE_EXCLUDE_LIST, exclude)));
    }

    @Test
    void includeAndExcludeListsMatchWholeQualifiedNames() {
        assertThat(selector("", "").select(TRACKED)).hasSize(3);
        assertThat(selector("dbo\\..*", "dbo\\.order_lines").select(TRACKED)).extracting(t -> t.id().table())
                .containsExactly("orders");
        assertThat(selector("dbo\\.order", "").select(TRACKED)).as("a prefix is not a match").isEmpty();
    }

    @Test
    void reportsIncludeEntriesThatMatchNoTrackedTable() {
        assertThat(selector("dbo\\.orders,sales\\.missing", "").unmatchedIncludes(TRACKED)).containsExactly("sales\\.missing");
    }

    @Test
    void withSeveralDatabasesAnUnqualifiedEntryMeansEveryDatabaseAndAQualifiedOneItsDatabaseOnly() {
        TableSelector selector = selector("dbo\\.orders,sales\\.audit\\.log", "hr\\.dbo\\.orders");
        assertThat(selector.select("sales", TRACKED)).extracting(t -> t.id().qualified())
                .containsExactly("audit.log", "dbo.orders");
        assertThat(selector.select("hr", TRACKED)).as("hr.dbo.orders excluded, audit.log of sales only").isEmpty();
        assertThat(selector.select("crm", TRACKED)).extracting(t -> t.id().qualified()).containsExactly("dbo.orders");
        assertThat(selector.select(TRACKED)).as("one database: qualified entries match nothing")
                .extracting(t -> t.id().qualified()).containsExactly("dbo.orders");
    }

    @Test
    void anIncludeEntryOfSeveralDatabasesIsUnmatchedOnlyWhenNoDatabaseHasTheTable() {
        TableSelector selector = selector("hr\\.audit\\.log,dbo\\.orders,crm\\.dbo\\.orders", "");
        Map<String, List<TrackedTable>> tracked = new java.util.LinkedHashMap<>();
        tracked.put("sales", TRACKED);
        tracked.put("hr", List.of(TRACKED.get(0)));
        assertThat(selector.unmatchedIncludes(tracked)).containsExactly("hr\\.audit\\.log", "crm\\.dbo\\.orders");
    }
}
