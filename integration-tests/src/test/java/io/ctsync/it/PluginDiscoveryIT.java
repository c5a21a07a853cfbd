package io.ctsync.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ctsync.contract.CtsyncVersion;
import io.ctsync.sink.JdbcSinkConnector;
import io.ctsync.source.ChangeTrackingSourceConnector;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfo;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A Connect worker with plugin.discovery=service_load finds both plugins through their manifests. */
class PluginDiscoveryIT {

    @RegisterExtension
    static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    @Test
    void workerListsBothConnectorsWithTheBuildVersion() throws Exception {
        ConnectClusterExtension.RestResponse response = CONNECT.restGet("connector-plugins");
        assertThat(response.status()).isEqualTo(200);
        JsonNode plugins = new ObjectMapper().readTree(response.body());

        Map<String, String> versions = new HashMap<>();
        plugins.forEach(p -> versions.put(p.get("class").asText(), p.get("type").asText() + " " + p.get("version").asText()));

        String version = System.getProperty("ctsync.expected.version");
        assertThat(CtsyncVersion.get()).isEqualTo(version);
        assertThat(versions)
                .containsEntry(ChangeTrackingSourceConnector.class.getName(), "source " + version)
                .containsEntry(JdbcSinkConnector.class.getName(), "sink " + version);
    }

    @Test
    void validationAttachesErrorsToTheOptionsThatCauseThem() {
        ConfigInfos infos = CONNECT.cluster().validateConnectorConfig(JdbcSinkConnector.class.getSimpleName(), Map.of(
                "connector.class", JdbcSinkConnector.class.getName(),
                "topics", "t",
                "connection.url", "postgresql://no-jdbc-prefix",
                "max.retries", "-1"));

        assertThat(errorsOf(infos, "connection.url")).anySatisfy(e -> assertThat(e).contains("must be a JDBC URL"));
        assertThat(errorsOf(infos, "max.retries")).anySatisfy(e -> assertThat(e).contains("at least 0"));
        assertThat(infos.groups()).contains("Connection");
    }

    private static List<String> errorsOf(ConfigInfos infos, String option) {
        List<String> errors = new ArrayList<>();
        for (ConfigInfo info : infos.configs()) {
            if (info.configValue().name().equals(option)) {
                errors.addAll(info.configValue().errors());
            }
        }
        return errors;
    }
}
