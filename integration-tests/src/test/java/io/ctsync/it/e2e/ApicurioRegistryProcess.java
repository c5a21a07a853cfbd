package io.ctsync.it.e2e;

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
 * A real Apicurio Registry 3.0 (in-memory storage) in a child process, unpacked by the build from Maven Central
 * ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all} into {@code target/apicurio}).
 */
final class ApicurioRegistryProcess implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private final Process process;
    private final String url;

    private ApicurioRegistryProcess(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    static ApicurioRegistryProcess start() throws IOException, InterruptedException {
        Path directory = Path.of(System.getProperty("ctsync.apicurio.dir", "target/apicurio"));
        Path runner;
        try (var files = Files.list(directory)) {
            runner = files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Apicurio registry runner jar in " + directory));
        } catch (IOException e) {
            throw new IllegalStateException("The Apicurio registry is not unpacked in " + directory.toAbsolutePath()
                    + ": run the test through Maven (`mvn verify -pl integration-tests -am`), whose pre-integration-test "
                    + "phase fetches it", e);
        }
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process process = new ProcessBuilder(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", runner.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile())
                .start();
        ApicurioRegistryProcess registry = new ApicurioRegistryProcess(process, "http://127.0.0.1:" + port);
        registry.awaitReady(Duration.ofSeconds(120), directory.resolve("registry.log"));
        return registry;
    }

    /** The base URL of the registry's v2 API, as Apicurio's converter takes it. */
    String v2() {
        return url + "/apis/registry/v2";
    }

    /** GET or POST on the v2 API; returns the body, failing on a status other than 2xx. */
    String call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(v2() + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private void awaitReady(Duration timeout, Path log) throws InterruptedException {
        HttpRequest info = HttpRequest.newBuilder(URI.create(v2() + "/system/info")).build();
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Apicurio registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // still starting
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The Apicurio registry did not answer within " + timeout + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
