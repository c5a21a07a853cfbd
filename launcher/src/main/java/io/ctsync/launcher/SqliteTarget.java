package io.ctsync.launcher;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The demo's target as the sink left it, read through a {@link TargetReaderProcess} (never in this process: see
 * there), rows in the simulation's text form to compare.
 */
final class SqliteTarget implements AutoCloseable {

    private final Process process;
    private final PrintStream requests;
    private final BufferedReader answers;

    SqliteTarget(String url, Path logs) {
        process = ChildJava.start(List.of(TargetReaderProcess.class.getName(), url), logs, "target-reader", false);
        requests = new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8);
        answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    }

    /** Rows of {@code table} in key order, values in {@code columns} order joined by tabs; empty if no table yet. */
    synchronized List<String> rows(String table, List<String> columns, String keys) {
        return ask("ROWS " + table + "\t" + String.join(", ", columns) + "\t" + keys);
    }

    synchronized long count(String table) {
        List<String> answer = ask("COUNT " + table);
        return answer.isEmpty() ? 0 : Long.parseLong(answer.get(0));
    }

    private List<String> ask(String request) {
        requests.println(request);
        List<String> lines = new ArrayList<>();
        try {
            String line;
            while ((line = answers.readLine()) != null) {
                if (line.equals("END")) {
                    return lines;
                }
                if (line.startsWith("ERROR ")) {
                    if (line.contains("no such table")) {
                        return List.of();
                    }
                    throw new LaunchFailure("Reading the SQLite target failed: " + line.substring(6));
                }
                lines.add(line);
            }
        } catch (IOException e) {
            throw new LaunchFailure("The SQLite target reader stopped: " + e.getMessage(), e);
        }
        throw new LaunchFailure("The SQLite target reader stopped: see its log target-reader.log");
    }

    @Override
    public void close() {
        requests.close();
        process.destroy();
    }
}
