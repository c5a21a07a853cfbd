package io.ctsync.compat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Kafka Connect's REST API over plain HTTP: what every worker version shares. */
final class ConnectRest {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final URI base;

    ConnectRest(int port) {
        this.base = URI.create("http://127.0.0.1:" + port + "/");
    }

    record Response(String method, String path, int status, String body) {

        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                throw new IllegalStateException(method + " " + path + " answered " + status + " with no JSON: " + body, e);
            }
        }

        @Override
        public String toString() {
            return method + " " + path + " -> " + status + " " + body;
        }
    }

    Response get(String path) throws IOException, InterruptedException {
        return send("GET", path, HttpRequest.BodyPublishers.noBody());
    }

    Response put(String path, Object body) throws IOException, InterruptedException {
        return send("PUT", path, jsonBody(body));
    }

    Response patch(String path, Object body) throws IOException, InterruptedException {
        return send("PATCH", path, jsonBody(body));
    }

    Response delete(String path) throws IOException, InterruptedException {
        return send("DELETE", path, HttpRequest.BodyPublishers.noBody());
    }

    private Response send(String method, String path, HttpRequest.BodyPublisher body)
            throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .method(method, body).build();
        HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        return new Response(method, path, response.statusCode(), response.body());
    }

    private static HttpRequest.BodyPublisher jsonBody(Object body) throws IOException {
        return body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body));
    }
}
