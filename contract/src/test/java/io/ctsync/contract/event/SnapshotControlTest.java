package io.ctsync.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.junit.jupiter.api.Test;

/**
 * A snapshot marker is the table's own envelope (op = its kind, no before or after, the marker in {@code control}),
 * and markers of earlier versions (their own key and value schemas) still read.
 */
class SnapshotControlTest {

    private static final String BASE = SchemaNames.forTable("erp", "sales", "dbo", "orders");
    private static final Schema ROW = SchemaBuilder.struct().name(SchemaNames.value(BASE)).optional()
            .field("id", Schema.INT32_SCHEMA).build();
    private static final ChangeEnvelope ENVELOPE = new ChangeEnvelope(ChangeEventSchemas.envelope(BASE, ROW));
    private static final SnapshotControl END = new SnapshotControl(SnapshotControl.Kind.END, "v1837", 1837L, 2, 4, "erp",
            "sales", "dbo", "orders", 1_706_695_201_000L);

    private static SourceBlock source() {
        return new SourceBlock("0.1.0", "erp", 1_706_695_201_000L, SnapshotMarker.TRUE, "sales", "dbo", "orders", 1837L,
                null, null, null);
    }

    private static ConnectHeaders header(String kind) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SnapshotControl.HEADER, kind);
        return headers;
    }

    @Test
    void aMarkerIsAnEnvelopeOfTheTablesOwnSchemaWithTheMarkerInControl() {
        Struct value = ENVELOPE.control(END, source());

        value.validate();
        assertThat(value.schema()).isSameAs(ENVELOPE.schema());
        assertThat(value.getString("op")).isEqualTo("snapshot-end");
        assertThat(value.get("before")).isNull();
        assertThat(value.get("after")).isNull();
        assertThat(value.getInt64("ts_ms")).isEqualTo(1_706_695_201_000L);
        assertThat(value.getStruct("source").getInt64("change_version")).as("V0").isEqualTo(1837L);
        Struct control = value.getStruct("control");
        assertThat(control.schema().name()).isEqualTo(SnapshotControl.VALUE_SCHEMA_NAME);
        assertThat(control.getString("control")).isEqualTo("snapshot-end");
        assertThat(control.getInt32("partition")).isEqualTo(2);
        assertThat(control.getInt32("partitions")).isEqualTo(4);
        assertThat(control.getInt64("snapshot_version")).isEqualTo(1837L);
    }

    @Test
    void bothFormsReadBackToTheSameMarker() {
        assertThat(SnapshotControl.read(header("snapshot-end"), ENVELOPE.control(END, source()))).contains(END);
        assertThat(SnapshotControl.read(header("snapshot-end"), END.legacyValue())).contains(END);
        assertThat(END.legacyKey().getString("table")).isEqualTo("sales.dbo.orders");
        assertThat(END.legacyValue().schema().name()).isEqualTo(SnapshotControl.VALUE_SCHEMA_NAME);
    }

    @Test
    void withoutTheHeaderARecordIsNoMarker() {
        assertThat(SnapshotControl.read(new ConnectHeaders(), ENVELOPE.control(END, source()))).isEmpty();
        assertThat(SnapshotControl.isControl(new ConnectHeaders())).isFalse();
        assertThat(SnapshotControl.isControl(header("snapshot-begin"))).isTrue();
    }

    @Test
    void aMarkerHeaderOnSomethingElseSaysWhatAMarkerMustBe() {
        Struct event = ENVELOPE.create(new Struct(ROW).put("id", 1), source(), 0L);
        assertThatThrownBy(() -> SnapshotControl.read(header("snapshot-end"), event))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("'control' struct is set");
        assertThatThrownBy(() -> SnapshotControl.read(header("snapshot-end"), "text"))
                .hasMessageContaining(SnapshotControl.VALUE_SCHEMA_NAME);
        assertThatThrownBy(() -> SnapshotControl.read(header("snapshot-middle"), END.legacyValue()))
                .hasMessageContaining("snapshot-begin and snapshot-end");
    }
}
