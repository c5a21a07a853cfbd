package io.ctsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hand-picked records where a reader could easily differ from Kafka's: malformed JSON, envelopes missing a member or
 * holding one too many, bad schemas, values of the wrong JSON type (Kafka is lenient with some and strict with
 * others), number edge cases and unusual layouts. For each, FastJsonConverter must give what JsonConverter gives, or
 * fail with a DataException where it fails.
 */
class EdgeCaseTest {

    private static final String INT32 = "{\"type\":\"int32\",\"optional\":false}";

    static Stream<Arguments> records() {
        List<String> records = new ArrayList<>(List.of(
                // Malformed JSON
                "{", "{\"schema\":", "nope", "[1,2", "\"unterminated", "{\"schema\":" + INT32 + ",\"payload\":}",
                "{\"schema\":" + INT32 + ",\"payload\":1", "{\"schema\":" + INT32 + ",\"payload\":01x}",
                // Envelope members missing or extra
                "{\"payload\":1}", "{\"schema\":" + INT32 + "}", "{}", "[]", "1", "null", "\"x\"",
                "{\"schema\":null,\"payload\":1,\"extra\":2}", "{\"extra\":2,\"schema\":null,\"payload\":1}",
                // Bad schemas
                "{\"schema\":{\"optional\":true},\"payload\":1}", "{\"schema\":{\"type\":\"nope\"},\"payload\":1}",
                "{\"schema\":\"int32\",\"payload\":1}", "{\"schema\":[],\"payload\":1}", "{\"schema\":5,\"payload\":1}",
                "{\"schema\":{\"type\":\"array\"},\"payload\":[]}",
                "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"}},\"payload\":{}}",
                "{\"schema\":{\"type\":\"struct\"},\"payload\":{}}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\"}]},\"payload\":{}}",
                "{\"schema\":{\"type\":\"int32\",\"parameters\":{\"a\":1}},\"payload\":1}",
                "{\"schema\":{\"type\":\"int32\",\"optional\":\"yes\",\"name\":5,\"version\":\"1\",\"doc\":[]},\"payload\":1}",
                "{\"schema\":{\"type\":\"int32\",\"default\":null},\"payload\":1}",
                "{\"schema\":{\"type\":\"int32\",\"optional\":true,\"default\":null},\"payload\":null}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}],\"default\":{\"a\":1}},\"payload\":{\"a\":2}}",
                "{\"schema\":{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\"},\"payload\":\"AQ==\"}",
                // Values the schema refuses
                "{\"schema\":" + INT32 + ",\"payload\":null}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[]},\"payload\":[]}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"field\":\"a\"}]},\"payload\":{}}",
                "{\"schema\":{\"type\":\"map\",\"keys\":{\"type\":\"string\"},\"values\":" + INT32 + "},\"payload\":[]}",
                "{\"schema\":{\"type\":\"map\",\"keys\":" + INT32 + ",\"values\":" + INT32 + "},\"payload\":{}}",
                "{\"schema\":{\"type\":\"map\",\"keys\":" + INT32 + ",\"values\":" + INT32 + "},\"payload\":[[1]]}",
                "{\"schema\":{\"type\":\"map\",\"keys\":" + INT32 + ",\"values\":" + INT32 + "},\"payload\":[[1,2,3]]}",
                "{\"schema\":{\"type\":\"map\",\"keys\":" + INT32 + ",\"values\":" + INT32 + "},\"payload\":[[]]}",
                "{\"schema\":{\"type\":\"map\",\"keys\":" + INT32 + ",\"values\":" + INT32 + "},\"payload\":[5]}",
                "{\"schema\":{\"type\":\"bytes\"},\"payload\":\"not base64!\"}",
                "{\"schema\":" + decimal(2) + ",\"payload\":true}", "{\"schema\":" + decimal(2) + ",\"payload\":\"!!\"}",
                "{\"schema\":" + decimal(2) + ",\"payload\":\"\"}",
                "{\"schema\":" + logical("int32", "Date") + ",\"payload\":\"2020-01-01\"}",
                "{\"schema\":" + logical("int32", "Date") + ",\"payload\":3000000000}",
                "{\"schema\":" + logical("int32", "Date") + ",\"payload\":1.0}",
                "{\"schema\":" + logical("int32", "Time") + ",\"payload\":-5}",
                "{\"schema\":" + logical("int32", "Time") + ",\"payload\":90000000}",
                "{\"schema\":" + logical("int64", "Timestamp") + ",\"payload\":1.5}",
                // Kafka is lenient with these: wrong JSON types read as 0, false, null or an empty list
                "{\"schema\":" + INT32 + ",\"payload\":\"abc\"}", "{\"schema\":{\"type\":\"string\"},\"payload\":5}",
                "{\"schema\":{\"type\":\"string\"},\"payload\":{\"a\":[1]}}",
                "{\"schema\":{\"type\":\"boolean\"},\"payload\":1}", "{\"schema\":{\"type\":\"bytes\"},\"payload\":7}",
                "{\"schema\":{\"type\":\"array\",\"items\":" + INT32 + "},\"payload\":{\"a\":1,\"b\":2}}",
                "{\"schema\":{\"type\":\"array\",\"items\":" + INT32 + "},\"payload\":7}",
                "{\"schema\":{\"type\":\"int8\"},\"payload\":300}", "{\"schema\":" + INT32 + ",\"payload\":1.9}",
                "{\"schema\":" + INT32 + ",\"payload\":-1e3}", "{\"schema\":" + INT32 + ",\"payload\":4294967297}",
                "{\"schema\":{\"type\":\"int64\"},\"payload\":123456789012345678901234567890}",
                "{\"schema\":{\"type\":\"int64\"},\"payload\":1e3}",
                "{\"schema\":{\"type\":\"double\"},\"payload\":\"NaN\"}", "{\"schema\":{\"type\":\"double\"},\"payload\":-0.0}",
                "{\"schema\":{\"type\":\"double\"},\"payload\":-1e-400}", "{\"schema\":{\"type\":\"double\"},\"payload\":1e400}",
                "{\"schema\":{\"type\":\"double\"},\"payload\":123456789012345678901234567890}",
                "{\"schema\":{\"type\":\"float\"},\"payload\":0.1000000000000000055511151231257827}",
                "{\"schema\":{\"type\":\"float\"},\"payload\":-0.0}", "{\"schema\":{\"type\":\"float\"},\"payload\":16777217}",
                "{\"schema\":" + decimal(2) + ",\"payload\":12}", "{\"schema\":" + decimal(2) + ",\"payload\":1.5E+3}",
                "{\"schema\":" + logical("int64", "Timestamp") + ",\"payload\":99999999999999999999}",
                // Layouts and numbers
                "", "   ", "{\"schema\":" + INT32 + ",\"payload\":007}", "{\"schema\":null,\"payload\":1} trailing",
                "{\"schema\":null,\"payload\":1}}", "{\"schema\":" + INT32 + ",\"payload\":1}}",
                "{\"schema\":" + INT32 + ",\"schema\":{\"type\":\"string\"},\"payload\":\"a\"}",
                "{\"schema\":" + INT32 + ",\"payload\":1,\"payload\":2}", "{\"payload\":1,\"schema\":" + INT32 + "}",
                "{\"payload\":1,\"payload\":\"x\",\"schema\":{\"type\":\"string\"}}",
                " { \"schema\" : " + INT32 + " , \"payload\" : 5 } ",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":7,\"field\":\"a\"},"
                        + "{\"type\":\"string\",\"optional\":true,\"field\":\"b\"}]},\"payload\":{\"x\":[1,{\"y\":2}],\"a\":null,\"a\":3}}",
                "{\"schema\":{\"type\":\"struct\",\"fields\":[{\"type\":\"int32\",\"optional\":true,\"default\":7,\"field\":\"a\"}]},\"payload\":{}}",
                "{\"schema\":null,\"payload\":{\"a\":[1,2.5,\"x\",true,null,{\"b\":123456789012345678901234567890}]}}",
                "{\"schema\":null,\"payload\":null}", "{\"schema\":null,\"payload\":-0.0}"));
        return records.stream().flatMap(record -> Stream.of(Arguments.of(record, true), Arguments.of(record, false)));
    }

    private static String decimal(int scale) {
        return "{\"type\":\"bytes\",\"name\":\"org.apache.kafka.connect.data.Decimal\",\"parameters\":{\"scale\":\"" + scale + "\"}}";
    }

    private static String logical(String type, String name) {
        return "{\"type\":\"" + type + "\",\"name\":\"org.apache.kafka.connect.data." + name + "\"}";
    }

    @ParameterizedTest(name = "[{index}] schemas.enable={1}: {0}")
    @MethodSource("records")
    void readsLikeKafka(String record, boolean schemas) {
        for (boolean replaceNull : new boolean[] {true, false}) {
            Map<String, Object> config = Map.of("schemas.enable", schemas, "replace.null.with.default", replaceNull);
            JsonConverter kafka = DifferentialTest.kafka(config);
            FastJsonConverter ours = DifferentialTest.ours(config);
            assertSameRead(kafka, ours, record);
            // Again after a canonical record of the commonest schema here, so the fast path sees the record first.
            assertSameRead(kafka, ours, "{\"schema\":" + INT32 + ",\"payload\":0}");
            assertSameRead(kafka, ours, record);
        }
    }

    @Test
    void aNullRecordIsATombstone() {
        assertThat(DifferentialTest.ours(Map.of()).toConnectData("t", null)).isEqualTo(SchemaAndValue.NULL);
        assertThat(DifferentialTest.ours(Map.of()).fromConnectData("t", null, null)).isNull();
    }

    @Test
    void refusesToWriteWhatKafkaRefusesAndNothingElse() {
        Schema struct = SchemaBuilder.struct().field("a", Schema.INT32_SCHEMA).build();
        Schema other = SchemaBuilder.struct().field("b", Schema.INT32_SCHEMA).build();
        List<Object[]> cases = List.of(
                new Object[] {Schema.INT32_SCHEMA, "not an int"},
                new Object[] {Schema.STRING_SCHEMA, 5},
                new Object[] {Schema.INT32_SCHEMA, null},
                new Object[] {Schema.BYTES_SCHEMA, "text"},
                new Object[] {struct, new Struct(other).put("b", 1)},
                new Object[] {null, new Struct(struct).put("a", 1)},
                new Object[] {null, new BigDecimal("1.5")},
                new Object[] {null, new java.util.Date()},
                new Object[] {Decimal.schema(2), new BigDecimal("1.555")},
                new Object[] {Decimal.schema(2), 5},
                new Object[] {org.apache.kafka.connect.data.Date.SCHEMA, new java.util.Date(5)},
                new Object[] {org.apache.kafka.connect.data.Time.SCHEMA, 5},
                new Object[] {SchemaBuilder.map(Schema.STRING_SCHEMA, Schema.INT32_SCHEMA).build(), Map.of(1, 1)},
                new Object[] {SchemaBuilder.array(Schema.INT32_SCHEMA).build(), List.of("x")});
        for (String decimals : new String[] {"BASE64", "NUMERIC"}) {
            JsonConverter kafka = DifferentialTest.kafka(Map.of("decimal.format", decimals));
            FastJsonConverter ours = DifferentialTest.ours(Map.of("decimal.format", decimals));
            int refused = 0;
            for (Object[] c : cases) {
                Schema schema = (Schema) c[0];
                byte[] expected;
                try {
                    expected = kafka.fromConnectData("t", schema, c[1]);
                } catch (DataException kafkaRefused) {
                    refused++;
                    assertThatThrownBy(() -> ours.fromConnectData("t", schema, c[1])).as("%s %s", schema, c[1])
                            .isInstanceOf(DataException.class);
                    continue;
                }
                assertThat(ours.fromConnectData("t", schema, c[1])).as("%s %s", schema, c[1]).isEqualTo(expected);
            }
            assertThat(refused).as(decimals).isGreaterThanOrEqualTo(cases.size() - 1);
        }
    }

    @Test
    void aFixedSchemaReadsBareValuesLikeKafka() {
        String schema = "{\"type\":\"struct\",\"fields\":[{\"type\":\"int64\",\"field\":\"id\"},"
                + "{\"type\":\"string\",\"optional\":true,\"field\":\"name\"}]}";
        Map<String, Object> config = Map.of("schema.content", schema);
        for (String record : List.of("{\"id\":1,\"name\":\"a\"}", "{\"id\":2}", "{\"name\":\"x\"}", "[1]", "", "null")) {
            assertSameRead(DifferentialTest.kafka(config), DifferentialTest.ours(config), record);
        }
    }

    @Test
    void aFixedSchemaThatIsNotOneFailsTheConfiguration() {
        assertThatThrownBy(() -> DifferentialTest.ours(Map.of("schema.content", "{\"type\":\"nope\"}")))
                .isInstanceOf(org.apache.kafka.common.config.ConfigException.class)
                .hasMessageContaining("schema.content");
    }

    static void assertSameRead(JsonConverter kafka, FastJsonConverter ours, String record) {
        byte[] bytes = record.getBytes(StandardCharsets.UTF_8);
        SchemaAndValue expected;
        try {
            expected = kafka.toConnectData("t", bytes);
        } catch (DataException kafkaRefused) {
            assertThatThrownBy(() -> ours.toConnectData("t", bytes)).as("%s (Kafka: %s)", record, kafkaRefused)
                    .isInstanceOf(DataException.class);
            return;
        }
        SchemaAndValue actual = ours.toConnectData("t", bytes);
        assertThat(ConnectValues.schemaText(actual.schema())).as(record).isEqualTo(ConnectValues.schemaText(expected.schema()));
        Object expectedValue = ConnectValues.comparable(expected.value());
        Object actualValue = ConnectValues.comparable(actual.value());
        assertThat(Objects.equals(actualValue, expectedValue)).as("%s: expected %s but was %s", record, expectedValue,
                actualValue).isTrue();
    }
}
