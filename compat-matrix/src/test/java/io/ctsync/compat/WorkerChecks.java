package io.ctsync.compat;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * What the plugins must do on every worker of the matrix, through the REST API only: be listed with their version,
 * validate inside their own class loaders, run (the source against the in-memory Change Tracking model, the sink into
 * SQLite, one feeding the other), and have their offsets read, rewound and reset.
 */
final class WorkerChecks {

    static final String SOURCE_CLASS = "io.ctsync.source.ChangeTrackingSourceConnector";
    static final String SINK_CLASS = "io.ctsync.sink.JdbcSinkConnector";
    private static final String SOURCE = "compat-source";
    private static final String SINK = "compat-sink";
    /** The model's demo table dbo.items (3 rows) in database "compat", under topic prefix "erp". */
    private static final String TOPIC = "erp.compat.dbo.items";
    private static final Map<String, String> TABLE_PARTITION = Map.of(
            "server", "erp", "database", "compat", "schema", "dbo", "table", "items");
    private static final Map<Integer, String> MODEL_ROWS = Map.of(1, "item 1", 2, "item 2", 3, "item 3");
    private static final Duration WAIT = Duration.ofSeconds(90);

    private final String version;
    private final ConnectRest rest;
    private final SqliteTarget target;

    WorkerChecks(String version, ConnectRest rest, SqliteTarget target) {
        this.version = version;
        this.rest = rest;
        this.target = target;
    }

    void workerReportsItsVersion() throws Exception {
        ConnectRest.Response root = rest.get("");
        assertThat(root.status()).as(root.toString()).isEqualTo(200);
        assertThat(root.json().path("version").asText()).as(root.toString()).isEqualTo(version);
    }

    void bothPluginsListedWithTheBuildVersion() throws Exception {
        ConnectRest.Response plugins = rest.get("connector-plugins");
        Map<String, String> versions = new LinkedHashMap<>();
        plugins.json().forEach(plugin -> versions.put(plugin.path("class").asText(), plugin.path("version").asText()));
        String expected = System.getProperty("ctsync.expected.version");
        assertThat(versions).as(plugins.toString()).containsEntry(SOURCE_CLASS, expected).containsEntry(SINK_CLASS, expected);
    }

