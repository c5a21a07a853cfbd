package io.ctsync.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.utils.AppInfoParser;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Both plugins, loaded from their packaged directories through plugin.path (isolated class loaders, as in
 * production), on a Kafka 3.x Connect worker. The source plugin directory is a copy of the packaged one plus the
 * simulated SQL Server's jar (ct-simulator, the in-memory Change Tracking model): the connector then really runs and emits
 * events on the 3.x worker (selected by its internal option {@code ctsync.database.factory}), without SQL Server.
 * The sink also runs there and applies records into SQLite.
 */
class Connect3CompatibilityIT {

    private static final String SOURCE_CLASS = "io.ctsync.source.ChangeTrackingSourceConnector";
    private static final String SINK_CLASS = "io.ctsync.sink.JdbcSinkConnector";
    private static EmbeddedConnectCluster connect;

    @BeforeAll
    static void startWorker() throws IOException {
        Path pluginPath = Path.of(System.getProperty("ctsync.work.dir"), "plugin-path-with-model");
        Path sourcePlugin = copyTree(Path.of(System.getProperty("ctsync.source.plugin")),
                pluginPath.resolve("ctsync-sqlserver-ct-source"));
        Path modelJar = Path.of(System.getProperty("ctsync.source.model.jar"));
        Files.copy(modelJar, sourcePlugin.resolve("lib").resolve(modelJar.getFileName()), StandardCopyOption.REPLACE_EXISTING);
        Map<String, String> workerProps = new HashMap<>();
        workerProps.put("plugin.path", pluginPath + "," + System.getProperty("ctsync.sink.plugin.path"));
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
    void sourceConnectorRunsAndEmitsEventsFromItsPluginDirectory() throws InterruptedException {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SOURCE_CLASS);
        config.put("connection.url", "jdbc:ctmodel:compat;demo=3");
        config.put("ctsync.database.factory", "io.ctsync.source.ctmodel.ModelDatabaseFactory");
        config.put("topic.prefix", "erp");
        config.put("poll.interval.ms", "100");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        // This broker does not auto-create topics: Connect's topic creation for source connectors does.
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        connect.configureConnector("compat-source", config);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("compat-source", 1, "source did not start");

        ConsumerRecords<byte[], byte[]> records = connect.kafka().consume(3, 60_000, "erp.compat.dbo.items");

        assertThat(records.count()).isEqualTo(3);
        records.forEach(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"op\":\"r\""));
    }

    private static Path copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : (Iterable<Path>) files::iterator) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target, StandardCopyOption.REPLACE_EXISTING);
                }
            }
        }
        return to;
    }

    @Test
    void theSinkAppliesRecordsFromItsPluginDirectoryIntoSqlite() throws Exception {
        Path directory = Files.createTempDirectory("ctsync-compat-");
        String url = "jdbc:sqlite:" + directory.resolve("target.db");
        String topic = "compat.rows";
        connect.kafka().createTopic(topic, 1);
        for (int id = 1; id <= 3; id++) {
            connect.kafka().produce(topic, key(id), row(id, "row " + id, false));
        }
        connect.kafka().produce(topic, key(2), row(2, "row 2", true));

        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("topics", topic);
        config.put("tasks.max", "1");
        config.put("connection.url", url);
        config.put("table.name.format", "compat_rows");
        config.put("key.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("value.converter", "org.apache.kafka.connect.json.JsonConverter");
        config.put("consumer.override.auto.offset.reset", "earliest");
        connect.configureConnector("compat-sink", config);
        try {
            Awaitility.await("rows 1 and 3 in SQLite").atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(500))
                    .ignoreExceptions().until(() -> ids(url), ids -> ids.equals(List.of(1, 3)));
        } finally {
            connect.deleteConnector("compat-sink");
        }
    }

    private static String key(int id) {
        return "{\"schema\":{\"type\":\"struct\",\"name\":\"compat.Key\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false}]},\"payload\":{\"id\":" + id + "}}";
    }

    private static String row(int id, String name, boolean deleted) {
        return "{\"schema\":{\"type\":\"struct\",\"name\":\"compat.Value\",\"optional\":false,\"fields\":["
                + "{\"field\":\"id\",\"type\":\"int32\",\"optional\":false},"
                + "{\"field\":\"name\",\"type\":\"string\",\"optional\":true},"
                + "{\"field\":\"__deleted\",\"type\":\"string\",\"optional\":true}]},"
                + "\"payload\":{\"id\":" + id + ",\"name\":\"" + name + "\",\"__deleted\":\"" + deleted + "\"}}";
    }

    /** The ids the sink wrote, read by {@link SqliteIds} in a JVM of its own (see there why). */
    private static List<Integer> ids(String url) throws Exception {
        Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-cp",
                System.getProperty("java.class.path"), SqliteIds.class.getName(), url).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (process.waitFor() != 0) {
            throw new IllegalStateException("Reading " + url + " failed: " + output);
        }
        List<Integer> ids = new ArrayList<>();
        for (String line : output.split("\n")) {
            if (!line.isBlank()) {
                ids.add(Integer.parseInt(line.trim()));
            }
        }
        return ids;
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
