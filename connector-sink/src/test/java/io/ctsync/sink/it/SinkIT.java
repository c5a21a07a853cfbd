package io.ctsync.sink.it;

import io.ctsync.sink.testing.Await;
import io.ctsync.sink.testing.Target;
import io.ctsync.sink.testing.TopicProducer;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every sink test through the embedded worker shares: one real Kafka + Connect cluster per test class, a real
 * producer, the target database, and the connectors a test created (deleted after it).
 */
public abstract class SinkIT {

    @RegisterExtension
    protected static final ConnectClusterExtension CONNECT = ConnectClusterExtension.create();

    protected Target target;
    protected TopicProducer producer;
    private final List<String> connectors = new ArrayList<>();

    protected abstract TestDatabase database();

    @BeforeEach
    void openSinkTest() {
        target = new Target(database());
        producer = new TopicProducer(CONNECT);
    }

    @AfterEach
    void closeSinkTest() {
        producer.close();
        connectors.forEach(CONNECT.cluster()::deleteConnector);
        connectors.clear();
    }

    /** A sink of {@code topic} into {@code table}. */
    protected Map<String, String> config(String topic, String table) {
        Map<String, String> config = target.sinkConfig(topic);
        config.put("table.name.format", table);
        return config;
    }

    /** Creates the connector and waits until its task runs. */
    protected void start(String name, Map<String, String> config) throws InterruptedException {
        connectors.add(name);
        CONNECT.startConnector(name, config, 1);
    }

    /** Creates the connector and returns the first cause in its failed task's trace: what an operator reads. */
    protected String failure(String name, Map<String, String> config) {
        connectors.add(name);
        CONNECT.cluster().configureConnector(name, config);
        String trace = CONNECT.awaitTaskFailure(name, Duration.ofSeconds(60));
        String cause = trace.lines().filter(l -> l.startsWith("Caused by: ")).findFirst().orElse(trace);
        System.out.println("FAILURE OF " + name + ": " + cause);
        return cause;
    }

    /**
     * Creates a topic and waits until every partition has a leader: a producer sending at once can otherwise meet a
     * broker that does not lead the new partition yet, and its retries then fail on sequence numbers.
     */
    protected static void createTopic(String topic, int partitions) {
        CONNECT.cluster().kafka().createTopic(topic, partitions);
        Await.value("every partition of " + topic + " has a leader", () -> CONNECT.cluster().kafka().describeTopics(topic)
                .get(topic), description -> description.isPresent() && description.get().partitions().size() == partitions
                && description.get().partitions().stream().allMatch(p -> p.leader() != null && p.leader().id() >= 0));
    }

    /** Creates the connector without waiting for its tasks (it is deleted after the test). */
    protected void create(String name, Map<String, String> config) {
        connectors.add(name);
        CONNECT.cluster().configureConnector(name, config);
    }

    protected void delete(String name) {
        CONNECT.cluster().deleteConnector(name);
        connectors.remove(name);
    }
}
