package io.ctsync.sink.config;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.sink.JdbcSinkConnector;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.kafka.common.config.ConfigValue;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every sink example in config-examples/ (shipped in the plugin's etc/) passes the connector's own validation. */
class ConfigExamplesTest {

    static Stream<Path> examples() throws Exception {
        return Files.list(Path.of("..", "config-examples")).filter(p -> p.getFileName().toString().startsWith("sink-")).sorted();
    }

    @ParameterizedTest
    @MethodSource("examples")
    void validates(Path example) throws Exception {
        JsonNode json = new ObjectMapper().readTree(example.toFile());
        Map<String, String> config = new HashMap<>();
        json.get("config").fields().forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        assertThat(config).containsEntry("connector.class", JdbcSinkConnector.class.getName());
        java.util.Set<String> known = new JdbcSinkConnector().config().names();
        // Besides the connector's own options: Connect's (converters, consumer overrides, errors.*), and the sink's
        // open-ended conflict.policy.<table> and conflict.kafka.<producer setting>, which validate() checks.
        assertThat(config.keySet()).filteredOn(k -> !k.contains("converter") && !k.startsWith("consumer.override.")
                && !(k.startsWith("errors.") && !known.contains(k)) && !k.startsWith("conflict.policy.")
                && !k.startsWith("conflict.kafka.")
                && !List.of("connector.class", "tasks.max", "topics", "topics.regex").contains(k)).allSatisfy(k ->
                assertThat(known).as("option of " + example.getFileName()).contains(k));
        List<String> errors = new JdbcSinkConnector().validate(config).configValues().stream()
                .flatMap((ConfigValue v) -> v.errorMessages().stream().map(m -> v.name() + ": " + m)).toList();
        assertThat(errors).as(example.getFileName().toString()).isEmpty();
    }

}
