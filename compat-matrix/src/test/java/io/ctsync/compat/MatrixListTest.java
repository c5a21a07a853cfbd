package io.ctsync.compat;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The matrix's version list (the pom's {@code compat.kafka.versions}) is the one truth: the README states exactly
 * those versions as proven, and each has its worker module, built before the tests.
 */
class MatrixListTest {

    private static final String README_MARKER = "Workers proven in CI";
    private static final Pattern VERSION = Pattern.compile("\\b\\d+\\.\\d+\\.\\d+\\b");

    @Test
    void theReadmeStatesExactlyTheVersionsTheMatrixRuns() throws IOException {
        Path readme = Path.of(System.getProperty("ctsync.readme"));
        List<String> lines = Files.readAllLines(readme).stream().filter(line -> line.contains(README_MARKER)).toList();
        assertThat(lines).as("one line of %s says '%s: <versions>'", readme, README_MARKER).hasSize(1);

        assertThat(versionsIn(lines.get(0))).as("versions on the README's line: %s", lines.get(0))
                .isEqualTo(MatrixVersions.all());
    }

    @Test
    void everyVersionHasItsWorkerModuleAndEveryWorkerModuleIsInTheList() throws IOException {
        List<String> versions = MatrixVersions.all();
        Path workers = MatrixVersions.workersDirectory();
        try (Stream<Path> children = Files.list(workers)) {
            assertThat(children.filter(Files::isDirectory).map(path -> path.getFileName().toString())
                    .filter(name -> name.startsWith("kafka-")).map(name -> name.substring("kafka-".length())).sorted()
                    .toList()).as("directories %s/kafka-*", workers).isEqualTo(versions.stream().sorted().toList());
        }
        String aggregator = Files.readString(workers.resolve("pom.xml"));
        String matrix = Files.readString(workers.resolveSibling("pom.xml"));
        for (String version : versions) {
            assertThat(aggregator).as("workers/pom.xml lists the module of %s", version)
                    .contains("<module>kafka-" + version + "</module>");
            assertThat(Files.readString(workers.resolve("kafka-" + version).resolve("pom.xml")))
                    .as("workers/kafka-%s/pom.xml resolves Kafka %s", version, version)
                    .contains("<worker.kafka.version>" + version + "</worker.kafka.version>");
            assertThat(matrix).as("compat-matrix depends on the worker module of %s (build order)", version)
                    .contains("<artifactId>ctsync-compat-worker-kafka-" + version + "</artifactId>");
        }
    }

    private static List<String> versionsIn(String line) {
        Matcher matcher = VERSION.matcher(line);
        List<String> found = new ArrayList<>();
        while (matcher.find()) {
            found.add(matcher.group());
        }
        return found;
    }
}
