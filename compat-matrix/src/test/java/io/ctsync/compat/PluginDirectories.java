package io.ctsync.compat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/**
 * The {@code plugin.path} every worker of the matrix gets: the sink's packaged directory as built, and a copy of the
 * source's packaged directory with the in-memory Change Tracking model added to its {@code lib/} (where the connector's
 * own class loader finds it through {@code ctsync.database.factory}), so the source runs without SQL Server.
 */
final class PluginDirectories {

    private PluginDirectories() {
    }

    /** Builds the directories once under {@code workDirectory}; returns the comma-separated plugin.path. */
    static String prepare(Path workDirectory) throws IOException {
        Path packagedSource = existing("ctsync.source.plugin");
        Path modelJar = existing("ctsync.source.model.jar");
        Path sinkPlugins = existing("ctsync.sink.plugin.path");
        Path sourcePlugins = workDirectory.resolve("plugin-path-with-model");
        Path source = copyTree(packagedSource, sourcePlugins.resolve(packagedSource.getFileName().toString()));
        Files.copy(modelJar, source.resolve("lib").resolve(modelJar.getFileName().toString()),
                StandardCopyOption.REPLACE_EXISTING);
        return sourcePlugins + "," + sinkPlugins;
    }

    private static Path existing(String property) {
        String value = System.getProperty(property);
        if (value == null || !Files.exists(Path.of(value))) {
            throw new IllegalStateException(property + " (" + value + ") does not exist: build the connector modules "
                    + "first (mvn -pl compat-matrix -am verify)");
        }
        return Path.of(value);
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
}
