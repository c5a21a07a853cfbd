package io.ctsync.bench;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A real Apicurio Registry (in-memory storage) in a child process, for the Avro runs. run-sink-benchmark.sh
 * unpacks it from Maven Central ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}) when Avro is asked for.
 */
final class ApicurioRegistry implements AutoCloseable {

    private final Process process;
    private final String url;

    private ApicurioRegistry(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ApicurioRegistry start() throws IOException, InterruptedException {
        Path directory = Path.of(System.getProperty("ctsync.bench.apicurio.dir", "benchmarks/target/apicurio"));
        Path runner;
        try (var files = Files.list(directory)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Apicurio registry runner jar in " + directory));
        } catch (IOException e) {
            throw new IllegalStateException("Apicurio registry not unpacked in " + directory.toAbsolutePath()
                    + "; run the benchmark through benchmarks/run-sink-benchmark.sh --formats json,avro", e);
        }
        int port = freePort();
        Process process = new ProcessBuilder("java", "-Xmx512m", "-Dquarkus.http.port=" + port, "-jar", runner.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile())
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(process, "http://127.0.0.1:" + port);
        registry.awaitReady(Duration.ofSeconds(60));
        return registry;
    }

    String url() {
        return url;
    }

    private void awaitReady(Duration timeout) throws InterruptedException {
        HttpClient http = HttpClient.newHttpClient();
        HttpRequest info = HttpRequest.newBuilder(URI.create(url + "/apis/registry/v2/system/info")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Apicurio registry exited with " + process.exitValue()
                        + "; see registry.log next to its jar");
            }
            try {
                if (http.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The Apicurio registry did not answer within " + timeout);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    @Override
    public void close() {
        process.destroy();
    }
}