    void sourceValidationNamesTheOptionToFix() throws Exception {
        ConnectRest.Response response = rest.put("connector-plugins/ChangeTrackingSourceConnector/config/validate",
                Map.of("connector.class", SOURCE_CLASS, "connection.url", "not-a-url", "topic.prefix", "erp"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().path("error_count").asInt()).as(response.toString()).isPositive();
        assertThat(errorsOf(response.json(), "connection.url")).as(response.toString())
                .anySatisfy(error -> assertThat(error).contains("must be a JDBC URL"));
    }

    /** A cross-field rule of the sink's Connector.validate(): newer-wins needs the column to compare. */
    void sinkValidationRunsItsCrossFieldRules() throws Exception {
        ConnectRest.Response response = rest.put("connector-plugins/JdbcSinkConnector/config/validate",
                Map.of("connector.class", SINK_CLASS, "topics", TOPIC, "connection.url", target.url(),
                        "conflict.policy", "newer-wins"));
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(errorsOf(response.json(), "conflict.newer.column")).as(response.toString()).isNotEmpty();
        assertThat(errorsOf(response.json(), "connection.url")).as(response.toString()).isEmpty();
    }

    void sourceRunsAgainstTheModel() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SOURCE_CLASS);
        config.put("tasks.max", "1");
        config.put("connection.url", "jdbc:ctmodel:compat;demo=3");
        config.put("ctsync.database.factory", modelFactory());
        config.put("topic.prefix", "erp");
        config.put("poll.interval.ms", "100");
        // Brokers here do not auto-create topics for producers: Connect's topic creation for source connectors does.
        config.put("topic.creation.default.replication.factor", "1");
        config.put("topic.creation.default.partitions", "1");
        ConnectRest.Response response = rest.put("connectors/" + SOURCE + "/config", config);
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        awaitState(SOURCE, "RUNNING");
    }

    /** The sink reads the source's change events (Debezium envelopes with change versions) into SQLite. */
    void sinkAppliesTheSourceEventsIntoSqlite() throws Exception {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("connector.class", SINK_CLASS);
        config.put("tasks.max", "1");
        config.put("topics", TOPIC);
        config.put("connection.url", target.url());
        config.put("table.name.format", "items");
        ConnectRest.Response response = rest.put("connectors/" + SINK + "/config", config);
        assertThat(response.status()).as(response.toString()).isIn(200, 201);
        awaitState(SINK, "RUNNING");
        await("rows 1-3 of the model in SQLite table items", () -> target.rows("items"), MODEL_ROWS::equals);
    }

    void offsetsReadRewoundAndReset() throws Exception {
        await("the source's anchor for dbo.items past its snapshot (GET offsets)",
                () -> offsetOf(SOURCE, TABLE_PARTITION), offset -> offset != null
                        && "incremental".equals(offset.path("phase").asText()));
        // The snapshot's 3 events between its begin and end markers (one each: the topic has one partition).
        await("the sink's position on " + TOPIC + " after 3 events and 2 snapshot markers (GET offsets)", this::sinkPosition,
                Long.valueOf(5)::equals);

        expectStatus(rest.put("connectors/" + SOURCE + "/stop", null), 202, 204);
        awaitState(SOURCE, "STOPPED");

        Map<String, String> otherServer = new LinkedHashMap<>(TABLE_PARTITION);
        otherServer.put("server", "other");
        ConnectRest.Response refused = rest.patch("connectors/" + SOURCE + "/offsets", Map.of("offsets", List.of(
                Map.of("partition", otherServer, "offset", Map.of("phase", "incremental", "version", 1)))));
        // Every version answers 500 when the connector's alterOffsets refuses, with the connector's message.
        assertThat(refused.status()).as("the connector's alterOffsets refuses another server: " + refused).isEqualTo(500);
        assertThat(refused.body()).as(refused.toString()).contains("topic.prefix is 'erp'");

        Map<String, Object> resnapshot = new LinkedHashMap<>();
        resnapshot.put("partition", TABLE_PARTITION);
        resnapshot.put("offset", null);
        expectStatus(rest.patch("connectors/" + SOURCE + "/offsets", Map.of("offsets", List.of(resnapshot))), 200);
        assertThat(offsetOf(SOURCE, TABLE_PARTITION)).as("offset of dbo.items after PATCH with a null offset").isNull();
        expectStatus(rest.delete("connectors/" + SOURCE + "/offsets"), 200);
        JsonNode afterDelete = rest.get("connectors/" + SOURCE + "/offsets").json();
        assertThat(afterDelete.path("offsets")).as("offsets after DELETE: " + afterDelete).isEmpty();

        expectStatus(rest.put("connectors/" + SOURCE + "/resume", null), 202);
        awaitState(SOURCE, "RUNNING");
        await("the re-snapshot's 3 events and 2 markers read by the sink (its position 10)", this::sinkPosition,
                Long.valueOf(10)::equals);
        assertThat(target.rows("items")).as("the version gate keeps the re-snapshot from changing rows").isEqualTo(MODEL_ROWS);
    }

    void pluginMetricsWhereTheWorkerHasThem(int jmxPort) throws Exception {
        PluginMetricsProbe probe = new PluginMetricsProbe(jmxPort);
        if (MatrixVersions.hasPluginMetrics(version)) {
            await("the sink's plugin metric upsert-total over JMX", () -> probe.sum(SINK, "upsert-total"),
                    total -> total != null && total >= 3);
        } else {
            assertThat(probe.beans(SINK)).as("no plugin metrics before Kafka 4.1").isEmpty();
            awaitState(SINK, "RUNNING");
        }
    }

    private static String modelFactory() {
        String factory = System.getProperty("ctsync.source.model.factory");
        if (factory == null || factory.isBlank()) {
            throw new IllegalStateException("System property ctsync.source.model.factory is not set: run through Maven");
        }
        return factory;
    }

    private Long sinkPosition() throws Exception {
        JsonNode offset = offsetOf(SINK, Map.of("kafka_topic", TOPIC, "kafka_partition", 0));
        return offset == null ? null : offset.path("kafka_offset").asLong();
    }

    private JsonNode offsetOf(String connector, Map<String, ?> partition) throws Exception {
        ConnectRest.Response response = rest.get("connectors/" + connector + "/offsets");
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        JsonNode wanted = ConnectRest.JSON.valueToTree(partition);
        for (JsonNode entry : response.json().path("offsets")) {
            if (entry.path("partition").equals(wanted)) {
                return entry.path("offset");
            }
        }
        return null;
    }

    private void awaitState(String connector, String state) throws Exception {
        await(connector + " and its task " + state, () -> rest.get("connectors/" + connector + "/status"), status -> {
            JsonNode body = status.json();
            failOnFailedTask(connector, body);
            boolean tasksAgree = state.equals("STOPPED") ? body.path("tasks").isEmpty()
                    : body.path("tasks").size() == 1 && state.equals(body.path("tasks").get(0).path("state").asText());
            return state.equals(body.path("connector").path("state").asText()) && tasksAgree;
        });
    }

    private static void failOnFailedTask(String connector, JsonNode status) {
        if ("FAILED".equals(status.path("connector").path("state").asText())) {
            throw new AssertionError(connector + " FAILED: " + status.path("connector").path("trace").asText());
        }
        for (JsonNode task : status.path("tasks")) {
            if ("FAILED".equals(task.path("state").asText())) {
                throw new AssertionError(connector + " task FAILED: " + task.path("trace").asText());
            }
        }
    }

    private static List<String> errorsOf(JsonNode validation, String option) {
        for (JsonNode config : validation.path("configs")) {
            if (option.equals(config.path("value").path("name").asText())) {
                return ConnectRest.JSON.convertValue(config.path("value").path("errors"),
                        ConnectRest.JSON.getTypeFactory().constructCollectionType(List.class, String.class));
            }
        }
        throw new AssertionError("validation lists no option " + option + ": " + validation);
    }

    private static void expectStatus(ConnectRest.Response response, Integer... accepted) {
        assertThat(response.status()).as(response.toString()).isIn((Object[]) accepted);
    }

    /** Polls until the condition holds; a failed task or connector ends the wait at once (AssertionError). */
    private static <T> void await(String what, Callable<T> value, Predicate<T> condition) {
        Object[] last = {null};
        try {
            Awaitility.await(what).atMost(WAIT).pollInterval(Duration.ofMillis(250))
                    .ignoreExceptionsMatching(e -> !(e instanceof AssertionError)).until(() -> {
                        T current = value.call();
                        last[0] = current;
                        return condition.test(current);
                    });
        } catch (ConditionTimeoutException e) {
            throw new AssertionError("Waited " + WAIT.toSeconds() + " s for " + what + "; last seen: " + last[0], e);
        }
    }
}
