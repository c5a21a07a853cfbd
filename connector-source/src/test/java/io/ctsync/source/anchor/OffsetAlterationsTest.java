package io.ctsync.source.anchor;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.InvalidOffsetException;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.contract.offset.TablePartition;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.source.ctmodel.ModelColumn;
import io.ctsync.source.ctmodel.ModelDatabase;
import io.ctsync.source.ctmodel.ModelDatabaseFactory;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Operator-supplied offsets (PATCH /connectors/{name}/offsets) are checked with messages naming what to fix. */
class OffsetAlterationsTest {

    private final ChangeTrackingModel model = ChangeTrackingModel.create("offsets-" + UUID.randomUUID()).enableChangeTracking();
    private SourceConnectorConfig config;

    @BeforeEach
    void tables() {
        model.createTable("dbo", "orders", ModelColumn.key("id", "int")).track("dbo", "orders", false);
        model.createTable("dbo", "skipped", ModelColumn.key("id", "int")).track("dbo", "skipped", false);
        for (int i = 1; i <= 5; i++) {
            model.insert("dbo", "orders", Map.of("id", i));
        }
        config = new SourceConnectorConfig(Map.of("connection.url", ModelDatabaseFactory.url(model), "topic.prefix", "erp",
                SourceConnectorConfig.TABLE_EXCLUDE_LIST, "dbo\\.skipped"));
    }

    private void validate(TablePartition partition, Map<String, ?> offset) {
        Map<Map<String, ?>, Map<String, ?>> offsets = new HashMap<>();
        offsets.put(partition.toMap(), offset);
        OffsetAlterations.validate(config, offsets, () -> new ModelDatabase(model));
    }

    private TablePartition orders() {
        return new TablePartition("erp", model.name(), "dbo", "orders");
    }

    @Test
    void acceptsRewindsResetsAndSnapshotPositions() {
        assertThatCode(() -> validate(orders(), IncrementalAnchor.at(3).toMap())).doesNotThrowAnyException();
        assertThatCode(() -> validate(orders(), null)).doesNotThrowAnyException();
        assertThatCode(() -> validate(orders(), SnapshotAnchor.after(4, List.of("2")).toMap())).doesNotThrowAnyException();
        assertThatCode(() -> validate(orders(), Map.of("phase", "incremental", "version", 0))).doesNotThrowAnyException();
    }

    @Test
    void rejectsPartitionsOfAnotherConnectorDatabaseOrTable() {
        assertThatThrownBy(() -> validate(new TablePartition("crm", model.name(), "dbo", "orders"), null))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("'server' is 'crm', but this connector's topic.prefix is 'erp'");
        assertThatThrownBy(() -> validate(new TablePartition("erp", "other", "dbo", "orders"), null))
                .hasMessageContaining("'database' is 'other', but this connector captures database '" + model.name() + "'");
        assertThatThrownBy(() -> validate(new TablePartition("erp", model.name(), "dbo", "skipped"), null))
                .hasMessageContaining("dbo.skipped, which this connector does not capture (captured: [dbo.orders])");
        assertThatThrownBy(() -> OffsetAlterations.validate(config, Map.of(Map.of("server", "erp"), Map.of()),
                () -> new ModelDatabase(model))).hasMessageContaining("missing the field 'database'");
    }

    @Test
    void rejectsAnchorsAheadOfTheDatabaseOrOlderThanTheMinimumValidVersion() {
        assertThatThrownBy(() -> validate(orders(), IncrementalAnchor.at(99).toMap()))
                .hasMessageContaining("'version' (99) of dbo.orders is ahead of the database's current Change Tracking version 5");
        model.cleanupUpTo(3);
        assertThatThrownBy(() -> validate(orders(), IncrementalAnchor.at(2).toMap()))
                .hasMessageContaining("older than its minimum valid version 3")
                .hasMessageContaining("reset the offset (null) to re-snapshot the table");
    }

    @Test
    void rejectsMalformedOffsetsAndKeysThatDoNotFitThePrimaryKey() {
        assertThatThrownBy(() -> validate(orders(), Map.of("phase", "incremental", "version", "3")))
                .hasMessageContaining("'version' must be a whole number");
        assertThatThrownBy(() -> validate(orders(), SnapshotAnchor.after(4, List.of("1", "2")).toMap()))
                .hasMessageContaining("does not fit its primary key");
        assertThatThrownBy(() -> validate(orders(), SnapshotAnchor.after(4, List.of("x")).toMap()))
                .hasMessageContaining("'x' is not a valid int for key column id");
    }

    @Test
    void acceptsARewindToATimeThatResolvesToAValidVersion() {
        Map<String, Object> rewind = Map.of("phase", "incremental", "since", java.time.Instant.now().minusSeconds(1).toString());
        assertThatCode(() -> validate(orders(), rewind)).doesNotThrowAnyException();
    }

    @Test
    void rejectsARewindToAFutureTimeOrWithoutViewServerStateOrTooOld() {
        assertThatThrownBy(() -> validate(orders(), Map.of("phase", "incremental", "since", "2999-01-01T00:00:00Z")))
                .isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("'since' (2999-01-01T00:00:00Z) of dbo.orders is in the future");

        model.viewServerState(false);
        assertThatThrownBy(() -> validate(orders(), Map.of("phase", "incremental", "since", "2026-01-01T00:00:00Z")))
                .hasMessageContaining("GRANT VIEW SERVER STATE TO <login>");

        model.viewServerState(true);
        model.cleanupUpTo(3);
        java.time.Instant third = model.commitTime(3).orElseThrow();
        assertThatThrownBy(() -> validate(orders(), Map.of("phase", "incremental", "since", "2026-01-01T00:00:00Z")))
                .hasMessageContaining("its minimum valid version is 3")
                .hasMessageContaining("the earliest time still possible is any time after " + third + " (the commit of "
                        + "version 3)");
        assertThatCode(() -> validate(orders(), Map.of("phase", "incremental", "since", "2026-01-01T00:00:00Z",
                "if_expired", "resnapshot"))).doesNotThrowAnyException();
    }

    @Test
    void anOffsetMustCarryTheFingerprintOfTheTablesRowFilter() {
        config = new SourceConnectorConfig(Map.of("connection.url", ModelDatabaseFactory.url(model), "topic.prefix", "erp",
                SourceConnectorConfig.TABLE_EXCLUDE_LIST, "dbo\\.skipped", "table.filter.dbo.orders", "id > 2"));
        String fingerprint = new io.ctsync.source.tracking.RowFilter("id > 2").fingerprint();
        Map<String, Object> rewind = IncrementalAnchor.at(3).toMap();

        assertThatThrownBy(() -> validate(orders(), rewind)).isInstanceOf(InvalidOffsetException.class)
                .hasMessageContaining("Offset of dbo.orders has no 'row_filter'")
                .hasMessageContaining("add \"row_filter\":\"" + fingerprint + "\"");
        rewind.put("row_filter", "0000000000000000");
        assertThatThrownBy(() -> validate(orders(), rewind)).hasMessageContaining("has 'row_filter' 0000000000000000");
        rewind.put("row_filter", fingerprint);
        assertThatCode(() -> validate(orders(), rewind)).doesNotThrowAnyException();
        assertThatCode(() -> validate(orders(), null)).as("a reset").doesNotThrowAnyException();
    }
}
