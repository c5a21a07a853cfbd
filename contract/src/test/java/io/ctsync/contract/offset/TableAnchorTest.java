package io.ctsync.contract.offset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TableAnchorTest {

    @Test
    void snapshotAnchorRoundTripsWithAndWithoutKey() {
        SnapshotAnchor starting = SnapshotAnchor.starting(120);
        SnapshotAnchor resumed = SnapshotAnchor.after(120, List.of("42", "a\"b,c", "2024-01-31"));

        assertThat(TableAnchor.fromMap(starting.toMap())).isEqualTo(starting);
        assertThat(TableAnchor.fromMap(resumed.toMap())).isEqualTo(resumed);
        assertThat(resumed.toMap()).containsEntry("snapshot_last_key", "[\"42\",\"a\\\"b,c\",\"2024-01-31\"]");
    }

    @Test
    void incrementalAnchorRoundTripsOnBoundaryAndWithCursor() {
        IncrementalAnchor boundary = IncrementalAnchor.at(135);
        IncrementalAnchor cursor = IncrementalAnchor.within(135, 140, List.of("7"));

        assertThat(TableAnchor.fromMap(boundary.toMap())).isEqualTo(boundary);
        assertThat(TableAnchor.fromMap(cursor.toMap())).isEqualTo(cursor);
        assertThat(boundary.toMap()).doesNotContainKeys("cursor_version", "cursor_key");
    }

    @Test
    void aSignalOffsetRidesAlongEveryAnchorWithoutBeingPartOfIt() {
        for (TableAnchor anchor : List.<TableAnchor>of(SnapshotAnchor.after(120, List.of("42")), IncrementalAnchor.at(135),
                PointInTimeAnchor.since(java.time.Instant.parse("2026-11-29T00:00:00Z")))) {
            Map<String, Object> stamped = TableAnchor.withSignalOffset(anchor.toMap(), 3);

            assertThat(TableAnchor.fromMap(stamped)).isEqualTo(anchor);
            assertThat(TableAnchor.signalOffset(stamped)).contains(3L);
            assertThat(TableAnchor.signalOffset(anchor.toMap())).isEmpty();
        }
        assertThatThrownBy(() -> TableAnchor.signalOffset(Map.of("phase", "incremental", "version", 1, "signal_offset", "x")))
                .isInstanceOf(InvalidOffsetException.class).hasMessageContaining("'signal_offset' must be a whole number");
    }

    @Test
    void versionZeroIsAValidAnchor() {
        assertThat(TableAnchor.fromMap(Map.of("phase", "incremental", "version", 0L)))
                .isEqualTo(IncrementalAnchor.at(0));
        assertThat(TableAnchor.fromMap(Map.of("phase", "snapshot", "snapshot_version", 0)))
                .isEqualTo(SnapshotAnchor.starting(0));
    }

    @Test
    void acceptsIntegersAsOperatorsTypeThemInRestRequests() {
        assertThat(TableAnchor.fromMap(Map.of("phase", "incremental", "version", 17)))
                .isEqualTo(IncrementalAnchor.at(17));
    }

    @Test
    void offsetMapsHoldOnlyPrimitivesAsConnectRequires() {
        Map<String, Object> map = IncrementalAnchor.within(1, 2, List.of("k")).toMap();
        assertThat(map.values()).allSatisfy(v -> assertThat(v).isInstanceOfAny(String.class, Long.class, Integer.class));
    }

    @Test
    void rejectsBadShapesNamingTheField() {
        assertRejected(Map.of("version", 3L), "missing the field 'phase'");
        assertRejected(Map.of("phase", "streaming", "version", 3L), "'phase' must be 'snapshot' or 'incremental'");
        assertRejected(Map.of("phase", "incremental"), "missing the field 'version'");
        assertRejected(Map.of("phase", "incremental", "version", -1L), "'version' must be 0 or greater");
        assertRejected(Map.of("phase", "incremental", "version", "12"), "'version' must be a whole number");
        assertRejected(Map.of("phase", "incremental", "version", 1.5), "'version' must be a whole number");
        assertRejected(Map.of("phase", "incremental", "version", 3L, "lsn", 4L), "unknown field(s) [lsn]");
        assertRejected(Map.of("phase", "incremental", "version", 3L, "cursor_version", 4L),
                "both 'cursor_version' and 'cursor_key' or neither");
        assertRejected(Map.of("phase", "incremental", "version", 3L, "cursor_version", 3L, "cursor_key", "[\"1\"]"),
                "'cursor_version' (3) must be greater than 'version' (3)");
        assertRejected(Map.of("phase", "incremental", "version", 3L, "cursor_version", 4L, "cursor_key", "7"),
                "'cursor_key' must be a JSON array of strings");
        assertRejected(Map.of("phase", "snapshot", "snapshot_version", 3L, "snapshot_last_key", "[]"),
                "one non-null string per primary-key column");
        assertRejected(Map.of("phase", "snapshot", "version", 3L), "unknown field(s) [version]");
        assertRejected(Map.of("phase", "snapshot", "snapshot_version", 1L, "format", 2L), "reads format 1");
    }

    @Test
    void nullOffsetIsNotAnAnchor() {
        assertThatThrownBy(() -> TableAnchor.fromMap(null)).isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("resets the table");
    }

    @Test
    void partitionRoundTripsAndRejectsBadShapes() {
        TablePartition partition = new TablePartition("erp", "sales", "dbo", "orders");
        assertThat(TablePartition.fromMap(partition.toMap())).isEqualTo(partition);
        assertThat(partition.qualifiedTable()).isEqualTo("dbo.orders");

        Map<String, Object> missing = new HashMap<>(partition.toMap());
        missing.remove("schema");
        assertThatThrownBy(() -> TablePartition.fromMap(missing)).hasMessageContaining("missing the field 'schema'");
        Map<String, Object> extra = new HashMap<>(partition.toMap());
        extra.put("topic", "x");
        assertThatThrownBy(() -> TablePartition.fromMap(extra)).hasMessageContaining("unknown field(s) [topic]");
        Map<String, Object> blank = new HashMap<>(partition.toMap());
        blank.put("table", " ");
        assertThatThrownBy(() -> TablePartition.fromMap(blank)).hasMessageContaining("'table' must be a non-empty string");
    }

    @Test
    void partitionMapsIterateInTheOrderConnectRebuildsThemIn() {
        Map<String, Object> partition = new TablePartition("erp", "sales", "dbo", "orders").toMap();
        Map<String, Object> rebuilt = new HashMap<>();
        List.of("table", "schema", "server", "database").forEach(k -> rebuilt.put(k, partition.get(k)));

        assertThat(List.copyOf(partition.keySet())).isEqualTo(List.copyOf(rebuilt.keySet()));
        assertThat(partition).isInstanceOf(HashMap.class);
    }

    private static void assertRejected(Map<String, ?> offset, String message) {
        assertThatThrownBy(() -> TableAnchor.fromMap(offset))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining(message);
    }

    @Test
    void anyPhaseCarriesTheRowFilterFingerprintBesideTheAnchor() {
        for (TableAnchor anchor : List.of(SnapshotAnchor.after(120, List.of("42")), IncrementalAnchor.within(135, 140,
                List.of("7")), new PointInTimeAnchor(java.time.Instant.parse("2026-11-29T00:00:00Z"),
                PointInTimeAnchor.IfExpired.REFUSE))) {
            Map<String, Object> offset = TableAnchor.offset(anchor, java.util.Optional.of("9f2c41d07a3b6e15"));

            assertThat(TableAnchor.fromMap(offset)).isEqualTo(anchor);
            assertThat(TableAnchor.rowFilter(offset)).contains("9f2c41d07a3b6e15");
            assertThat(TableAnchor.rowFilter(anchor.toMap())).isEmpty();
            assertThat(TableAnchor.offset(anchor, java.util.Optional.empty())).isEqualTo(anchor.toMap());
        }
        Map<String, Object> wrong = IncrementalAnchor.at(1).toMap();
        wrong.put(TableAnchor.ROW_FILTER, 7);
        assertThatThrownBy(() -> TableAnchor.rowFilter(wrong)).hasMessageContaining("'row_filter' must be a string");
    }
}
