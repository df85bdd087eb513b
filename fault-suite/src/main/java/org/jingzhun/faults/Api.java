package org.jingzhun.faults;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;

/** The services' HTTP API as {@code admin}: one request, its status and body, no retries. */
final class Api {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String AUTHORIZATION = "Basic " + Base64.getEncoder()
            .encodeToString(("admin:" + Cluster.ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8));

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(3)).build();

    record Answer(int status, String body) {
        JsonNode json() {
            try {
                return JSON.readTree(body);
            } catch (IOException e) {
                return JSON.nullNode();
            }
        }

        String code() {
            return json().path("code").asText("");
        }
    }

    Answer send(URI service, String method, String path, String contentType, byte[] body, String idempotencyKey,
                Duration timeout) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(service + path)).timeout(timeout)
                .header("Authorization", AUTHORIZATION).header("Accept", "application/json");
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return new Answer(response.statusCode(), response.body());
    }

    Answer post(URI service, String path, String json, String idempotencyKey) throws IOException, InterruptedException {
        return send(service, "POST", path, "application/json", json.getBytes(StandardCharsets.UTF_8), idempotencyKey,
                Duration.ofSeconds(60));
    }

    Answer get(URI service, String path) throws IOException, InterruptedException {
        return send(service, "GET", path, null, null, null, Duration.ofSeconds(60));
    }
}
