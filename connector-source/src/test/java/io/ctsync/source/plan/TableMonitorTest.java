package io.ctsync.source.plan;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TrackedTable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class TableMonitorTest {

    private static TrackedTable table(String name) {
        return new TrackedTable(new TableId("dbo", name), false, 1, true, true);
    }

    @Test
    void asksForReconfigurationOnlyWhenTheTableSetChangesAndRecoversFromFailedListings() {
        List<Object> listings = new ArrayList<>(List.of(List.of(table("a")), List.of(table("a")),
                new IllegalStateException("connection reset"), List.of(table("a"), table("b")), List.of(table("b"))));
        AtomicInteger reconfigurations = new AtomicInteger();
        AtomicInteger recoveries = new AtomicInteger();
        @SuppressWarnings("unchecked")
        TableMonitor monitor = new TableMonitor(() -> {
            Object next = listings.remove(0);
            if (next instanceof RuntimeException e) {
                throw e;
            }
            return Map.of("sales", (List<TrackedTable>) next);
        }, recoveries::incrementAndGet, Map.of("sales", List.of(table("a"))), reconfigurations::incrementAndGet, 1_000);

        monitor.check();
        monitor.check();
        assertThat(reconfigurations).hasValue(0);
        monitor.check();
        assertThat(recoveries).hasValue(1);
        monitor.check();
        assertThat(reconfigurations).hasValue(1);
        assertThat(monitor.tables().get("sales")).extracting(TrackedTable::id).extracting(TableId::table).containsExactly("a", "b");
        monitor.check();
        assertThat(reconfigurations).hasValue(2);
    }

    @Test
    void theSameTableAppearingInAnotherDatabaseIsAChange() {
        List<Map<String, List<TrackedTable>>> listings = new ArrayList<>(List.of(
                Map.of("sales", List.of(table("a"))),
                Map.of("sales", List.of(table("a")), "hr", List.of(table("a")))));
        AtomicInteger reconfigurations = new AtomicInteger();
        TableMonitor monitor = new TableMonitor(() -> listings.remove(0), () -> { }, Map.of("sales", List.of(table("a"))),
                reconfigurations::incrementAndGet, 1_000);

        monitor.check();
        assertThat(reconfigurations).hasValue(0);
        monitor.check();
        assertThat(reconfigurations).hasValue(1);
        assertThat(monitor.tables()).containsOnlyKeys("sales", "hr");
    }
}
