package io.ctsync.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.ServiceLoader;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaAndValue;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.json.JsonConverter;
import org.apache.kafka.connect.json.JsonConverterConfig;
import org.apache.kafka.connect.storage.Converter;
import org.apache.kafka.connect.storage.HeaderConverter;
import org.junit.jupiter.api.Test;

/** What a worker relies on: Kafka's option names and defaults, headers, plugin manifests, and the schema caches. */
class ConverterContractTest {

    @Test
    void hasEveryOptionOfKafkasConverterWithTheSameTypeAndDefault() {
        ConfigDef kafka = JsonConverterConfig.configDef();
        ConfigDef ours = FastJsonConverterConfig.configDef();
        assertThat(ours.names()).containsExactlyInAnyOrderElementsOf(kafka.names());
        for (String name : kafka.names()) {
            ConfigDef.ConfigKey theirs = kafka.configKeys().get(name);
            ConfigDef.ConfigKey mine = ours.configKeys().get(name);
            assertThat(mine.type).as(name).isEqualTo(theirs.type);
            assertThat(mine.defaultValue).as(name).isEqualTo(theirs.defaultValue);
            assertThat(mine.displayName).as(name).isNotBlank();
            assertThat(mine.group).as(name).isEqualTo(theirs.group);
        }
    }

    @Test
    void headersTravelAsRecordsDo() {
        JsonConverter kafka = new JsonConverter();
        kafka.configure(Map.of("converter.type", "header"));
        FastJsonConverter ours = new FastJsonConverter();
        ours.configure(Map.of("converter.type", "header"));
        Schema schema = SchemaBuilder.struct().field("a", Schema.OPTIONAL_STRING_SCHEMA).build();
        Struct value = new Struct(schema).put("a", "x");
        byte[] bytes = ours.fromConnectHeader("t", "h", schema, value);
        assertThat(bytes).isEqualTo(kafka.fromConnectHeader("t", "h", schema, value));
        assertThat(ours.toConnectHeader("t", "h", bytes)).isEqualTo(kafka.toConnectHeader("t", "h", bytes));
    }

    @Test
    void isFoundByTheWorkersServiceLoaderAsConverterAndHeaderConverter() {
        assertThat(ServiceLoader.load(Converter.class).stream().map(ServiceLoader.Provider::type))
                .contains(FastJsonConverter.class);
        assertThat(ServiceLoader.load(HeaderConverter.class).stream().map(ServiceLoader.Provider::type))
                .contains(FastJsonConverter.class);
    }

    @Test
    void parsesEachDistinctSchemaOnceWhateverItsLayout() {
        FastJsonConverter ours = DifferentialTest.ours(Map.of());
        for (int i = 0; i < 100; i++) {
            ours.toConnectData("t", envelope("{\"type\":\"int64\",\"optional\":false}", i));
            ours.toConnectData("t", envelope("{\"type\":\"string\",\"optional\":false}", "\"v" + i + "\""));
            ours.toConnectData("t", (" {\"schema\": {\"type\":\"int64\",\"optional\":false}, \"payload\": " + i + "}")
                    .getBytes(StandardCharsets.UTF_8));
        }
        assertThat(ours.cachedReadSchemas()).isEqualTo(2);
        SchemaAndValue read = ours.toConnectData("t", envelope("{\"type\":\"int64\",\"optional\":false}", 42));
        assertThat(read).isEqualTo(new SchemaAndValue(Schema.INT64_SCHEMA, 42L));
    }

    @Test
    void keepsNoMoreSchemasThanConfigured() {
        FastJsonConverter ours = DifferentialTest.ours(Map.of("schemas.cache.size", 3));
        for (int version = 1; version <= 10; version++) {
            ours.toConnectData("t", envelope("{\"type\":\"int64\",\"optional\":false,\"version\":" + version + "}", 1));
            Schema schema = SchemaBuilder.int32().version(version).build();
            ours.fromConnectData("t", schema, 1);
        }
        assertThat(ours.cachedReadSchemas()).isEqualTo(3);
        assertThat(ours.cachedWrittenSchemas()).isEqualTo(3);
    }

    @Test
    void writesEachSchemaOnceForEqualInstances() {
        FastJsonConverter ours = DifferentialTest.ours(Map.of());
        for (int i = 0; i < 50; i++) {
            Schema schema = SchemaBuilder.struct().name("row").field("id", Schema.INT64_SCHEMA).build();
            ours.fromConnectData("t", schema, new Struct(schema).put("id", (long) i));
        }
        assertThat(ours.cachedWrittenSchemas()).isEqualTo(1);
    }

    private static byte[] envelope(String schema, Object payload) {
        return ("{\"schema\":" + schema + ",\"payload\":" + payload + "}").getBytes(StandardCharsets.UTF_8);
    }
}
