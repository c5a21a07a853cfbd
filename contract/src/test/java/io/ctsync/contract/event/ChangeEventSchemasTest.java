package io.ctsync.contract.event;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.apache.avro.SchemaBuilder.FieldAssembler;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ChangeEventSchemasTest {

    private static final String BASE = SchemaNames.forTable("erp-prod", "Sales DB", "dbo", "Order Lines");
    private static final Schema ROW = SchemaBuilder.struct().name(SchemaNames.value(BASE)).optional()
            .field("id", Schema.INT32_SCHEMA)
            .field("note", Schema.OPTIONAL_STRING_SCHEMA)
            .build();

    @Test
    void tableNamesBecomeValidAvroFullNames() {
        assertThat(BASE).isEqualTo("erp_prod.Sales_DB.dbo.Order_Lines");
        for (String name : List.of(SchemaNames.key(BASE), SchemaNames.value(BASE), SchemaNames.envelope(BASE),
                ChangeEventSchemas.SOURCE_SCHEMA_NAME, SchemaNames.avroFullName("1st.ta-ble.ö"))) {
            assertValidAvroName(name);
        }
    }

    @ParameterizedTest
    @CsvSource({"orders,orders", "1orders,_1orders", "order-lines,order_lines", "'',_"})
    void avroPartReplacesWhatAvroRejects(String in, String expected) {
        assertThat(SchemaNames.avroPart(in)).isEqualTo(expected);
    }

    @Test
    void topicNamesKeepOnlyKafkaLegalCharacters() {
        assertThat(ChangeTopics.forTable("erp", "Sales DB", "dbo", "Order$Lines")).isEqualTo("erp.Sales_DB.dbo.Order_Lines");
        assertThat(ChangeTopics.heartbeat("erp")).isEqualTo("erp.heartbeat");
        assertThatThrownBy(() -> ChangeTopics.forTable("p".repeat(245), "d", "s", "t"))
                .hasMessageContaining("shorter topic.prefix");
    }

    @Test
    void envelopeHasDebeziumShapeAndIsRecognised() {
        Schema envelope = ChangeEventSchemas.envelope(BASE, ROW);

        assertThat(envelope.name()).isEqualTo("erp_prod.Sales_DB.dbo.Order_Lines.Envelope");
        assertThat(envelope.fields()).extracting(f -> f.name()).containsExactly("before", "after", "source", "op", "ts_ms",
                "control");
        assertThat(envelope.field("control").schema().isOptional()).as("null in change events").isTrue();
        assertThat(ChangeEventSchemas.isEnvelope(envelope)).isTrue();
        assertThat(ChangeEventSchemas.isEnvelope(ROW)).isFalse();
        assertThat(ChangeEventSchemas.source().field(SourceFields.CHANGE_VERSION).schema().isOptional()).isFalse();
    }

    @Test
    void envelopeRejectsARequiredRowSchema() {
        Schema required = SchemaBuilder.struct().name("x.Value").field("id", Schema.INT32_SCHEMA).build();
        assertThatThrownBy(() -> ChangeEventSchemas.envelope("x", required)).hasMessageContaining("must be an optional struct");
    }

    @Test
    void envelopeValuesValidateAgainstTheirSchema() {
        ChangeEnvelope envelope = new ChangeEnvelope(ChangeEventSchemas.envelope(BASE, ROW));
        SourceBlock source = new SourceBlock("0.1.0", "erp-prod", 1_700_000_000_000L, SnapshotMarker.FALSE, "Sales DB", "dbo",
                "Order Lines", 42L, 40L, List.of("note"), "0a0b");
        Struct row = new Struct(ROW).put("id", 7).put("note", "hi");

        Struct update = envelope.update(row, source, 1L);
        update.validate();
        assertThat(update.getString("op")).isEqualTo("u");
        assertThat(update.getStruct("source").getInt64("change_version")).isEqualTo(42L);
        assertThat(update.getStruct("source").getArray("changed_columns")).containsExactly("note");

        Struct delete = envelope.delete(new Struct(ROW).put("id", 7), source, 2L);
        delete.validate();
        assertThat(delete.getString("op")).isEqualTo("d");
        assertThat(delete.get("after")).isNull();
        assertThat(delete.get("control")).isNull();
    }

    @Test
    void operationCodesAreDebeziums() {
        assertThat(Operation.forCode("r")).contains(Operation.READ);
        assertThat(Operation.forCode("c")).contains(Operation.CREATE);
        assertThat(Operation.forCode("u")).contains(Operation.UPDATE);
        assertThat(Operation.forCode("d")).contains(Operation.DELETE);
        assertThat(Operation.forCode("t")).isEmpty();
    }

    private static void assertValidAvroName(String fullName) {
        FieldAssembler<org.apache.avro.Schema> fields = org.apache.avro.SchemaBuilder.record(fullName).fields();
        assertThat(fields.endRecord().getFullName()).isEqualTo(fullName);
    }
}
