package io.ctsync.testkit.connect;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorStateInfo;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.apache.kafka.connect.util.clusters.WorkerHandle;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.awaitility.Awaitility;

/**
 * A real Kafka (KRaft) broker and Connect worker(s) in this JVM, from Kafka's own {@link EmbeddedConnectCluster},
 * started once per test class. Our connectors are on the test class path and found through their
 * {@code META-INF/services} manifests ({@code plugin.discovery=service_load}), which also proves the manifests.
 *
 * <pre>{@code @RegisterExtension static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();}</pre>
 */
public final class ConnectClusterExtension implements BeforeAllCallback, AfterAllCallback {

    /** Workers convert with JSON and schemas unless a connector says otherwise. */
    private static final Map<String, String> DEFAULT_WORKER_PROPS = Map.of(
            "plugin.discovery", "service_load",
            "key.converter", "org.apache.kafka.connect.json.JsonConverter",
            "value.converter", "org.apache.kafka.connect.json.JsonConverter",
            "key.converter.schemas.enable", "true",
            "value.converter.schemas.enable", "true",
            "offset.flush.interval.ms", "500",
            "scheduled.rebalance.max.delay.ms", "2000");

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final Map<String, String> workerProps = new HashMap<>(DEFAULT_WORKER_PROPS);
    private final Properties brokerProps = new Properties();
    private int workers = 1;
    private EmbeddedConnectCluster cluster;

    private ConnectClusterExtension() {
    }

    public static ConnectClusterExtension create() {
        return new ConnectClusterExtension();
    }

    public ConnectClusterExtension workers(int count) {
        this.workers = count;
        return this;
    }

    public ConnectClusterExtension workerProperty(String name, String value) {
        workerProps.put(name, value);
        return this;
    }

    public ConnectClusterExtension brokerProperty(String name, String value) {
        brokerProps.put(name, value);
        return this;
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        brokerProps.putIfAbsent("auto.create.topics.enable", "true");
        cluster = new EmbeddedConnectCluster.Builder()
                .name("ctsync-" + context.getRequiredTestClass().getSimpleName())
                .numWorkers(workers)
                .numBrokers(1)
                .workerProps(workerProps)
                .brokerProps(brokerProps)
                .build();
        cluster.start();
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (cluster != null) {
            cluster.stop();
            cluster = null;
        }
    }

    public EmbeddedConnectCluster cluster() {
        if (cluster == null) {
            throw new IllegalStateException("The Connect cluster is not running: register ConnectClusterExtension "
                    + "as a static @RegisterExtension field");
        }
        return cluster;
    }

    public String bootstrapServers() {
        return cluster().kafka().bootstrapServers();
    }

