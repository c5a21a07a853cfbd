package io.ctsync.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs {@code ./ctsync demo --exit} as a new user would: the repository's launcher script, a separate process, a
 * fresh work directory (ports chosen free so it can run next to anything else on the machine). Then once more in
 * the same directory: the second start resumes from the anchors and converges again.
 */
class DemoCommandIT {

    private static final Path REPOSITORY = Path.of(System.getProperty("ctsync.repository", "..")).toAbsolutePath().normalize();

    @TempDir
    Path work;

    @Test
    void demoConvergesThenResumesFromItsAnchors() throws Exception {
        int kafkaPort = freePortPair();
        int restPort = freePort();

        Result first = ctsync(work, "demo", "--exit", "--work-dir", work.toString(), "--kafka-port", String.valueOf(kafkaPort),
                "--rest-port", String.valueOf(restPort));

        assertThat(first.exitCode).as(first.output).isZero();
        assertThat(first.output)
                .contains("Starting the demo in " + work)
                .contains("Kafka broker (KRaft, kafka.Kafka) ready on localhost:" + kafkaPort)
                .contains("Connect worker (distributed, ConnectDistributed) ready on http://localhost:" + restPort)
                .contains("Registered ctsync-demo-source over REST", "Registered ctsync-demo-sink over REST")
                // each table's line: snapshot progress until its snapshot is done, then lag behind the source
                .containsPattern("(customers|orders|order_lines) +(snapshot +\\d+% \\(\\d+ of \\d+ rows\\)|incremental +lag)")
                .containsPattern("order_lines +incremental +lag +\\d+ versions +events +\\d+ \\( *\\d+/s\\)")
                .contains("Snapshots done; incremental changes flowing")
                .containsPattern("CONVERGED: the SQLite tables equal the simulated source at version \\d+ "
                        + "\\(customers \\d+, orders \\d+, order_lines \\d+ rows\\) \\d+\\.\\d s after start");
        assertThat(work.resolve("connectors/ctsync-demo-source.json")).content().contains("\"connector.class\"");
        assertThat(work.resolve("connectors/ctsync-demo-sink.json")).content().contains("jdbc:sqlite:");

        Result second = ctsync(work, "demo", "--exit", "--work-dir", work.toString(), "--kafka-port",
                String.valueOf(kafkaPort), "--rest-port", String.valueOf(restPort));

        assertThat(second.exitCode).as(second.output).isZero();
        assertThat(second.output).contains("Resuming the demo in " + work).contains("CONVERGED")
                .doesNotContainPattern("snapshot +\\d+%");
    }

    @Test
    void aBadCommandLineIsRefusedWithTheOptionToFix() throws Exception {
        Result result = ctsync(work, "demo", "--kafka-port", "not-a-port");

        assertThat(result.exitCode).isEqualTo(2);
        assertThat(result.output).contains("--kafka-port must be a port number (1-65534), not 'not-a-port'").contains("usage:");
    }

    @Test
    void runRefusesClearlyWhenSqlServerDoesNotAnswer() throws Exception {
        int closed = freePort();

        Result result = ctsync(work, "run", "--source", "jdbc:sqlserver://127.0.0.1:" + closed + ";databaseName=sales",
                "--user", "ctsync", "--password", "secret", "--work-dir", work.toString(), "--exit");

        assertThat(result.exitCode).as(result.output).isEqualTo(1);
        assertThat(result.output).contains("FAILED: Cannot reach SQL Server at jdbc:sqlserver://127.0.0.1:" + closed
                + ";databaseName=sales").doesNotContain("secret");
        assertThat(work.resolve("kafka")).doesNotExist();
    }

    private record Result(int exitCode, String output) {
    }

    private static Result ctsync(Path work, String... args) throws IOException, InterruptedException {
        String[] command = new String[args.length + 1];
        command[0] = REPOSITORY.resolve("ctsync").toString();
        System.arraycopy(args, 0, command, 1, args.length);
        Path output = work.resolveSibling(work.getFileName() + "-output.txt");
        Process process = new ProcessBuilder(command).directory(REPOSITORY.toFile()).redirectErrorStream(true)
                .redirectOutput(output.toFile()).start();
        if (!process.waitFor(10, TimeUnit.MINUTES)) {
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            throw new AssertionError("./ctsync " + String.join(" ", args) + " did not end in 10 minutes:\n"
                    + Files.readString(output, StandardCharsets.UTF_8));
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(text);
        return new Result(process.exitValue(), text);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** A port whose next port is free as well (the broker's controller listens there). */
    private static int freePortPair() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port = freePort();
            try (ServerSocket next = new ServerSocket(port + 1)) {
                return port;
            } catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("No two consecutive free ports");
    }
}
