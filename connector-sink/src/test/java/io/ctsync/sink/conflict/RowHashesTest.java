package io.ctsync.sink.conflict;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RowHashesTest {

    @Test
    void changedColumnsAreFoundByNameWhateverTheOrderAndNewColumnsCountAsUnchanged() {
        String stored = RowHashes.encode(row("a", new BigDecimal("1.50"), new byte[] {1, 2}));
        assertThat(stored).hasSize(3 * 24);
        assertThat(RowHashes.changed(stored, row("a", new BigDecimal("1.5"), new byte[] {1, 2})))
                .as("the same decimal in another scale").isEmpty();
        assertThat(RowHashes.changed(stored, row("b", new BigDecimal("1.50"), new byte[] {1, 3}))).containsExactlyInAnyOrder("name", "data");
        Map<String, Object> reordered = new LinkedHashMap<>();
        reordered.put("data", new byte[] {1, 2});
        reordered.put("name", null);
        reordered.put("balance", new BigDecimal("1.5"));
        reordered.put("added_later", "x");
        assertThat(RowHashes.changed(stored, reordered)).containsExactly("name");
    }

    private static Map<String, Object> row(String name, BigDecimal balance, byte[] data) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("name", name);
        row.put("balance", balance);
        row.put("data", data);
        return row;
    }
}
