package io.ctsync.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * FastJsonConverter against Kafka's JsonConverter over seeded random schemas and values, in every option combination:
 * the bytes each writes must be identical (or both must refuse the value), and whatever Kafka's converter wrote must
 * read back the same through both. Every failure names the seed that reproduces it.
 */
class DifferentialTest {

    private static final int CASES_PER_COMBINATION = 1_500;
    /** Re-lays out JSON without touching a number: fractions stay exact decimals, as Kafka reads them. */
    private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true));


    static Stream<Arguments> combinations() {
        Stream.Builder<Arguments> combinations = Stream.builder();
        for (boolean schemas : new boolean[] {true, false}) {
            for (String decimals : new String[] {"BASE64", "NUMERIC"}) {
                for (boolean replaceNull : new boolean[] {true, false}) {
                    combinations.add(Arguments.of(schemas, decimals, replaceNull));
                }
            }
        }
        return combinations.build();
    }

    @ParameterizedTest(name = "schemas.enable={0}, decimal.format={1}, replace.null.with.default={2}")
    @MethodSource("combinations")
    void writesAndReadsWhatKafkaWritesAndReads(boolean schemas, String decimals, boolean replaceNull) throws Exception {
        Map<String, Object> config = Map.of("schemas.enable", schemas, "decimal.format", decimals,
                "replace.null.with.default", replaceNull);
        JsonConverter kafka = kafka(config);
        FastJsonConverter ours = ours(config);
        long base = (schemas ? 1 : 0) * 1_000_000L + decimals.hashCode() * 10L + (replaceNull ? 1 : 0);
        int compared = 0;
        for (int i = 0; i < CASES_PER_COMBINATION; i++) {
            long seed = base * 7919 + i;
            RandomConnectData data = new RandomConnectData(seed);
            Schema schema = i % 10 == 9 ? null : data.schema();
            Object value = schema == null ? data.schemalessValue(0) : data.value(schema);
            compared += compare(seed, kafka, ours, schema, value) ? 1 : 0;
        }
        // Most generated values must be convertible, or the comparison proves little.
        assertThat(compared).as("cases both converters wrote").isGreaterThan(CASES_PER_COMBINATION * 3 / 4);
    }

    /** Returns whether the value was written (both refusing it is a pass, too). */
    private static boolean compare(long seed, JsonConverter kafka, FastJsonConverter ours, Schema schema, Object value)
            throws Exception {
        String where = "seed " + seed + ", schema " + schema + ", value " + value;
        byte[] expected;
        try {
            expected = kafka.fromConnectData("t", schema, value);
        } catch (DataException kafkaRefused) {
            assertThatThrownBy(() -> ours.fromConnectData("t", schema, value)).as(where + " (Kafka: " + kafkaRefused + ")")
                    .isInstanceOf(DataException.class);
            return false;
        }
        byte[] actual;
        try {
            actual = ours.fromConnectData("t", schema, value);
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": Kafka wrote " + text(expected) + " but ours threw " + e, e);
        }
        assertThat(text(actual)).as(where).isEqualTo(text(expected));
        if (expected == null) {
            return true;
        }
        assertSameRead(where, kafka, ours, expected);
        // The second read of the same schema bytes comes from the cache.
        assertSameRead(where + " (again)", kafka, ours, expected);
        // Other layouts of the same JSON go through the general path: indented, and payload before schema.
        JsonNode tree = PRETTY.readTree(expected);
        assertSameRead(where + " (indented)", kafka, ours, PRETTY.writeValueAsBytes(tree));
        if (tree.isObject() && tree.has("schema") && tree.has("payload")) {
            ObjectNode reordered = PRETTY.createObjectNode();
            reordered.set("payload", tree.get("payload"));
            reordered.set("schema", tree.get("schema"));
            assertSameRead(where + " (payload first)", kafka, ours, PRETTY.writeValueAsBytes(reordered));
        }
        return true;
    }

    private static void assertSameRead(String where, JsonConverter kafka, FastJsonConverter ours, byte[] record) {
        SchemaAndValue expected;
        try {
            expected = kafka.toConnectData("t", record);
        } catch (DataException kafkaRefused) {
            assertThatThrownBy(() -> ours.toConnectData("t", record)).as(where + " reading " + text(record))
                    .isInstanceOf(DataException.class);
            return;
        }
        SchemaAndValue actual;
        try {
            actual = ours.toConnectData("t", record);
        } catch (RuntimeException e) {
            throw new AssertionError(where + ": Kafka read " + text(record) + " but ours threw " + e, e);
        }
        if (!java.util.Objects.equals(actual.schema(), expected.schema())) {
            assertThat(ConnectValues.schemaText(actual.schema())).as(where + " reading " + text(record))
                    .isEqualTo(ConnectValues.schemaText(expected.schema()));
        }
        if (!java.util.Objects.equals(ConnectValues.comparable(actual.value()), ConnectValues.comparable(expected.value()))) {
            fail(where + " reading " + text(record) + ": expected " + expected.value() + " but was " + actual.value());
        }
    }

    static JsonConverter kafka(Map<String, Object> config) {
        JsonConverter converter = new JsonConverter();
        converter.configure(new HashMap<>(config), false);
        return converter;
    }

    static FastJsonConverter ours(Map<String, Object> config) {
        FastJsonConverter converter = new FastJsonConverter();
        converter.configure(new HashMap<>(config), false);
        return converter;
    }

    static String text(byte[] bytes) {
        return bytes == null ? null : new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }
}
