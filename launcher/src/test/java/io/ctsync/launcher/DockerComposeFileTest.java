package io.ctsync.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml cannot run here (no Docker engine): this parses it and checks what can be checked without
 * running it: the services and their images, the published ports, the files it mounts, and that the connector JSON
 * it registers points at its own services.
 */
class DockerComposeFileTest {

    private static final Path DOCKER = Path.of(System.getProperty("ctsync.repository", "..")).resolve("docker");
    private static JsonNode services;

    @BeforeAll
    static void parse() throws Exception {
        services = new ObjectMapper(new YAMLFactory()).readTree(DOCKER.resolve("compose.yaml").toFile()).path("services");
    }

    @Test
    void theStackHasEveryPartOfThePipeline() {
        List<String> names = new ArrayList<>();
        services.fieldNames().forEachRemaining(names::add);

        assertThat(names).containsExactlyInAnyOrder("sqlserver", "sqlserver-init", "kafka", "schema-registry", "connect",
                "postgres", "register");
        assertThat(services.path("sqlserver").path("image").asText()).startsWith("mcr.microsoft.com/mssql/server:2022");
        assertThat(services.path("kafka").path("image").asText()).isEqualTo("apache/kafka:4.2.0");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        assertThat(services.path("schema-registry").path("image").asText()).startsWith("apicurio/apicurio-registry:");
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");
        assertThat(services.path("connect").path("build").path("dockerfile").asText()).isEqualTo("docker/Dockerfile");
        assertThat(DOCKER.resolve("Dockerfile")).exists();
    }

    @Test
    void thePortsAUserReachesArePublished() {
        assertThat(ports("sqlserver")).contains("1433:1433");
        assertThat(ports("kafka")).contains("9092:9092");
        assertThat(ports("connect")).contains("8083:8083");
        assertThat(ports("postgres")).contains("5432:5432");
    }

    @Test
    void theInitScriptEnablesChangeTrackingOnEveryTableItCreates() throws Exception {
        String mount = services.path("sqlserver-init").path("volumes").get(0).asText();
        Path script = DOCKER.resolve(mount.substring(0, mount.indexOf(':')));
        String sql = Files.readString(script);

        assertThat(sql).contains("SET CHANGE_TRACKING = ON", "ALLOW_SNAPSHOT_ISOLATION ON", "GRANT VIEW CHANGE TRACKING");
        for (String table : List.of("customers", "orders", "order_lines")) {
            assertThat(sql).contains("CREATE TABLE dbo." + table).contains("ALTER TABLE dbo." + table + " ENABLE CHANGE_TRACKING");
        }
        assertThat(services.path("sqlserver-init").path("depends_on").path("sqlserver").path("condition").asText())
                .isEqualTo("service_healthy");
    }

    @Test
    void theRegisteredConnectorsPointAtTheStacksOwnServices() throws Exception {
        assertThat(DOCKER.resolve("register-connectors.sh")).exists();
        ObjectMapper json = new ObjectMapper();
        JsonNode source = json.readTree(DOCKER.resolve("connectors/source-sales.json").toFile()).path("config");
        JsonNode sink = json.readTree(DOCKER.resolve("connectors/sink-postgres.json").toFile()).path("config");

        assertThat(source.path("connector.class").asText()).isEqualTo(ConnectWorker.SOURCE_CLASS);
        assertThat(source.path("connection.url").asText()).startsWith("jdbc:sqlserver://sqlserver:1433;databaseName=sales");
        assertThat(sink.path("connector.class").asText()).isEqualTo(ConnectWorker.SINK_CLASS);
        assertThat(sink.path("connection.url").asText()).startsWith("jdbc:postgresql://postgres:5432/");
        String prefix = source.path("topic.prefix").asText();
        assertThat(sink.path("topics").asText().split(",")).allSatisfy(t -> assertThat(t).startsWith(prefix + ".sales.dbo."));
    }

    private static List<String> ports(String service) {
        List<String> ports = new ArrayList<>();
        services.path(service).path("ports").forEach(p -> ports.add(p.asText()));
        return ports;
    }
}
