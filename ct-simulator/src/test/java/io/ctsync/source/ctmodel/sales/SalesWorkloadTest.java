package io.ctsync.source.ctmodel.sales;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.ctmodel.ChangeTrackingModel;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SalesWorkloadTest {

    private static ChangeTrackingModel after(String name, int transactions) {
        ChangeTrackingModel model = ChangeTrackingModel.create(name);
        SalesSchema.create(model);
        SalesWorkload workload = new SalesWorkload();
        workload.initialLoad(model, 50, 200);
        for (int i = 0; i < transactions; i++) {
            workload.next(model);
        }
        return model;
    }

    @Test
    void theSameNumberOfTransactionsGivesTheSameDatabaseAtTheSameVersion() {
        ChangeTrackingModel first = after("sales-a", 2_000);
        ChangeTrackingModel second = after("sales-b", 2_000);

        assertThat(second.currentVersion()).isEqualTo(first.currentVersion()).isEqualTo(2 + 2_000);
        for (String table : SalesSchema.TABLES) {
            assertThat(second.rows("dbo", table)).isEqualTo(first.rows("dbo", table));
        }
    }

    @Test
    void everyOrderHasItsCustomerAndEveryLineItsOrder() {
        ChangeTrackingModel model = after("sales-fk", 3_000);

        Set<Object> customers = ids(model.rows("dbo", "customers"), "id");
        Set<Object> orders = ids(model.rows("dbo", "orders"), "id");
        assertThat(ids(model.rows("dbo", "orders"), "customer_id")).isSubsetOf(customers);
        assertThat(ids(model.rows("dbo", "order_lines"), "order_id")).isSubsetOf(orders);
        assertThat(orders).isNotEmpty();
    }

    @Test
    void theWorkloadInsertsUpdatesAndDeletes() {
        ChangeTrackingModel model = after("sales-ops", 1_000);

        List<Map<String, Object>> customers = model.rows("dbo", "customers");
        assertThat(customers).anySatisfy(c -> assertThat((String) c.get("email")).matches("c\\d+\\.\\d+@example\\.com"));
        Set<Object> ids = ids(customers, "id");
        assertThat(ids).hasSizeLessThan((Integer) customers.stream().map(c -> (Integer) c.get("id")).max(Integer::compare).orElseThrow());
        assertThat(ids(model.rows("dbo", "orders"), "status")).contains("new").hasSizeGreaterThan(1);
    }

    private static Set<Object> ids(List<Map<String, Object>> rows, String column) {
        return rows.stream().map(r -> r.get(column)).collect(Collectors.toCollection(HashSet::new));
    }
}
