package io.ctsync.source.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.DatabaseTable;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TaskPlannerTest {

    private static TrackedTable table(String name, long rows) {
        return new TrackedTable(new TableId("dbo", name), false, rows, true, true);
    }

    @Test
    void balancesTablesBySize() {
        List<List<TableId>> plan = TaskPlanner.plan(List.of(table("big", 1_000), table("a", 400), table("b", 300),
                table("c", 300), table("tiny", 1)), 2);

        assertThat(plan).hasSize(2);
        assertThat(plan.get(0)).extracting(TableId::table).containsExactly("big", "tiny");
        assertThat(plan.get(1)).extracting(TableId::table).containsExactly("a", "b", "c");
    }

    @Test
    void neverPlansMoreTasksThanTablesAndNoneForNoTables() {
        assertThat(TaskPlanner.plan(List.of(table("a", 1), table("b", 1)), 5)).hasSize(2);
        assertThat(TaskPlanner.plan(List.of(), 3)).isEmpty();
    }

    @Test
    void tablesOfUnknownSizeCountAsAverage() {
        List<List<TableId>> plan = TaskPlanner.plan(List.of(table("known", 100), table("unknown1", -1),
                table("unknown2", -1)), 3);

        assertThat(plan).allSatisfy(group -> assertThat(group).hasSize(1));
    }

    @Test
    void tablesOfSeveralDatabasesArePlannedTogetherAndKeepTheirDatabase() {
        Map<String, List<TrackedTable>> byDatabase = new LinkedHashMap<>();
        byDatabase.put("sales", List.of(table("orders", 1_000), table("lines", 10)));
        byDatabase.put("hr", List.of(table("orders", 900), table("people", 20)));

        List<List<DatabaseTable>> plan = TaskPlanner.plan(byDatabase, 2);

        assertThat(plan).hasSize(2);
        assertThat(plan.stream().flatMap(List::stream)).containsExactlyInAnyOrder(
                new DatabaseTable("sales", new TableId("dbo", "orders")), new DatabaseTable("sales", new TableId("dbo", "lines")),
                new DatabaseTable("hr", new TableId("dbo", "orders")), new DatabaseTable("hr", new TableId("dbo", "people")));
        assertThat(plan).as("the two large tables, same name in two databases, on different tasks")
                .allSatisfy(group -> assertThat(group).extracting(t -> t.table().table()).containsOnlyOnce("orders"));
    }
}
