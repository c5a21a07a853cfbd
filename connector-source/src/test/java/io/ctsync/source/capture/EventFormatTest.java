package io.ctsync.source.capture;

import static org.assertj.core.api.Assertions.assertThat;

import io.apicurio.registry.utils.converter.avro.AvroData;
import io.debezium.transforms.ExtractNewRecordState;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

/** Events work with what consumers run: Debezium's own SMT and Avro. */
class EventFormatTest {

    private static List<SourceRecord> createUpdateDelete() {
        CaptureHarness h = new CaptureHarness("items");
        Items.create(h.model, "items", true);
        h.start().drain();
        List<SourceRecord> records = new ArrayList<>();
        Items.insertRange(h.model, "items", 1, 1);
        records.addAll(h.poll());
        h.model.transaction(tx -> Items.set(tx, "items", 1, "qty", 2));
        records.addAll(h.poll());
        h.model.delete("dbo", "items", List.of(1));
        records.addAll(h.poll());
        return records.stream().filter(r -> !r.topic().endsWith(".heartbeat")).toList();
    }

    @Test
    void debeziumExtractNewRecordStateRewritesOurDeleteIntoARowMarkedDeleted() {
        List<SourceRecord> records = createUpdateDelete();
        try (ExtractNewRecordState<SourceRecord> smt = new ExtractNewRecordState<>()) {
            smt.configure(Map.of("delete.tombstone.handling.mode", "rewrite", "add.fields", "op,change_version"));

            List<SourceRecord> flat = records.stream().map(smt::apply).filter(r -> r != null).toList();

            assertThat(flat).hasSize(3);
            Struct deleted = (Struct) flat.get(2).value();
            assertThat(deleted.getInt32("id")).isEqualTo(1);
            assertThat(deleted.get("name")).isNull();
            assertThat(String.valueOf(deleted.get("__deleted"))).isEqualTo("true");
            assertThat(deleted.getString("__op")).isEqualTo("d");
            Struct updated = (Struct) flat.get(1).value();
            assertThat(updated.getInt32("qty")).isEqualTo(2);
            assertThat(String.valueOf(updated.get("__deleted"))).isEqualTo("false");
            assertThat(updated.getInt64("__change_version")).isEqualTo(2L);
        }
    }

    @Test
    void keysAndValuesConvertToAvroAndBack() throws IOException {
        AvroData avro = new AvroData(100);
        for (SourceRecord record : createUpdateDelete()) {
            assertRoundTrip(avro, record.keySchema(), record.key());
            if (record.value() != null) {
                assertRoundTrip(avro, record.valueSchema(), record.value());
            }
        }
    }

    private static void assertRoundTrip(AvroData avro, org.apache.kafka.connect.data.Schema schema, Object value)
            throws IOException {
        org.apache.avro.Schema avroSchema = avro.fromConnectSchema(schema);
        Object avroValue = avro.fromConnectData(schema, value);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<>(avroSchema).write(avroValue, encoder);
        encoder.flush();
        Object read = new GenericDatumReader<>(avroSchema).read(null,
                DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
        SchemaAndValue back = avro.toConnectData(avroSchema, read);

        assertThat(avroSchema.getFullName()).isEqualTo(schema.name());
        assertThat(back.value()).isEqualTo(value);
    }
}
