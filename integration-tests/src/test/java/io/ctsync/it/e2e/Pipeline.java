package io.ctsync.it.e2e;

import io.ctsync.sink.JdbcSinkConnector;
import io.ctsync.source.ChangeTrackingSourceConnector;
import io.ctsync.source.ctmodel.ChangeTrackingModel;
import io.ctsync.testkit.connect.ConnectClusterExtension;
import io.ctsync.testkit.db.TestDatabase;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One source database (by default a simulated SQL Server named after the scenario), its workload, the source connector reading
 * it into topics of {@value #PARTITIONS} partitions and the sink connector applying them to the target database, both
 * with {@value #TASKS} tasks on the shared Connect cluster.
 */
final class Pipeline {

    static final int PARTITIONS = 3;
    static final int TASKS = 3;
    static final String TOPIC_PREFIX = "e2e";

    private final ConnectClusterExtension connect;
    private final String name;
    private final long seed;
    private final SourceTables tables;
    private final Workload workload;
    private final TargetTables target;
    private final Map<String, String> sourceOverrides = new HashMap<>();
    private final Map<String, String> sinkOverrides = new HashMap<>();
    private final Map<String, Predicate<Map<String, Object>>> kept = new HashMap<>();

    /** A pipeline from the simulated SQL Server, a model named {@code name}. */
    Pipeline(ConnectClusterExtension connect, TestDatabase targetDatabase, String name, long seed) {
        this(connect, new ModelSource(name), targetDatabase, name, seed);
    }

    /** A pipeline from {@code source}, a database whose name (as the source connector reports it) is {@code name}. */
    Pipeline(ConnectClusterExtension connect, SourceDatabase source, TestDatabase targetDatabase, String name, long seed) {
        this.connect = connect;
        this.name = name;
        this.seed = seed;
        this.tables = SourceTables.create(source);
        this.workload = new Workload(tables, seed);
        this.target = new TargetTables(targetDatabase, name);
        target.createRelatedTables();
    }

    String name() {
        return name;
    }

    long seed() {
        return seed;
    }

    /** The simulated SQL Server this pipeline reads, for fault injection and version checks. */
    ChangeTrackingModel model() {
        if (tables.database() instanceof ModelSource model) {
            return model.model();
        }
        throw new IllegalStateException(name + " reads a real SQL Server, not the model");
    }

    SourceTables tables() {
        return tables;
    }

    Workload workload() {
        return workload;
    }

    TargetTables target() {
        return target;
    }

    String source() {
        return name + "-source";
    }

    String sink() {
        return name + "-sink";
    }

    String topic(String table) {
        return TOPIC_PREFIX + "." + name + "." + SourceTables.SCHEMA + "." + table;
    }

    List<String> topics() {
        return tables.tables().stream().map(this::topic).toList();
    }

    Pipeline sourceOption(String option, String value) {
        sourceOverrides.put(option, value);
        return this;
    }

    Pipeline sinkOption(String option, String value) {
        sinkOverrides.put(option, value);
        return this;
    }

    /**
     * The source rows of {@code table} the target should hold from now on: those {@code keep} accepts, the row filter
     * of the source connector ({@code table.filter.*}) written in Java for the comparison.
     */
    Pipeline expectRows(String table, Predicate<Map<String, Object>> keep) {
        kept.put(table, keep);
        return this;
    }

    Map<String, String> sourceConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", ChangeTrackingSourceConnector.class.getName());
        config.put("tasks.max", Integer.toString(TASKS));
        config.putAll(tables.database().connectorOptions());
        config.put("topic.prefix", TOPIC_PREFIX);
        config.put("poll.interval.ms", "50");
        config.put("heartbeat.interval.ms", "500");
        config.put("table.monitor.interval.ms", "1000");
        config.put("snapshot.chunk.rows", "100");
        config.put("batch.max.rows", "500");
        config.put("retry.backoff.ms", "200");
        config.put("max.retries", "50");
        config.put("topic.creation.default.partitions", Integer.toString(PARTITIONS));
        config.put("topic.creation.default.replication.factor", "1");
        config.putAll(sourceOverrides);
        return config;
    }

    Map<String, String> sinkConfig() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", JdbcSinkConnector.class.getName());
        config.put("tasks.max", Integer.toString(TASKS));
        config.put("topics", String.join(",", topics()));
        config.put("connection.url", target.sinkUrl());
        TestDatabase db = target.db();
        if (db.user() != null) {
            config.put("connection.user", db.user());
        }
        if (db.password() != null) {
            config.put("connection.password", db.password());
        }
        config.put("table.name.format", "${source.db}_${source.table}");
        config.put("retry.backoff.ms", "200");
        config.put("max.retries", "50");
        config.put("consumer.override.auto.offset.reset", "earliest");
        config.put("consumer.override.max.poll.records", "500");
        // A record the database refuses goes to the dead-letter topic instead of failing the task; each scenario
        // reports how many did, and the comparison proves whether any was needed.
        config.put("errors.tolerance", "all");
        config.put("errors.deadletterqueue.topic.name", deadLetterTopic());
        config.put("errors.deadletterqueue.topic.replication.factor", "1");
        config.putAll(sinkOverrides);
        return config;
    }

    String deadLetterTopic() {
        return TOPIC_PREFIX + "." + name + ".dead-letters";
    }

    /** Records on the sink's dead-letter topic now. */
    long deadLetters() {
        try (var admin = connect.cluster().kafka().createAdminClient()) {
            if (!admin.listTopics().names().get().contains(deadLetterTopic())) {
                return 0;
            }
            return connect.consumeAll(Duration.ofSeconds(30), deadLetterTopic()).size();
        } catch (Exception e) {
            throw new IllegalStateException("Cannot read " + deadLetterTopic(), e);
        }
    }

    /** Records the sink's tasks hold parked for a missing parent now (their plugin metric). */
    long parkedRecords() {
        try {
            return SinkMetrics.total(sink(), "parked-records");
        } catch (Exception e) {
            return -1;
        }
    }

    /** Starts the source, waits until it created every topic, then starts the sink (so no topic is auto-created). */
    void start() throws InterruptedException {
        connect.startConnector(source(), sourceConfig(), TASKS);
        awaitTopics();
        connect.startConnector(sink(), sinkConfig(), TASKS);
    }

    void awaitTopics() {
        Awaitility.await("the topics of " + name).atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .ignoreExceptions().until(() -> connect.cluster().kafka().describeTopics(topics().toArray(String[]::new))
                        .values().stream().allMatch(Optional::isPresent));
    }

    /**
     * Waits until the target equals the source and returns how long that took; fails naming the first difference,
     * the seed and what the workload did.
     */
    Duration awaitConvergence(Duration timeout) {
        TableComparison comparison = new TableComparison(tables, target, kept);
        AtomicReference<String> last = new AtomicReference<>("not compared yet");
        long start = System.nanoTime();
        try {
            Awaitility.await("target equals source").atMost(timeout).pollInterval(Duration.ofMillis(500))
                    .pollDelay(Duration.ZERO).until(() -> {
                        Optional<String> difference;
                        try {
                            difference = comparison.firstDifference();
                        } catch (java.sql.SQLException e) {
                            // e.g. SQLite busy under the sink's writes, or the target restarting: compare again
                            difference = Optional.of("reading the target failed: " + e.getMessage());
                        }
                        last.set(difference.orElse(null));
                        return difference.isEmpty();
                    });
        } catch (ConditionTimeoutException e) {
            System.out.println("E2E " + name + ": did not converge (seed " + seed + "): " + last.get());
            throw new AssertionError("The target did not converge to the source within " + timeout + " (seed " + seed
                    + ", rerun with -Dctsync.e2e.seed=" + seed + "): " + last.get() + "; source rows "
                    + comparison.sourceRowCounts() + "; workload " + workload.summary(), e);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        System.out.printf("E2E %s: converged %d ms after the workload ended; source rows %s; %d dead letters, %d records "
                + "still parked; workload %s%n", name, took.toMillis(), comparison.sourceRowCounts(), deadLetters(),
                parkedRecords(), workload.summary());
        return took;
    }

    void delete() {
        for (String connector : List.of(sink(), source())) {
            try {
                connect.cluster().deleteConnector(connector);
            } catch (RuntimeException e) {
                // already gone
            }
        }
    }
}
