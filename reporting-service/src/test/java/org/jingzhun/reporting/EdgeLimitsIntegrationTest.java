package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The limits of the HTTP edge hold on reporting's commands too (CONTRACT.md, "Limits"). */
class EdgeLimitsIntegrationTest {

    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;
    private static ReportingUnderTest service;

    @BeforeAll
    static void start() {
        service = ReportingUnderTest.start(dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void refusesABodyOverOneMebibyteWith413BeforeAnythingRuns() throws Exception {
        byte[] body = ("{\"mode\":\"REBUILD\",\"padding\":\"" + "x".repeat(1024 * 1024) + "\"}").getBytes();

        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.uri("/api/admin/replay"))
                .header("Authorization", ReportingUnderTest.basic()).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isEqualTo(413);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = JSON.readTree(response.body());
        assertThat(problem.get("code").asText()).isEqualTo("body-too-large");
        assertThat(problem.get("errors").findValuesAsText("field")).containsExactly("body");
    }

    @Test
    void answersAKeyedRequestWithAVeryLongPathWith4xx() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(service.uri("/api/admin/replay/" + "r".repeat(2001)))
                .header("Authorization", ReportingUnderTest.basic()).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body()).isBetween(400, 499);
    }
}
