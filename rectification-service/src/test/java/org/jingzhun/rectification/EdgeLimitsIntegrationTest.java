package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The limits of the HTTP edge on every command of the service (CONTRACT.md, "Limits"), on real
 * PostgreSQL and Kafka: bodies over 1 MiB (declared or chunked) 413, control characters and dates outside
 * 1900..2199 400 naming the field — and nothing stored from a refused request. Also what keyed requests
 * used to answer 500 to, and concurrent duplicates of one keyed request.
 */
class EdgeLimitsIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final int ONE_MIB = 1024 * 1024;
    private static String campaign;
    private static String organization;
    private static String problem;

    /** A command: where it goes, a valid body, its text field and its date field (null: none). */
    record Command(String name, String path, Function<String, String> body, String textField, String dateField) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void registerOrganizationCampaignAndAProblem() {
        campaign = service.campaign();
        organization = service.organization("边界镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        HttpResponse<String> logged = service.send("POST", "/api/problems", logBody("帮扶台账不完整", "2099-10-31"));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        problem = ServiceUnderTest.json(logged).at("/id").asText();
    }

    static Stream<Command> commands() {
        return Stream.of(
                new Command("launch special rectification", "/api/special-rectifications",
                        text -> object(Map.of("campaignId", campaign, "title", text)), "title", null),
                new Command("log problem", "/api/problems", text -> logBody(text, "2099-10-31"), "description",
                        "deadline"),
                new Command("set measures", "/api/problems/{id}/measures",
                        text -> "{\"measures\":[{\"description\":" + quote(text) + ",\"due\":\"2019-10-15\"}]}",
                        "measures[0].description", "measures[0].due"),
                new Command("rectify", "/api/problems/{id}/rectify",
                        text -> object(Map.of("evidence", text)), "evidence", null),
                new Command("verify", "/api/problems/{id}/verify", text -> object(Map.of("comment", text)),
                        "comment", null),
                new Command("reopen", "/api/problems/{id}/reopen", text -> object(Map.of("reason", text)),
                        "reason", null),
                new Command("extend deadline", "/api/problems/{id}/deadline",
                        text -> object(Map.of("deadline", "2099-12-31", "reason", text)), "reason", "deadline"));
    }

    static Stream<Command> datedCommands() {
        return commands().filter(command -> command.dateField() != null);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void refusesABodyOverOneMebibyteWith413WhetherDeclaredOrChunked(Command command) {
        byte[] body = command.body().apply("很".repeat(ONE_MIB / 3 + 1)).getBytes(StandardCharsets.UTF_8);
        assertThat(body.length).isGreaterThan(ONE_MIB);
        long events = storedEvents();

        assertProblem(post(command, HttpRequest.BodyPublishers.ofByteArray(body), null), 413, "body-too-large", "body");
        assertProblem(post(command, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                null), 413, "body-too-large", "body");
        assertProblem(post(command, HttpRequest.BodyPublishers.ofByteArray(body), UUID.randomUUID().toString()),
                413, "body-too-large", "body");
        assertProblem(post(command, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                UUID.randomUUID().toString()), 413, "body-too-large", "body");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void refusesControlCharactersInTextNamingTheField(Command command) {
        long events = storedEvents();
        for (String text : List.of("a\u0000b", "a\u0001b", "\u001b[31m", "a\u007f\u0008")) {
            assertProblem(post(command, text, null), 400, "invalid-request", command.textField());
        }
        assertProblem(post(command, "a\u0000b", UUID.randomUUID().toString()), 400, "invalid-request",
                command.textField());
        assertThat(storedEvents()).isEqualTo(events);
    }

    @ParameterizedTest
    @MethodSource("datedCommands")
    void refusesDatesOutsideTheSaneRangeNamingTheField(Command command) {
        long events = storedEvents();
        String valid = command.body().apply("正常的说明");
        List<String> dates = command.dateField().endsWith("deadline")
                ? List.of("+999999999-12-31", "+300000-01-01T00:00:00Z", "1899-12-31", "2200-01-01",
                "-0001-01-01T00:00:00Z", "2200-01-01T08:00:00+08:00")
                : List.of("+999999999-12-31", "1899-12-31", "2200-01-01", "-999999999-01-01");
        for (String date : dates) {
            String body = valid.replaceFirst("\"(2099-10-31|2099-12-31|2019-10-15)\"", "\"" + date + "\"");
            assertThat(body).contains(date);
            assertProblem(post(command, HttpRequest.BodyPublishers.ofString(body), null), 400, "invalid-request",
                    command.dateField());
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void acceptsTabsAndLineBreaksInText() {
        HttpResponse<String> logged = service.send("POST", "/api/problems", logBody("一、台账\t不全\r\n二、未公示\n", "2099-10-31"));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
    }

    @Test
    void answersAKeyedRequestWithAVeryLongPathOrKeyWith4xx() {
        HttpResponse<String> longPath = send(HttpRequest.newBuilder(uri("/api/problems/" + "p".repeat(2001) + "/verify"))
                .header("Idempotency-Key", UUID.randomUUID().toString()).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertThat(longPath.statusCode()).as(longPath.body()).isEqualTo(404);

        HttpResponse<String> longKey = send(HttpRequest.newBuilder(uri("/api/problems/" + problem + "/verify"))
                .header("Idempotency-Key", "k".repeat(256)).POST(HttpRequest.BodyPublishers.ofString("{}")));
        assertProblem(longKey, 400, "invalid-idempotency-key", "Idempotency-Key");
    }

    /** Control characters in paths and query parameters too: 4xx, never a database error. */
    @Test
    void answersControlCharactersInPathsAndParametersWith4xx() {
        for (String path : List.of("/api/problems/a%00b/verify", "/api/problems/a%01b/verify",
                "/api/problems?orgId=a%00b", "/api/problems?orgId=x&status=%1b", "/api/problems/a%00b",
                "/api/organizations/a%00b/ledger", "/api/organizations/x/ledger?a%00=1")) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path));
            if (path.endsWith("/verify")) {
                request.POST(HttpRequest.BodyPublishers.ofString("{}")).header("Idempotency-Key", UUID.randomUUID().toString());
            }
            HttpResponse<String> response = send(request);
            assertThat(response.statusCode()).as(path + " " + response.body()).isBetween(400, 499);
            assertThat(response.headers().firstValue("Content-Type")).as(path).hasValueSatisfying(type ->
                    assertThat(type).startsWith("application/problem+json"));
        }
    }

    @Test
    void concurrentDuplicatesOfAKeyedRequestRecordOnceAndAllGetTheFirstAnswer() {
        String key = UUID.randomUUID().toString();
        String body = logBody("同一请求并发重试", "2099-10-31");
        long events = storedEvents();

        List<CompletableFuture<HttpResponse<String>>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            answers.add(http.sendAsync(request(HttpRequest.newBuilder(uri("/api/problems")).header("Idempotency-Key", key)
                    .POST(HttpRequest.BodyPublishers.ofString(body))), HttpResponse.BodyHandlers.ofString()));
        }
        List<HttpResponse<String>> responses = answers.stream().map(CompletableFuture::join).toList();

        assertThat(responses).allSatisfy(response -> assertThat(response.statusCode()).as(response.body()).isEqualTo(201));
        assertThat(responses.stream().map(HttpResponse::body).distinct()).hasSize(1);
        assertThat(responses.stream().filter(r -> r.headers().firstValue("Idempotency-Replayed").isPresent()))
                .hasSize(7);
        assertThat(storedEvents()).isEqualTo(events + 1);

        HttpResponse<String> reused = send(HttpRequest.newBuilder(uri("/api/problems")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(logBody("另一个问题", "2099-10-31"))));
        assertProblem(reused, 422, "idempotency-key-reused", "Idempotency-Key");
        assertThat(storedEvents()).isEqualTo(events + 1);
    }

    @Test
    void aRefusedKeyedRequestLeavesNoTraceAndMayBeCorrected() {
        String key = UUID.randomUUID().toString();
        HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/problems")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(logBody("a\u0000b", "2099-10-31"))));
        assertProblem(refused, 400, "invalid-request", "description");

        HttpResponse<String> corrected = send(HttpRequest.newBuilder(uri("/api/problems")).header("Idempotency-Key", key)
                .POST(HttpRequest.BodyPublishers.ofString(logBody("ab", "2099-10-31"))));
        assertThat(corrected.statusCode()).as(corrected.body()).isEqualTo(201);
    }

    // --- helpers

    private static long storedEvents() {
        // Overdue events come from deadlines of other tests sharing the service, not from requests.
        return service.database().sql("SELECT count(*) FROM domain_event_entry WHERE payload_type NOT LIKE ?")
                .param("%ProblemOverdue").query(Long.class).single();
    }

    private static String logBody(String description, String deadline) {
        return object(Map.of("orgId", organization, "campaignId", campaign, "focusArea", "POVERTY_ALLEVIATION",
                "source", "SELF_INSPECTION", "description", description, "owner", "支部书记", "deadline", deadline));
    }

    private static String object(Map<String, String> fields) {
        ObjectNode node = JSON.createObjectNode();
        fields.forEach(node::put);
        return node.toString();
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static HttpResponse<String> post(Command command, String text, String key) {
        return post(command, HttpRequest.BodyPublishers.ofString(command.body().apply(text)), key);
    }

    private static HttpResponse<String> post(Command command, HttpRequest.BodyPublisher body, String key) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(command.path().replace("{id}", problem))).POST(body);
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return send(request);
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + service.port() + path);
    }

    private static HttpRequest request(HttpRequest.Builder request) {
        return request.header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ServiceUnderTest.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .build();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return http.send(request(request), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = ServiceUnderTest.json(response);
        assertThat(problem.path("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.path("errors").findValuesAsText("field")).as(response.body()).contains(field);
    }
}
