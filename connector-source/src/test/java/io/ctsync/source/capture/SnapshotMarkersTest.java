package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.op;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.apicurio.registry.utils.converter.avro.AvroData;
import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.contract.offset.IncrementalAnchor;
import io.ctsync.contract.offset.SnapshotAnchor;
import io.ctsync.source.config.SourceConnectorConfig;
import io.ctsync.source.plan.StartupChecks;
import io.debezium.transforms.ExtractNewRecordState;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaCompatibilityType;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.transforms.Filter;
import org.apache.kafka.connect.transforms.predicates.HasHeaderKey;
import org.junit.jupiter.api.Test;

/**
 * Snapshot markers over the Change Tracking model: every snapshot (initial, after retention cleanup, after TRUNCATE,
 * of an empty table) is framed by begin and end markers on every partition of the table's topic, carrying V0, the
 * snapshot id and the partition count; the anchor V0 commits only with the end markers.
 */
class SnapshotMarkersTest {

    private static final int PARTITIONS = 3;

    private static CaptureHarness harness(String... options) {
        CaptureHarness h = new CaptureHarness("items")
                .with(SourceConnectorConfig.SNAPSHOT_MARKERS, true)
                .with("topic.creation.default.partitions", PARTITIONS)
                .with("topic.creation.default.replication.factor", 1)
                .with(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, 2);
        for (int i = 0; i < options.length; i += 2) {
            h.with(options[i], options[i + 1]);
        }
        Items.create(h.model, "items", false);
        return h;
    }

    private static SnapshotControl marker(SourceRecord record) {
        return SnapshotControl.read(record.headers(), record.value()).orElseThrow();
    }

    private static List<SourceRecord> markers(List<SourceRecord> records, SnapshotControl.Kind kind) {
        return records.stream().filter(r -> SnapshotControl.isControl(r.headers()))
                .filter(r -> marker(r).kind() == kind).toList();
    }

    /** The markers of one snapshot: one per partition, each sent to its partition, all with V0, id and N. */
    private static void assertFramesSnapshot(List<SourceRecord> markers, SnapshotControl.Kind kind, long v0) {
        assertThat(markers).hasSize(PARTITIONS);
        assertThat(markers).extracting(SourceRecord::kafkaPartition).containsExactly(0, 1, 2);
        assertThat(markers).allSatisfy(r -> {
            SnapshotControl m = marker(r);
            assertThat(m.kind()).isEqualTo(kind);
            assertThat(m.snapshotVersion()).isEqualTo(v0);
            assertThat(m.snapshotId()).isEqualTo(SnapshotControl.snapshotId(v0));
            assertThat(m.partitions()).isEqualTo(PARTITIONS);
            assertThat(m.partition()).isEqualTo(r.kafkaPartition());
            assertThat(m.qualifiedTable()).endsWith(".dbo.items");
            assertThat(r.topic()).endsWith(".dbo.items");
            assertThat(r.key()).as("no key: the partition is named").isNull();
            assertThat(r.keySchema()).isNull();
            assertThat(r.valueSchema().name()).as("the table's envelope").endsWith(".dbo.items.Envelope");
            Struct value = (Struct) r.value();
            assertThat(value.getString("op")).isEqualTo(kind.value());
            assertThat(value.get("before")).isNull();
            assertThat(value.get("after")).isNull();
            assertThat(value.getStruct("source").getInt64("change_version")).isEqualTo(v0);
        });
    }

