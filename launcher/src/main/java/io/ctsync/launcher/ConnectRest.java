package io.ctsync.launcher;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** The worker's REST API, as a user reaches it with curl. */
final class ConnectRest {

    static final ObjectMapper JSON = new ObjectMapper();
    private final String base;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    ConnectRest(String base) {
        this.base = base;
    }

    String base() {
        return base;
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(URI.create(base + path)).GET());
    }

    /** {@code PUT /connectors/{name}/config}: creates the connector or updates its configuration. */
    JsonNode putConfig(String name, JsonNode config) {
        try {
            return send(HttpRequest.newBuilder(URI.create(base + "/connectors/" + name + "/config"))
                    .header("Content-Type", "application/json")
                    .PUT(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(config))));
        } catch (IOException e) {
            throw new RestFailure("Cannot write the configuration of " + name + ": " + e.getMessage());
        }
    }

    private JsonNode send(HttpRequest.Builder request) {
        try {
            HttpResponse<String> response = client.send(request.timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 300) {
                throw new RestFailure(response.request().method() + " " + response.uri() + " answered "
                        + response.statusCode() + ": " + response.body());
            }
            return response.body().isEmpty() ? JSON.nullNode() : JSON.readTree(response.body());
        } catch (IOException e) {
            throw new RestFailure("The Connect REST API at " + base + " did not answer: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RestFailure("Interrupted");
        }
    }

    static final class RestFailure extends RuntimeException {

        private static final long serialVersionUID = 1L;

        RestFailure(String message) {
            super(message);
        }
    }
}
