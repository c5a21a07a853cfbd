package io.ctsync.compat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The Kafka versions the matrix proves: the pom's {@code compat.kafka.versions}, handed to the tests as a system
 * property. Each has a module {@code workers/kafka-<version>} whose build copies that version's jars to
 * {@code target/lib}.
 */
final class MatrixVersions {

    private MatrixVersions() {
    }

    static List<String> all() {
        String list = System.getProperty("ctsync.compat.versions", "");
        if (list.isBlank()) {
            throw new IllegalStateException("System property ctsync.compat.versions is not set: run through Maven");
        }
        return Arrays.stream(list.split(",")).map(String::trim).toList();
    }

    static Path workersDirectory() {
        return Path.of(System.getProperty("ctsync.compat.workers.dir"));
    }

    /** The class path directory of one version's broker and worker, as its worker module copied it. */
    static Path libraryOf(String version) {
        Path lib = workersDirectory().resolve("kafka-" + version).resolve("target").resolve("lib");
        if (!Files.isDirectory(lib)) {
            throw new IllegalStateException("No jars for Kafka " + version + " in " + lib + ": add module workers/kafka-"
                    + version + " (listed in workers/pom.xml and as a dependency of compat-matrix) and build it");
        }
        return lib;
    }

    /** Plugin metrics (KIP-877) need a 4.1+ worker. */
    static boolean hasPluginMetrics(String version) {
        return compare(version, "4.1.0") >= 0;
    }

    static int compare(String left, String right) {
        int[] a = Arrays.stream(left.split("\\.")).mapToInt(Integer::parseInt).toArray();
        int[] b = Arrays.stream(right.split("\\.")).mapToInt(Integer::parseInt).toArray();
        for (int i = 0; i < Math.max(a.length, b.length); i++) {
            int difference = Integer.compare(i < a.length ? a[i] : 0, i < b.length ? b[i] : 0);
            if (difference != 0) {
                return difference;
            }
        }
        return 0;
    }
}
