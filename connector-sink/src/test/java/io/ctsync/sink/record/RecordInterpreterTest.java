package io.ctsync.sink.record;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ctsync.contract.event.SnapshotControl;
import io.ctsync.sink.config.TableNameFormat;
import io.ctsync.sink.config.TombstoneHandling;
import io.ctsync.sink.failure.RecordFailure;
import io.ctsync.sink.schema.TableId;
import io.ctsync.sink.testing.Customers;
import io.ctsync.sink.testing.Debezium;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.header.ConnectHeaders;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

class RecordInterpreterTest {

    private static final String TOPIC = "erp.sales.dbo.customers";

    private final RecordInterpreter bySource = new RecordInterpreter(TableNameFormat.parse("${source.schema}.${source.table}"),
            TombstoneHandling.AUTO, "");
    private final RecordInterpreter byTopic = new RecordInterpreter(TableNameFormat.parse("${topic}"), TombstoneHandling.AUTO, "");

    @Test
    void ctsyncEnvelopesGiveOpTableRowAndChangeVersion() {
        ChangeEvent upsert = bySource.interpret(record(Customers.KEY, Customers.key(7), Customers.ENVELOPE.schema(),
                Customers.upsert(7, "Ada", "1.00", 42), 3));
        assertThat(upsert.op()).isEqualTo(ChangeEvent.Op.UPSERT);
        assertThat(upsert.table()).isEqualTo(new TableId("dbo", "customers"));
        assertThat(upsert.version()).isEqualTo(42L);
        assertThat(upsert.row().getString("name")).isEqualTo("Ada");

        ChangeEvent delete = bySource.interpret(record(Customers.KEY, Customers.key(7), Customers.ENVELOPE.schema(),
                Customers.delete(7, 43), 4));
        assertThat(delete.isDelete()).isTrue();
        assertThat(delete.version()).isEqualTo(43L);
        assertThat(delete.row().getInt32("id")).isEqualTo(7);
    }

    @Test
    void debeziumEnvelopesOfOtherSourcesHaveNoVersionUnlessConfigured() {
        SinkRecord record = record(Debezium.KEY, Debezium.key(1), Debezium.ENVELOPE, Debezium.event("d", 1, "x", 1.0, 99), 0);
        ChangeEvent plain = byTopic.interpret(record);
        assertThat(plain.isDelete()).isTrue();
        assertThat(plain.version()).isNull();
        assertThat(plain.row().getString("name")).isEqualTo("x");

        RecordInterpreter byLsn = new RecordInterpreter(TableNameFormat.parse("${topic}"), TombstoneHandling.AUTO, "source.lsn");
        assertThat(byLsn.interpret(record).version()).isEqualTo(99L);
    }

    @Test
    void aConfiguredVersionFieldThatIsMissingNamesItself() {
        RecordInterpreter wrong = new RecordInterpreter(TableNameFormat.parse("${topic}"), TombstoneHandling.AUTO, "source.scn");
        assertThatThrownBy(() -> wrong.interpret(record(Debezium.KEY, Debezium.key(1), Debezium.ENVELOPE,
                Debezium.event("c", 1, "x", 1.0, 99), 5)))
                .isInstanceOf(RecordFailure.class)
                .hasMessageContaining("offset=5").hasMessageContaining("sync.version.field 'source.scn'");
    }

