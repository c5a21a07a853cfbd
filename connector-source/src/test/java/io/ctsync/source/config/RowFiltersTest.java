package io.ctsync.source.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which row filter governs a table of a database: its qualified key, else the unqualified one. */
class RowFiltersTest {

    private static final TableId ORDERS = new TableId("dbo", "orders");

    private final RowFilters filters = new RowFilters(Map.of("dbo.orders", "qty > 0", "East.dbo.orders", "region = 'E'",
            "west.dbo.orders", " "));

    @Test
    void theQualifiedKeyWinsForItsDatabaseComparedCaseInsensitivelyAndTheUnqualifiedOneAppliesElsewhere() {
        assertThat(filters.keyOf("east", ORDERS)).contains("East.dbo.orders");
        assertThat(filters.of("EAST", ORDERS)).contains(new RowFilter("region = 'E'"));
        assertThat(filters.of("north", ORDERS)).contains(new RowFilter("qty > 0"));
        assertThat(filters.of(null, ORDERS)).contains(new RowFilter("qty > 0"));
        assertThat(filters.of("east", new TableId("dbo", "ORDERS"))).as("schema and table as the catalog spells them")
                .isEmpty();
    }

    @Test
    void aBlankQualifiedFilterIsNoFilterAndIsLeftToTheBlankCheck() {
        assertThat(filters.keyOf("west", ORDERS)).contains("west.dbo.orders");
        assertThat(filters.of("west", ORDERS)).isEmpty();
        assertThat(filters.problems(Map.of("east", List.of(ORDERS), "west", List.of(ORDERS)))).isEmpty();
    }

    @Test
    void twoQualifiedKeysForOneTableThatDifferOnlyInTheDatabasesCaseAreRefused() {
        RowFilters twice = new RowFilters(Map.of("east.dbo.orders", "qty > 0", "EAST.dbo.orders", "qty > 1"));

        assertThat(twice.problems(Map.of("east", List.of(ORDERS)))).containsOnlyKeys("east.dbo.orders")
                .extractingByKey("east.dbo.orders").asString().contains("'EAST.dbo.orders'").contains("name the same table");
    }
}
