package io.ctsync.testkit.registry;

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
 * A real Apicurio Registry 3 (in-memory storage) in a child process, for Avro end to end and in the benchmarks. The
 * build unpacks it from Maven Central ({@code io.apicurio:apicurio-registry-app:<version>:tar.gz:all}); its log goes
 * to {@code registry.log} next to the runner jar.
 */
public final class ApicurioRegistry implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Duration STARTUP = Duration.ofSeconds(120);

    private final Process process;
    private final String url;

    private ApicurioRegistry(Process process, String url) {
        this.process = process;
        this.url = url;
    }

    /**
     * Starts the registry unpacked in {@code directory} on a free port and waits until it answers.
     *
     * @param howToUnpack what to run when the directory holds no registry, for the error message
     */
    public static ApicurioRegistry start(Path directory, String howToUnpack) throws IOException, InterruptedException {
        Path runner = runner(directory, howToUnpack);
        int port = freePort();
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        // C1 only: the registry serves a few schema look-ups (converters cache them) and starts faster on a busy machine.
        Process process = new ProcessBuilder(java.toString(), "-Xmx384m", "-XX:TieredStopAtLevel=1",
                "-Dquarkus.http.port=" + port, "-Dquarkus.http.host=127.0.0.1", "-jar", runner.toString())
                .redirectErrorStream(true)
                .redirectOutput(directory.resolve("registry.log").toFile())
                .start();
        ApicurioRegistry registry = new ApicurioRegistry(process, "http://127.0.0.1:" + port);
        registry.awaitReady(directory.resolve("registry.log"));
        return registry;
    }

    /** The registry's base URL. */
    public String url() {
        return url;
    }

    /** The base URL of the registry's v2 API, as Apicurio's converter takes it. */
    public String v2() {
        return url + "/apis/registry/v2";
    }

    /** Sets the global compatibility rule (e.g. {@code BACKWARD}) every new version of every artifact must pass. */
    public void requireCompatibility(String level) throws IOException, InterruptedException {
        call("POST", "/admin/rules", "{\"type\":\"COMPATIBILITY\",\"config\":\"" + level + "\"}");
    }

    /** A call on the v2 API; returns the body, failing on a status other than 2xx. */
    public String call(String method, String path, String json) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create(v2() + path)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static Path runner(Path directory, String howToUnpack) {
        try (var files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith("-runner.jar")).findFirst()
                    .orElseThrow(() -> new IllegalStateException("No Apicurio registry runner jar in "
                            + directory.toAbsolutePath() + "; " + howToUnpack));
        } catch (IOException e) {
            throw new IllegalStateException("The Apicurio registry is not unpacked in " + directory.toAbsolutePath() + "; "
                    + howToUnpack, e);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    private void awaitReady(Path log) throws InterruptedException {
        HttpRequest info = HttpRequest.newBuilder(URI.create(v2() + "/system/info")).build();
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("The Apicurio registry exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (HTTP.send(info, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // Still starting.
            }
            Thread.sleep(200);
        }
        close();
        throw new IllegalStateException("The Apicurio registry did not answer within " + STARTUP + "; see " + log);
    }

    @Override
    public void close() {
        process.destroy();
    }
}