    /**
     * Calls the worker's REST API ({@code path} relative to the root, e.g. {@code connectors/x/offsets}) and
     * returns the status code and body, for what the embedded cluster's typed helpers do not cover.
     */
    public RestResponse rest(String method, String path, String jsonBody) {
        HttpRequest.BodyPublisher body = jsonBody == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(jsonBody);
        HttpRequest request = HttpRequest.newBuilder(URI.create(cluster().endpointForResource(path)))
                .header("Content-Type", "application/json")
                .method(method, body)
                .timeout(Duration.ofSeconds(60))
                .build();
        try {
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            return new RestResponse(response.statusCode(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted during " + method + " " + path, e);
        }
    }

    public RestResponse restGet(String path) {
        return rest("GET", path, null);
    }

    /** A REST answer of the worker. */
    public record RestResponse(int status, String body) {
    }

    /** Creates (or updates) a connector and waits until it and {@code tasks} tasks run. */
    public void startConnector(String name, Map<String, String> config, int tasks) throws InterruptedException {
        cluster().configureConnector(name, config);
        awaitRunning(name, tasks);
    }

    public void awaitRunning(String name, int tasks) throws InterruptedException {
        cluster().assertions().assertConnectorAndExactlyNumTasksAreRunning(name, tasks,
                "Connector " + name + " did not reach RUNNING with " + tasks + " task(s): " + statusOrError(name));
    }

    /** Waits until the connector's first task has FAILED and returns its trace. */
    public String awaitTaskFailure(String name, Duration timeout) {
        return Awaitility.await("task 0 of " + name + " to fail").atMost(timeout).pollInterval(Duration.ofMillis(200))
                .until(() -> failedTrace(name), trace -> trace != null);
    }

    /**
     * Stops every worker and starts the same number of new ones on the same Kafka cluster. Connector configs,
     * source offsets and consumer group offsets live in Kafka and survive; everything in worker memory does not.
     */
    public void restartWorkers() throws InterruptedException {
        List<WorkerHandle> running = new ArrayList<>(cluster().workers());
        for (WorkerHandle worker : running) {
            cluster().removeWorker(worker);
        }
        for (int i = 0; i < running.size(); i++) {
            cluster().addWorker();
        }
        cluster().assertions().assertExactlyNumWorkersAreUp(running.size(), "Workers did not come back after a restart");
    }

    /**
     * The worker that runs the given task now (by its REST port, which the status reports as worker id), or null
     * while the task is unassigned.
     */
    public WorkerHandle workerRunning(String connector, int task) {
        ConnectorStateInfo status = cluster().connectorStatus(connector);
        String workerId = status.tasks().stream().filter(t -> t.id() == task).map(ConnectorStateInfo.TaskState::workerId)
                .findFirst().orElse(null);
        if (workerId == null) {
            return null;
        }
        String port = workerId.substring(workerId.lastIndexOf(':') + 1);
        return cluster().workers().stream().filter(w -> Integer.toString(w.url().getPort()).equals(port)).findFirst()
                .orElse(null);
    }

    /**
     * Stops one worker, as an operator's kill would (its tasks stop without a goodbye to the others, who take them over
     * after {@code scheduled.rebalance.max.delay.ms}), and returns the REST ports of the workers left.
     */
    public List<Integer> killWorker(WorkerHandle worker) {
        cluster().removeWorker(worker);
        return cluster().workers().stream().map(w -> w.url().getPort()).toList();
    }

    /** Starts one more worker in the cluster and waits until the cluster has {@code expected} workers up. */
    public void addWorker(int expected) throws InterruptedException {
        cluster().addWorker();
        cluster().assertions().assertExactlyNumWorkersAreUp(expected, "Worker did not join the cluster");
    }

    /** Stops the Kafka broker(s); workers and connectors stay up and retry. */
    public void stopBrokers() {
        cluster().kafka().stopOnlyBrokers();
    }

    /** Starts the stopped Kafka broker(s) again on the same ports and data. */
    public void restartBrokers() {
        cluster().kafka().restartOnlyBrokers();
    }

    /** Reads at least {@code count} records from the topics (from the beginning), or fails after the timeout. */
    public List<ConsumerRecord<byte[], byte[]>> consume(int count, Duration timeout, String... topics) {
        ConsumerRecords<byte[], byte[]> records = cluster().kafka().consume(count, timeout.toMillis(), topics);
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    /** Reads every record currently in the topics (up to their end offsets at the time of the call). */
    public List<ConsumerRecord<byte[], byte[]>> consumeAll(Duration timeout, String... topics) throws Exception {
        ConsumerRecords<byte[], byte[]> records = cluster().kafka().consumeAll(timeout.toMillis(), topics);
        List<ConsumerRecord<byte[], byte[]>> list = new ArrayList<>(records.count());
        records.forEach(list::add);
        return list;
    }

    private String failedTrace(String name) {
        try {
            ConnectorStateInfo status = cluster().connectorStatus(name);
            return status.tasks().stream().filter(t -> "FAILED".equals(t.state())).map(ConnectorStateInfo.TaskState::trace)
                    .findFirst().orElse(null);
        } catch (RuntimeException e) {
            return null;
        }
    }

    private String statusOrError(String name) {
        try {
            ConnectorStateInfo status = cluster().connectorStatus(name);
            StringBuilder out = new StringBuilder("connector ").append(status.connector().state());
            if (status.connector().trace() != null) {
                out.append(" (").append(status.connector().trace()).append(')');
            }
            status.tasks().forEach(t -> out.append(", task ").append(t.id()).append(' ').append(t.state())
                    .append(t.trace() == null ? "" : " (" + t.trace() + ")"));
            return out.toString();
        } catch (RuntimeException e) {
            return "status unavailable: " + e.getMessage();
        }
    }
}
