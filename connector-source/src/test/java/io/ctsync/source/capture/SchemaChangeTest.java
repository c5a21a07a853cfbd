package io.ctsync.source.capture;

import static io.ctsync.source.capture.CaptureHarness.events;
import static org.assertj.core.api.Assertions.assertThat;

import io.ctsync.source.ctmodel.ModelColumn;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Column changes are picked up without a restart; the next events carry the new schema. */
class SchemaChangeTest {

    private static Schema afterSchema(SourceRecord record) {
        return ((Struct) record.value()).schema().field("after").schema();
    }

    @Test
    void addedDroppedAndRetypedColumnsShowInTheNextEvents() {
        CaptureHarness h = new CaptureHarness("items");
        Items.create(h.model, "items", false);
        h.start().drain();
        Items.insertRange(h.model, "items", 1, 1);
        SourceRecord before = events(h.drain()).get(0);

        h.model.addColumn("dbo", "items", ModelColumn.decimal("price", 9, 2));
        h.model.transaction(tx -> Items.set(tx, "items", 1, "price", new java.math.BigDecimal("9.99")));
        SourceRecord added = events(h.drain()).get(0);

        h.model.dropColumn("dbo", "items", "name");
        h.model.alterColumn("dbo", "items", ModelColumn.of("qty", "bigint"), v -> ((Number) v).longValue());
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 5_000_000_000L));
        SourceRecord altered = events(h.drain()).get(0);

        assertThat(afterSchema(before).fields()).extracting(Field::name).containsExactly("id", "name", "qty");
        assertThat(afterSchema(added).fields()).extracting(Field::name).containsExactly("id", "name", "qty", "price");
        assertThat(((Struct) added.value()).getStruct("after").get("price")).isEqualTo(new java.math.BigDecimal("9.99"));
        assertThat(afterSchema(altered).fields()).extracting(Field::name).containsExactly("id", "qty", "price");
        assertThat(afterSchema(altered).field("qty").schema().type()).isEqualTo(Schema.Type.INT64);
        assertThat(((Struct) altered.value()).getStruct("after").getInt64("qty")).isEqualTo(5_000_000_000L);
    }

    @Test
    void aSchemaChangeInTheMiddleOfASnapshotContinuesWithTheNewSchema() {
        CaptureHarness h = new CaptureHarness("items").with("snapshot.chunk.rows", 2);
        Items.create(h.model, "items", false);
        Items.insertRange(h.model, "items", 1, 4);
        h.start();
        List<SourceRecord> first = h.poll();
        h.model.addColumn("dbo", "items", ModelColumn.of("extra", "int"));

        List<SourceRecord> rest = events(h.drain());

        assertThat(afterSchema(first.get(0)).field("extra")).isNull();
        assertThat(rest).extracting(CaptureHarness::keyOf).containsExactly(3, 4);
        assertThat(afterSchema(rest.get(0)).field("extra")).isNotNull();
    }
}
