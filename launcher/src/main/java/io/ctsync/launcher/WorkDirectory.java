package io.ctsync.launcher;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Everything one launcher command keeps: broker data, logs, plugin.path, connector JSON, targets, simulation state. */
public record WorkDirectory(Path root) {

    public static WorkDirectory prepare(Path root, boolean reset) {
        if (reset) {
            delete(root);
        }
        try {
            Files.createDirectories(root.resolve("logs"));
            Files.createDirectories(root.resolve("connectors"));
        } catch (IOException e) {
            throw new LaunchFailure("Cannot create the work directory " + root + ": " + e.getMessage(), e);
        }
        return new WorkDirectory(root);
    }

    public Path kafkaData() {
        return root.resolve("kafka");
    }

    public Path logs() {
        return root.resolve("logs");
    }

    public Path plugins() {
        return root.resolve("plugins");
    }

    public Path connectors() {
        return root.resolve("connectors");
    }

    public Path simulation() {
        return root.resolve("simulation");
    }

    /** True when an earlier start left broker data: the connectors resume from their anchors. */
    public boolean hasEarlierRun() {
        return Files.exists(kafkaData().resolve("data").resolve("meta.properties"));
    }

    static void delete(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> files = Files.walk(directory)) {
            files.sorted(Comparator.reverseOrder()).forEach(file -> {
                try {
                    Files.delete(file);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            throw new LaunchFailure("Cannot delete " + directory + ": " + e.getMessage(), e);
        }
    }
}
