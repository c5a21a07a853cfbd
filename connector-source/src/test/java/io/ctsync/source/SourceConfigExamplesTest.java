package io.ctsync.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.source.config.SourceConnectorConfig;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The source examples in config-examples/ (packed into the plugin's etc/) use only real options with valid values. */
class SourceConfigExamplesTest {

    /** Options that belong to Connect itself, not to the connector's ConfigDef. */
    private static final List<String> CONNECT_PREFIXES = List.of("connector.class", "tasks.max", "key.converter",
            "value.converter", "topic.creation.", "exactly.once.support", "transaction.boundary");

    static Stream<Path> examples() throws IOException {
        return Files.list(Path.of("..", "config-examples")).filter(p -> p.getFileName().toString().startsWith("source-"));
    }

    @ParameterizedTest
    @MethodSource("examples")
    void everyOptionIsKnownAndValid(Path example) throws IOException {
        JsonNode config = new ObjectMapper().readTree(example.toFile()).get("config");
        Map<String, String> props = new HashMap<>();
        config.fields().forEachRemaining(e -> props.put(e.getKey(), e.getValue().asText()));

        assertThat(props.keySet()).allSatisfy(option -> assertThat(
                SourceConnectorConfig.CONFIG_DEF.names().contains(option)
                        || CONNECT_PREFIXES.stream().anyMatch(option::startsWith)).as(option).isTrue());
        assertThat(new ChangeTrackingSourceConnector().config().validate(props))
                .allSatisfy(value -> assertThat(value.errorMessages()).as(value.name()).isEmpty());
        assertThat(props.get("connector.class")).isEqualTo(ChangeTrackingSourceConnector.class.getName());
    }
}