    @Test
    void aSnapshotIsFramedByMarkersOnEveryPartitionAndTheEndMarkersCarryTheAnchor() {
        CaptureHarness h = harness();
        long v0 = Items.insertRange(h.model, "items", 1, 5);
        h.start();

        List<SourceRecord> all = h.drain();

        assertThat(all).extracting(CaptureHarness::op).containsExactly("snapshot-begin", "snapshot-begin",
                "snapshot-begin", "r", "r", "r", "r", "r", "snapshot-end", "snapshot-end", "snapshot-end");
        assertFramesSnapshot(markers(all, SnapshotControl.Kind.BEGIN), SnapshotControl.Kind.BEGIN, v0);
        assertFramesSnapshot(markers(all, SnapshotControl.Kind.END), SnapshotControl.Kind.END, v0);
        SourceRecord lastRow = all.get(7);
        assertThat(lastRow.sourceOffset()).as("the last row no longer commits the anchor on its own")
                .isEqualTo(SnapshotAnchor.after(v0, List.of("5")).toMap());
        assertThat(markers(all, SnapshotControl.Kind.END)).allSatisfy(r -> assertThat(r.sourceOffset())
                .isEqualTo(IncrementalAnchor.at(v0).toMap()));
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(v0).toMap());
    }

    @Test
    void anEmptyTableStillGetsBothMarkersAndNoHeartbeatIsNeeded() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 1);
        long v0 = h.model.transaction(tx -> tx.delete("dbo", "items", List.of(1)));
        h.start();

        List<SourceRecord> all = h.poll();

        assertThat(all).extracting(CaptureHarness::op).containsExactly("snapshot-begin", "snapshot-begin",
                "snapshot-begin", "snapshot-end", "snapshot-end", "snapshot-end");
        assertFramesSnapshot(markers(all, SnapshotControl.Kind.END), SnapshotControl.Kind.END, v0);
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(v0).toMap());
    }

    @Test
    void endMarkersLostInACrashAreWrittenAgainBecauseTheAnchorStayedInTheSnapshot() {
        CaptureHarness h = harness(SourceConnectorConfig.SNAPSHOT_CHUNK_ROWS, "10");
        long v0 = Items.insertRange(h.model, "items", 1, 4);
        h.start();

        List<SourceRecord> lost = h.pollAndCrashAfter(PARTITIONS + 4);  // begin markers and rows, not the end markers
        List<SourceRecord> again = h.drain();

        assertThat(markers(lost, SnapshotControl.Kind.END)).hasSize(PARTITIONS);
        assertThat(again).extracting(CaptureHarness::op).as("no row again, the end markers again")
                .containsExactly("snapshot-end", "snapshot-end", "snapshot-end");
        assertFramesSnapshot(again, SnapshotControl.Kind.END, v0);
        assertThat(h.committedOffset("items")).isEqualTo(IncrementalAnchor.at(v0).toMap());
    }

    @Test
    void retentionCleanupPastTheAnchorLeadsToAReSnapshotWithNewMarkers() {
        CaptureHarness h = harness(SourceConnectorConfig.SNAPSHOT_MODE, "when_needed");
        long first = Items.insertRange(h.model, "items", 1, 4);
        h.start().drain();
        h.model.transaction(tx -> tx.delete("dbo", "items", List.of(2)));    // deleted in the gap
        Items.insertRange(h.model, "items", 5, 5);
        h.model.cleanupUpTo(h.model.currentVersion());
        long v0 = h.model.currentVersion();

        List<SourceRecord> again = h.drain();

        assertThat(v0).isGreaterThan(first);
        assertThat(again).extracting(CaptureHarness::op).containsExactly("snapshot-begin", "snapshot-begin",
                "snapshot-begin", "r", "r", "r", "r", "snapshot-end", "snapshot-end", "snapshot-end");
        assertThat(CaptureHarness.events(again)).extracting(CaptureHarness::keyOf).containsExactly(1, 3, 4, 5);
        assertFramesSnapshot(markers(again, SnapshotControl.Kind.END), SnapshotControl.Kind.END, v0);
    }

    @Test
    void aTruncateLeadsToAReSnapshotFramedByMarkersAnchoredAfterIt() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 6);
        h.start().drain();
        long truncated = h.model.truncate("dbo", "items");
        long v0 = Items.insertRange(h.model, "items", 7, 7);

        List<SourceRecord> again = h.drain();

        assertThat(v0).isGreaterThan(truncated);
        assertThat(CaptureHarness.events(again)).extracting(r -> CaptureHarness.keyOf(r) + ":" + op(r)).containsExactly("7:r");
        assertFramesSnapshot(markers(again, SnapshotControl.Kind.BEGIN), SnapshotControl.Kind.BEGIN, v0);
        assertFramesSnapshot(markers(again, SnapshotControl.Kind.END), SnapshotControl.Kind.END, v0);
    }

    @Test
    void aTopicCreationGroupThatMatchesTheTopicDecidesItsPartitionCount() {
        CaptureHarness h = harness("topic.creation.groups", "big", "topic.creation.big.include", "erp\\..*\\.items",
                "topic.creation.big.partitions", "5");
        long v0 = Items.insertRange(h.model, "items", 1, 1);
        h.start();

        List<SourceRecord> end = markers(h.drain(), SnapshotControl.Kind.END);

        assertThat(end).extracting(SourceRecord::kafkaPartition).containsExactly(0, 1, 2, 3, 4);
        assertThat(end).allSatisfy(r -> assertThat(marker(r).partitions()).isEqualTo(5));
        assertThat(marker(end.get(0)).snapshotVersion()).isEqualTo(v0);
    }

    @Test
    void withoutAnyWayToKnowThePartitionCountTheOptionsAreRefusedAndTheSnapshotFailsSayingWhatToSet() {
        Map<String, String> props = new HashMap<>(harness().props);
        props.keySet().removeIf(k -> k.startsWith("topic.creation."));

        assertThat(StartupChecks.ofConfig(new SourceConnectorConfig(props))).containsOnlyKeys(
                SourceConnectorConfig.SNAPSHOT_MARKERS);
        CaptureHarness h = harness();
        h.props.keySet().removeIf(k -> k.startsWith("topic.creation."));
        Items.insertRange(h.model, "items", 1, 1);
        h.start();
        assertThatThrownBy(h::poll).isInstanceOf(ConnectException.class)
                .hasMessageContaining("Cannot tell how many partitions topic erp.")
                .hasMessageContaining("snapshot.markers.kafka.bootstrap.servers")
                .hasMessageContaining("snapshot.markers=false");
        props.put(SourceConnectorConfig.SNAPSHOT_MARKERS, "false");
        assertThat(StartupChecks.ofConfig(new SourceConnectorConfig(props))).isEmpty();
    }

    @Test
    void consumersDropTheMarkersWithKafkasFilterTransformAndHasHeaderKey() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 2);
        h.start();
        List<SourceRecord> all = h.drain();
        try (Filter<SourceRecord> filter = new Filter<>(); HasHeaderKey<SourceRecord> control = new HasHeaderKey<>()) {
            control.configure(Map.of("name", SnapshotControl.HEADER));
            filter.configure(Map.of());

            // As the worker applies "transforms=dropMarkers" with "predicate=isMarker".
            List<SourceRecord> kept = all.stream().map(r -> control.test(r) ? filter.apply(r) : r)
                    .filter(java.util.Objects::nonNull).toList();

            assertThat(kept).extracting(CaptureHarness::op).containsExactly("r", "r");
        }
    }

    @Test
    void debeziumExtractNewRecordStateDropsTheMarkersUnlessItsPredicateSkipsThem() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 2);
        h.start();
        List<SourceRecord> all = h.drain();
        for (String deletes : new String[] {"drop", "tombstone", "rewrite", "rewrite-with-tombstone"}) {
            try (ExtractNewRecordState<SourceRecord> smt = new ExtractNewRecordState<>();
                 HasHeaderKey<SourceRecord> control = new HasHeaderKey<>()) {
                smt.configure(Map.of("delete.tombstone.handling.mode", deletes, "add.fields", "op,change_version"));
                control.configure(Map.of("name", SnapshotControl.HEADER));

                List<SourceRecord> unwrapped = all.stream().map(smt::apply).filter(Objects::nonNull).toList();
                // As the worker applies "transforms.unwrap.predicate=isMarker" with "transforms.unwrap.negate=true".
                List<SourceRecord> skipping = all.stream().map(r -> control.test(r) ? r : smt.apply(r)).toList();

                assertThat(unwrapped).as(deletes).extracting(SnapshotMarkersTest::flatOp).containsExactly("r", "r");
                assertThat(skipping).as(deletes).extracting(SnapshotMarkersTest::flatOp).containsExactly("snapshot-begin",
                        "snapshot-begin", "snapshot-begin", "r", "r", "snapshot-end", "snapshot-end", "snapshot-end");
                assertThat(skipping.get(3).valueSchema().name()).doesNotEndWith(".Envelope");
            }
        }
    }

    @Test
    void inAvroAMarkerHasExactlyTheSchemaOfTheTablesEventsWhichIsACompatibleVersionOfTheEnvelopeWithoutControl() {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 1);
        h.start();
        List<SourceRecord> all = h.drain();
        AvroData avro = new AvroData(100);
        org.apache.avro.Schema event = avro.fromConnectSchema(CaptureHarness.events(all).get(0).valueSchema());

        assertThat(markers(all, SnapshotControl.Kind.END)).hasSize(PARTITIONS)
                .allSatisfy(r -> assertThat(avro.fromConnectSchema(r.valueSchema())).isEqualTo(event));
        org.apache.avro.Schema withoutControl = withoutField(event, "control");
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(event, withoutControl).getType())
                .as("BACKWARD: the new envelope reads events of the old one").isEqualTo(SchemaCompatibilityType.COMPATIBLE);
        assertThat(SchemaCompatibility.checkReaderWriterCompatibility(withoutControl, event).getType())
                .as("FORWARD: the old envelope reads events and markers of the new one")
                .isEqualTo(SchemaCompatibilityType.COMPATIBLE);
    }

    @Test
    void withJsonConverterAMarkerHasANullKeyAndTheEnvelopeWithControlAndEventsCarryANullControl() throws Exception {
        CaptureHarness h = harness();
        Items.insertRange(h.model, "items", 1, 1);
        h.start();
        List<SourceRecord> all = h.drain();
        SourceRecord end = markers(all, SnapshotControl.Kind.END).get(1);
        SourceRecord row = CaptureHarness.events(all).get(0);
        try (JsonConverter keys = new JsonConverter(); JsonConverter values = new JsonConverter()) {
            keys.configure(Map.of("schemas.enable", "true"), true);
            values.configure(Map.of("schemas.enable", "true"), false);

            byte[] json = values.fromConnectData(end.topic(), end.valueSchema(), end.value());
            JsonNode payload = new ObjectMapper().readTree(json).get("payload");
            JsonNode rowPayload = new ObjectMapper().readTree(values.fromConnectData(row.topic(), row.valueSchema(),
                    row.value())).get("payload");

            assertThat(keys.fromConnectData(end.topic(), end.keySchema(), end.key())).as("no key").isNull();
            assertThat(payload.get("op").asText()).isEqualTo("snapshot-end");
            assertThat(payload.get("before").isNull()).isTrue();
            assertThat(payload.get("after").isNull()).isTrue();
            assertThat(payload.get("control").get("partition").asInt()).isEqualTo(1);
            assertThat(payload.get("control").get("partitions").asInt()).isEqualTo(PARTITIONS);
            assertThat(rowPayload.get("control").isNull()).as("change events carry a null control").isTrue();
            assertThat(SnapshotControl.read(end.headers(), values.toConnectData(end.topic(), json).value()))
                    .as("read back as the sink reads it").contains(marker(end));
        }
    }

    /** The marker's kind, or the {@code __op} ExtractNewRecordState added to a row. */
    private static String flatOp(SourceRecord record) {
        return SnapshotControl.isControl(record.headers()) ? op(record) : ((Struct) record.value()).getString("__op");
    }

    /** The envelope as versions before the {@code control} field registered it. */
    private static org.apache.avro.Schema withoutField(org.apache.avro.Schema record, String name) {
        List<org.apache.avro.Schema.Field> fields = record.getFields().stream().filter(f -> !f.name().equals(name))
                .map(f -> new org.apache.avro.Schema.Field(f, f.schema())).toList();
        assertThat(fields).hasSize(record.getFields().size() - 1);
        return org.apache.avro.Schema.createRecord(record.getName(), record.getDoc(), record.getNamespace(), false, fields);
    }
}
