package io.ctsync.launcher;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A child JVM on the launcher's own class path, its output in {@code <logs>/<name>.log}. */
final class ChildJava {

    private ChildJava() {
    }

    static Process start(List<String> mainAndArgs, Path logs, String name) {
        return start(mainAndArgs, logs, name, true);
    }

    /** With {@code outputToLog} false the caller reads the child's standard output; its errors go to the log. */
    static Process start(List<String> mainAndArgs, Path logs, String name, boolean outputToLog) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx512m");
        command.add("-XX:+UseSerialGC");
        command.add("-Dctsync.log.dir=" + logs);
        command.add("-Dctsync.log.name=" + name);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(mainAndArgs);
        try {
            ProcessBuilder builder = new ProcessBuilder(command);
            if (outputToLog) {
                builder.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".out").toFile()));
            } else {
                builder.redirectError(ProcessBuilder.Redirect.appendTo(logs.resolve(name + ".out").toFile()));
            }
            return builder.start();
        } catch (IOException e) {
            throw new LaunchFailure("Cannot start " + mainAndArgs.get(0) + ": " + e.getMessage(), e);
        }
    }
}