    @Test
    void flatRowsDeleteWhenMarkedDeleted() {
        Schema value = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).field("__deleted", Schema.OPTIONAL_STRING_SCHEMA)
                .field("__change_version", Schema.OPTIONAL_INT64_SCHEMA).build();
        ChangeEvent live = byTopic.interpret(record(null, null, value,
                new Struct(value).put("id", 1).put("__deleted", "false").put("__change_version", 5L), 0));
        ChangeEvent gone = byTopic.interpret(record(null, null, value, new Struct(value).put("id", 1).put("__deleted", "true"), 1));
        assertThat(live.op()).isEqualTo(ChangeEvent.Op.UPSERT);
        assertThat(live.version()).as("ctsync's change version added by ExtractNewRecordState").isEqualTo(5L);
        assertThat(gone.op()).isEqualTo(ChangeEvent.Op.DELETE);
        assertThat(gone.table()).isEqualTo(TableId.of("erp_sales_dbo_customers"));
    }

    @Test
    void tombstonesDeleteOnFlatTopicsAndAreIgnoredOnEnvelopeTopicsOrWhenRoutedBySource() {
        Schema value = SchemaBuilder.struct().field("id", Schema.INT32_SCHEMA).build();
        SinkRecord tombstone = record(Customers.KEY, Customers.key(1), null, null, 9);
        assertThat(byTopic.interpret(tombstone).isDelete()).as("unknown topic shape: a delete").isTrue();

        byTopic.interpret(record(Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.delete(1, 2), 8));
        assertThat(byTopic.interpret(tombstone)).as("after an envelope on the topic").isNull();

        byTopic.interpret(record(Customers.KEY, Customers.key(1), value, new Struct(value).put("id", 1), 10));
        assertThat(byTopic.interpret(tombstone).isDelete()).isTrue();

        assertThat(bySource.interpret(tombstone)).as("no source block to route by").isNull();
        RecordInterpreter ignoring = new RecordInterpreter(TableNameFormat.parse("${topic}"), TombstoneHandling.IGNORE, "");
        assertThat(ignoring.interpret(tombstone)).isNull();
    }

    @Test
    void unreadableRecordsSayWhatIsWrong() {
        assertThatThrownBy(() -> byTopic.interpret(record(null, null, null, "plain text", 3)))
                .isInstanceOf(RecordFailure.class).hasMessageContaining("topic=" + TOPIC).hasMessageContaining("offset=3")
                .hasMessageContaining("no schema");
        Struct unknownOp = Customers.upsert(1, "a", null, 1).put("op", "x");
        assertThatThrownBy(() -> byTopic.interpret(record(Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), unknownOp, 4)))
                .isInstanceOf(RecordFailure.class).hasMessageContaining("column op").hasMessageContaining("unknown op 'x'");
        RecordInterpreter deleting = new RecordInterpreter(TableNameFormat.parse("${topic}"), TombstoneHandling.DELETE, "");
        assertThatThrownBy(() -> deleting.interpret(record(null, null, null, null, 6)))
                .isInstanceOf(RecordFailure.class).hasMessageContaining("tombstone without a key");
    }

    @Test
    void snapshotMarkersAreReadAsTheSourceWritesThemNowAndAsEarlierVersionsWroteThem() {
        SnapshotControl marker = new SnapshotControl(SnapshotControl.Kind.END, "v40", 40L, 1, 3, "erp", "sales", "dbo",
                "customers", 5L);
        Struct envelope = Customers.ENVELOPE.control(marker, Customers.source(40));
        SinkRecord current = marked(null, null, Customers.ENVELOPE.schema(), envelope, marker);
        SinkRecord earlier = marked(SnapshotControl.LEGACY_KEY_SCHEMA, marker.legacyKey(), SnapshotControl.LEGACY_VALUE_SCHEMA,
                marker.legacyValue(), marker);

        assertThat(bySource.control(current)).contains(marker);
        assertThat(bySource.control(earlier)).contains(marker);
        assertThat(bySource.interpret(current)).as("a marker writes no row").isNull();
        assertThat(bySource.interpret(earlier)).isNull();
        assertThat(bySource.target(current, marker)).isEqualTo(new TableId("dbo", "customers"));
    }

    @Test
    void aMarkerWhoseHeaderATransformRemovedChangesNoRow() {
        SnapshotControl marker = new SnapshotControl(SnapshotControl.Kind.BEGIN, "v40", 40L, 0, 1, "erp", "sales", "dbo",
                "customers", 5L);
        Struct envelope = Customers.ENVELOPE.control(marker, Customers.source(40));

        assertThat(byTopic.interpret(record(null, null, Customers.ENVELOPE.schema(), envelope, 2))).isNull();
        assertThat(byTopic.control(record(null, null, Customers.ENVELOPE.schema(), envelope, 2))).isEmpty();
    }

    @Test
    void aControlHeaderOnAChangeEventIsAnUnreadableMarker() {
        SnapshotControl marker = new SnapshotControl(SnapshotControl.Kind.END, "v40", 40L, 0, 1, "erp", "sales", "dbo",
                "customers", 5L);
        SinkRecord event = marked(Customers.KEY, Customers.key(1), Customers.ENVELOPE.schema(), Customers.upsert(1, "a", null, 41),
                marker);

        assertThatThrownBy(() -> bySource.control(event)).isInstanceOf(RecordFailure.class)
                .hasMessageContaining("a snapshot marker").hasMessageContaining("'control' struct is set");
    }

    private static SinkRecord marked(Schema keySchema, Object key, Schema valueSchema, Object value, SnapshotControl marker) {
        ConnectHeaders headers = new ConnectHeaders();
        headers.addString(SnapshotControl.HEADER, marker.kind().value());
        return new SinkRecord(TOPIC, marker.partition(), keySchema, key, valueSchema, value, 7, 0L, TimestampType.CREATE_TIME,
                headers);
    }

    private static SinkRecord record(Schema keySchema, Object key, Schema valueSchema, Object value, long offset) {
        return new SinkRecord(TOPIC, 0, keySchema, key, valueSchema, value, offset);
    }
}
