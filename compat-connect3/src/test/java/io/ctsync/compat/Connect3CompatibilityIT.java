package io.ctsync.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both plugins, loaded from their packaged directories through plugin.path (isolated class loaders, as in
 * production), on a Kafka 3.x Connect worker.
 */
class Connect3CompatibilityIT {

    private static final String SOURCE_CLASS = "io.ctsync.source.ChangeTrackingSourceConnector";
    private static final String SINK_CLASS = "io.ctsync.sink.JdbcSinkConnector";
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startWorker() {
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.path", System.getProperty("ctsync.plugin.path"));
        workerProps.put("plugin.discovery", "service_load");
        workerProps.put("offset.flush.interval.ms", "500");
        connect = new EmbeddedConnectCluster.Builder().name("ctsync-compat").numWorkers(1).numBrokers(1)
                .workerProps(workerProps).build();
        connect.start();
    }

    @AfterAll
    static void stopWorker() {
        if (connect != null) {
            connect.stop();
        }
    }

    @Test
    void workerIsKafka3() {
        assertThat(AppInfoParser.getVersion()).startsWith("3.");
    }

    @Test
    void workerFindsBothPluginsInTheirDirectories() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(connect.endpointForResource("connector-plugins"))).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        String body = response.body();
        Map<String, String> versions = new HashMap<>();
        for (JsonNode plugin : new ObjectMapper().readTree(body)) {
            versions.put(plugin.get("class").asText(), plugin.get("version").asText());
        }
        String expected = System.getProperty("ctsync.expected.version");
        assertThat(versions).containsEntry(SOURCE_CLASS, expected).containsEntry(SINK_CLASS, expected);
    }

    @Test
    void validationRunsInsideThePluginClassLoader() {
        ConfigInfos infos = connect.validateConnectorConfig("ChangeTrackingSourceConnector", Map.of(
                "connector.class", SOURCE_CLASS, "connection.url", "not-a-url", "topic.prefix", "erp"));
        assertThat(infos.errorCount()).isPositive();
        assertThat(infos.values()).anySatisfy(c -> {
            assertThat(c.configValue().name()).isEqualTo("connection.url");
            assertThat(c.configValue().errors()).anySatisfy(e -> assertThat(e).contains("must be a JDBC URL"));
        });
    }
}
