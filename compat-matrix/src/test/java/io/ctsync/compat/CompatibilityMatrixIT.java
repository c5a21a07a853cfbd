package io.ctsync.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both packaged plugins on a real Kafka broker and Connect worker of every version of the matrix
 * ({@link MatrixVersions}), each version started once as child JVMs from its own plain jars, all checks run, then
 * stopped. A failure names the worker version and the check, and quotes the worker's log.
 */
class CompatibilityMatrixIT {

    private static final Map<String, Long> SECONDS_PER_VERSION = new LinkedHashMap<>();
    private static Path workDirectory;
    private static String pluginPath;

    @BeforeAll
    static void preparePluginPath() throws IOException {
        workDirectory = Path.of(System.getProperty("ctsync.work.dir"));
        deleteTree(workDirectory);
        Files.createDirectories(workDirectory);
        pluginPath = PluginDirectories.prepare(workDirectory);
    }

    static Stream<String> versions() {
        return MatrixVersions.all().stream();
    }

    @ParameterizedTest(name = "Kafka Connect {0}")
    @MethodSource("versions")
    void thePluginsWorkOnThisWorker(String version) throws Exception {
        long started = System.nanoTime();
        Path library = MatrixVersions.libraryOf(version);
        Path directory = Files.createDirectories(workDirectory.resolve("kafka-" + version));
        try (KafkaBroker broker = startBroker(version, library, directory);
             ConnectWorker worker = ConnectWorker.start(version, library, broker.bootstrapServers(), pluginPath,
                     directory)) {
            Check check = new Check(version, worker);
            check.step("broker start", broker::awaitListening);
            check.step("start and list both plugins",
                    () -> worker.awaitPlugins(Set.of(WorkerChecks.SOURCE_CLASS, WorkerChecks.SINK_CLASS)));
            WorkerChecks checks = new WorkerChecks(version, worker.rest(),
                    new SqliteTarget("jdbc:sqlite:" + directory.resolve("target.db")));
            check.step("GET / reports the version", checks::workerReportsItsVersion);
            check.step("GET /connector-plugins", checks::bothPluginsListedWithTheBuildVersion);
            check.step("validate the source", checks::sourceValidationNamesTheOptionToFix);
            check.step("validate the sink", checks::sinkValidationRunsItsCrossFieldRules);
            check.step("run the source against the model", checks::sourceRunsAgainstTheModel);
            check.step("run the sink into SQLite", checks::sinkAppliesTheSourceEventsIntoSqlite);
            check.step("offsets API (GET, PATCH, DELETE)", checks::offsetsReadRewoundAndReset);
            check.step("plugin metrics (4.1+) or none", () -> checks.pluginMetricsWhereTheWorkerHasThem(worker.jmxPort()));
        } finally {
            long seconds = (System.nanoTime() - started) / 1_000_000_000L;
            SECONDS_PER_VERSION.put(version, seconds);
            System.out.printf("Kafka Connect %s: %d s (broker and worker start, all checks, stop)%n", version, seconds);
        }
    }

    @AfterAll
    static void printTimes() {
        long total = SECONDS_PER_VERSION.values().stream().mapToLong(Long::longValue).sum();
        System.out.println("Compatibility matrix: " + SECONDS_PER_VERSION + " s, total " + total + " s");
    }

    private static KafkaBroker startBroker(String version, Path library, Path directory) {
        try {
            return KafkaBroker.start(version, library, directory);
        } catch (Exception e) {
            throw new AssertionError("Kafka " + version + " broker did not start: " + e.getMessage(), e);
        }
    }

    /** Runs a check, turning its failure into one naming the worker version and the check, with the worker's log. */
    private record Check(String version, ConnectWorker worker) {

        interface Step {
            void run() throws Exception;
        }

        void step(String what, Step step) {
            try {
                step.run();
            } catch (Throwable e) {
                throw new AssertionError("Kafka Connect " + version + " worker, " + what + ": " + e.getMessage() + "\n"
                        + worker.jvm().tail(40), e);
            }
        }
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
                Files.delete(file);
            }
        }
    }
}
