package io.ctsync.compat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A Java main class of one Kafka version in a JVM of its own: the class path is that version's jars only, as in its
 * distribution's {@code libs/}. Output goes to a log file, whose tail failure messages quote.
 */
final class ChildJvm implements AutoCloseable {

    private static final List<String> JVM_OPTIONS = List.of(
            // Short-lived processes on a small shared machine: C1 only starts fastest, serial GC uses one core.
            "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xms64m", "-Xmx512m");

    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    static ChildJvm start(String name, Path library, List<String> systemProperties, String mainClass,
            List<String> arguments, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(JVM_OPTIONS);
        command.addAll(systemProperties);
        command.add("-cp");
        command.add(library.resolve("*").toString());
        command.add(mainClass);
        command.addAll(arguments);
        try {
            Files.createDirectories(log.getParent());
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
            return new ChildJvm(name, process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + name + ": " + command, e);
        }
    }

    /** Runs a tool to its end; fails naming the tool and quoting its output when it exits with an error. */
    static void run(String name, Path library, List<String> systemProperties, String mainClass, List<String> arguments,
            Path log) throws InterruptedException {
        ChildJvm tool = start(name, library, systemProperties, mainClass, arguments, log);
        if (!tool.process.waitFor(120, TimeUnit.SECONDS)) {
            tool.close();
            throw new IllegalStateException(name + " did not finish within 120 s\n" + tool.tail(40));
        }
        if (tool.process.exitValue() != 0) {
            throw new IllegalStateException(name + " exited with " + tool.process.exitValue() + "\n" + tool.tail(40));
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    String name() {
        return name;
    }

    /** The last lines of the process's output, headed by the log file's path. */
    String tail(int lines) {
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            return "-- last " + Math.min(lines, all.size()) + " lines of " + log + "\n"
                    + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
        } catch (IOException e) {
            return "-- no log at " + log + ": " + e.getMessage();
        }
    }

    /** Kills the process: its data is thrown away, so a graceful shutdown would only cost seconds per version. */
    @Override
    public void close() {
        process.destroyForcibly();
        try {
            process.waitFor(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
