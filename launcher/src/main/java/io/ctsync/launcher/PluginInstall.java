package io.ctsync.launcher;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * Fills the worker's plugin.path with copies of the packaged plugin directories, as an operator installs them. For
 * the demo the source's copy also gets the simulated SQL Server's jar: the connector reaches the simulation through
 * its internal option {@code ctsync.database.factory}, from its own class loader (as the compatibility matrix runs it).
 */
final class PluginInstall {

    static final String SOURCE_DIRECTORY = "ctsync-sqlserver-ct-source";
    static final String SINK_DIRECTORY = "ctsync-jdbc-sink";

    private PluginInstall() {
    }

    static void install(Path repository, Path pluginPath, boolean withSimulator) {
        Path source = packaged(repository.resolve("connector-source/target/plugin").resolve(SOURCE_DIRECTORY));
        Path sink = packaged(repository.resolve("connector-sink/target/plugin").resolve(SINK_DIRECTORY));
        WorkDirectory.delete(pluginPath);
        try {
            copyTree(source, pluginPath.resolve(SOURCE_DIRECTORY));
            copyTree(sink, pluginPath.resolve(SINK_DIRECTORY));
            if (withSimulator) {
                Path jar = simulatorJar(repository.resolve("ct-simulator/target"));
                Files.copy(jar, pluginPath.resolve(SOURCE_DIRECTORY).resolve("lib").resolve(jar.getFileName()));
            }
        } catch (IOException e) {
            throw new LaunchFailure("Cannot copy the plugins into " + pluginPath + ": " + e.getMessage(), e);
        }
    }

    private static Path packaged(Path directory) {
        if (!Files.isDirectory(directory.resolve("lib"))) {
            throw new LaunchFailure("No packaged plugin at " + directory + ": build it with "
                    + "mvn -B -ntp package -DskipTests -pl launcher -am (./ctsync does on first use)");
        }
        return directory;
    }

    private static Path simulatorJar(Path target) throws IOException {
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().matches("ctsync-ct-simulator-.*\\.jar")).findFirst()
                    .orElseThrow(() -> new LaunchFailure("No simulator jar in " + target + ": build it with "
                            + "mvn -B -ntp package -DskipTests -pl launcher -am"));
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
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
    }
}
