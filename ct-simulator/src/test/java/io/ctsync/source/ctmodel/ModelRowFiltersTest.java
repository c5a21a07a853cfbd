package io.ctsync.source.ctmodel;

import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.tracking.Column;
import io.ctsync.source.tracking.RowFilter;
import io.ctsync.source.tracking.TableId;
import io.ctsync.source.tracking.TableMetadata;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The subset of T-SQL search conditions the model evaluates (see {@link ModelRowFilters}), one construct a line. */
class ModelRowFiltersTest {

    private static final TableMetadata ORDERS = new TableMetadata(new TableId("dbo", "orders"), List.of(
            new Column("id", 1, "int", 4, 10, 0, false, 1),
            new Column("Status", 2, "nvarchar", 40, 0, 0, true, 0),
            new Column("total", 3, "decimal", 9, 10, 2, true, 0),
            new Column("paid", 4, "bit", 1, 1, 0, true, 0),
            new Column("ordered", 5, "date", 3, 10, 0, true, 0),
            new Column("shipped", 6, "datetime2", 8, 27, 7, true, 0),
            new Column("weight", 7, "float", 8, 53, 0, true, 0),
            new Column("note", 8, "nvarchar", 200, 0, 0, true, 0),
            new Column("blob", 9, "varbinary", 16, 0, 0, true, 0)), false);

    private final ModelRowFilters filters = new ModelRowFilters();

    private static Map<String, Object> order() {
        Map<String, Object> row = new HashMap<>();
        row.put("id", 7);
        row.put("Status", "Open");
        row.put("total", new BigDecimal("120.50"));
        row.put("paid", true);
        row.put("ordered", LocalDate.of(2026, 11, 29));
        row.put("shipped", LocalDateTime.of(2026, 11, 30, 8, 15));
        row.put("weight", 2.5);
        row.put("note", null);
        row.put("blob", new byte[] {1});
        return row;
    }

    private boolean matches(String filter) {
        return filters.matches(ORDERS, new RowFilter(filter), order());
    }

    @Test
    void comparisonsAndBooleanOperators() {
        assertThat(matches("id = 7 AND total > 100 AND total <= 120.50 AND weight >= 2.5 AND id <> 8 AND id != 9")).isTrue();
        assertThat(matches("id < 7 OR NOT (total > 100)")).isFalse();
        assertThat(matches("(id = 1 OR id = 7) AND paid = 1")).isTrue();
        assertThat(matches("paid = 0")).as("bit compares with 1 and 0").isFalse();
    }

    @Test
    void inLikeBetweenAndNullsAsInTSql() {
        assertThat(matches("status IN ('open', N'paid')")).as("names and strings ignore case").isTrue();
        assertThat(matches("id NOT IN (1, 2) AND status LIKE 'o_e%'")).isTrue();
        assertThat(matches("total BETWEEN 100 AND 200 AND ordered BETWEEN '2026-11-01' AND '2026-11-30'")).isTrue();
        assertThat(matches("shipped >= '2026-11-30T08:00:00' AND shipped < '2026-12-01'")).isTrue();
        assertThat(matches("note IS NULL AND status IS NOT NULL")).isTrue();
        assertThat(matches("note = 'x' OR NOT note = 'x'")).as("a comparison with NULL is UNKNOWN").isFalse();
    }

    @Test
    void aFilterOnAnUnknownOrUnmodelledColumnIsAnErrorNamingIt() {
        assertThat(filters.error(ORDERS, new RowFilter("status = 'open'"))).isEmpty();
        assertThat(filters.error(ORDERS, new RowFilter("stat = 'open'"))).get().asString().contains("stat")
                .doesNotContain("SQL statement");
        assertThat(filters.error(ORDERS, new RowFilter("blob IS NULL"))).as("varbinary is outside the subset").isPresent();
        assertThat(filters.error(ORDERS, new RowFilter("id >"))).isPresent();
    }
}
