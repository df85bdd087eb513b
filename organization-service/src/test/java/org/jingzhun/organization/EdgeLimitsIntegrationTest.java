package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Stream;
import org.jingzhun.embedded.TestHttp;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The limits of the HTTP edge on every command of the service (CONTRACT.md, "Limits"), on real
 * PostgreSQL and Kafka: bodies over 1 MiB (declared or chunked) 413, control characters and dates outside
 * 1900..2199 400 naming the field, an event too large for Kafka 400 — and nothing stored from a refused
 * request.
 */
class EdgeLimitsIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String campaign;
    private static String organization;
    private static String member;

    /** A command: method, path, a valid body around some text, the text's field, its date field (or null). */
    record Command(String name, String method, String path, Function<String, String> body, String textField,
                   String dateField) {
        @Override
        public String toString() {
            return name;
        }
    }

    @BeforeAll
    static void launchACampaignAndRegisterAnOrganizationWithAMember() {
        campaign = created("/api/campaigns", "{\"name\":\"边界\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}");
        organization = created("/api/organizations", "{\"name\":\"边界村-" + UUID.randomUUID()
                + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}");
        member = created("/api/organizations/" + organization + "/members",
                "{\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"REGULAR\"}");
    }

    static Stream<Command> commands() {
        return Stream.of(
                new Command("launch campaign", "POST", "/api/campaigns", text -> "{\"name\":" + quote(text)
                        + ",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", "name", "startsOn"),
                new Command("issue plan", "PUT", "/api/campaigns/{campaign}/plan", text -> "{\"setReadings\":["
                        + quote(text) + "],\"countySpecialRectifications\":[],\"requirements\":[]}", "setReadings[0]",
                        null),
                new Command("register organization", "POST", "/api/organizations", text -> "{\"name\":" + quote(text)
                        + ",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}", "name", null),
                new Command("rename organization", "PATCH", "/api/organizations/{organization}",
                        text -> "{\"name\":" + quote(text) + "}", "name", null),
                new Command("enrol member", "POST", "/api/organizations/{organization}/members",
                        text -> "{\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"REGULAR\",\"displayName\":"
                                + quote(text) + "}", "displayName", null),
                new Command("transfer member", "POST", "/api/members/{member}/transfer",
                        text -> "{\"toOrganizationId\":" + quote(organization + text) + "}", "toOrganizationId", null));
    }

    @ParameterizedTest
    @MethodSource("commands")
    void refusesABodyOverOneMebibyteWith413WhetherDeclaredOrChunked(Command command) {
        byte[] body = command.body().apply("很".repeat(1024 * 1024 / 3 + 1)).getBytes(StandardCharsets.UTF_8);
        long events = storedEvents();

        assertProblem(send(command, HttpRequest.BodyPublishers.ofByteArray(body), null), 413, "body-too-large", "body");
        assertProblem(send(command, HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)),
                UUID.randomUUID().toString()), 413, "body-too-large", "body");
        assertThat(storedEvents()).isEqualTo(events);
    }

    @ParameterizedTest
    @MethodSource("commands")
    void refusesControlCharactersInTextNamingTheField(Command command) {
        long events = storedEvents();
        // The last: an unpaired surrogate, escaped in the JSON as a client would send it.
        for (String text : List.of("a\u0000b", "a\u0001b", "\u000b", "a\u00a7b")) {
            String body = command.body().apply(text).replace("\u00a7", "\\ud800");
            assertProblem(send(command, HttpRequest.BodyPublishers.ofString(body), null), 400,
                    "invalid-request", command.textField());
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    @Test
    void refusesCampaignDatesOutsideTheSaneRange() {
        long events = storedEvents();
        for (String date : List.of("+999999999-12-31", "1899-12-31", "2200-01-01")) {
            assertProblem(send(commands().findFirst().orElseThrow(), HttpRequest.BodyPublishers.ofString(
                    "{\"name\":\"远\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"" + date + "\"}"), null), 400,
                    "invalid-request", "endsOn");
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    /** What the fuzzer found accepted: values of the wrong JSON type were converted, not refused. */
    @Test
    void refusesValuesOfTheWrongJsonTypeNamingTheField() {
        long events = storedEvents();
        Map<String, String> bodies = Map.of(
                "startsOn", "{\"name\":\"类型\",\"startsOn\":-1,\"endsOn\":\"2019-11-30\"}",
                "name", "{\"name\":-1,\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}");
        bodies.forEach((field, body) -> assertProblem(service.send("POST", "/api/campaigns", body), 400,
                "invalid-request", field));
        assertProblem(service.send("POST", "/api/organizations", "{\"name\":\"类型\",\"tier\":0,\"sector\":\"ORGAN\"}"),
                400, "invalid-request", "tier");
        assertProblem(service.send("POST", "/api/organizations", "{\"name\":true,\"tier\":\"BRANCH\",\"sector\":\"ORGAN\"}"),
                400, "invalid-request", "name");
        assertThat(storedEvents()).isEqualTo(events);
    }

    /** Under the body limit, yet too large for one Kafka record once issued: refused before it is stored. */
    @Test
    void refusesAPlanWhoseEventKafkaCouldNotCarry() {
        ObjectNode plan = (ObjectNode) ServiceUnderTest.json(service.send("GET", "/api/campaigns/" + campaign + "/plan",
                null)).get("plan");
        ArrayNode readings = plan.putArray("setReadings");
        for (int i = 0; i < 850; i++) {
            readings.add(i + " " + "x".repeat(1000));
        }
        assertThat(plan.toString().length()).isBetween(800 * 1024, 1024 * 1024 - 1);
        long events = storedEvents();

        HttpResponse<String> put = service.send("PUT", "/api/campaigns/" + campaign + "/plan", plan.toString());

        assertProblem(put, 400, "contract-violation", "plan");
        assertThat(storedEvents()).isEqualTo(events);
    }

    private static long storedEvents() {
        return service.app().getBean(JdbcClient.class).sql("SELECT count(*) FROM domain_event_entry")
                .query(Long.class).single();
    }

    private static String created(String path, String body) {
        HttpResponse<String> response = service.send("POST", path, body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).get("id").asText();
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    private static HttpResponse<String> send(Command command, HttpRequest.BodyPublisher body, String key) {
        String path = command.path().replace("{campaign}", campaign).replace("{organization}", organization)
                .replace("{member}", member);
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .method(command.method(), body)
                .header("Content-Type", "application/json");
        if (key != null) {
            request.header("Idempotency-Key", key);
        }
        return TestHttp.send(http, request, TestHttp.basic("admin", ServiceUnderTest.PASSWORD));
    }

    /**
     * Finding 6 of docs/reliability.md: a body far over the limit (16 MiB: more than the
     * loopback socket buffers hold), refused before it is read, must still
     * get its answer. Tomcat reads the rest of the body (up to {@code server.tomcat.max-swallow-size}) before
     * it closes; with its 2 MiB default it closed a connection with unread bytes, which resets it, and a
     * client still sending lost the answer (here: the writer fails with a reset or broken pipe).
     */
    @Test
    void answersABodyOfSixteenMebibytesInFullWhileTheClientIsStillSendingIt() throws Exception {
        String path = "/api/members/{member}/transfer";
        byte[] body = ("{\"toOrganizationId\":\"" + "a".repeat(16 * 1024 * 1024) + "\"}").getBytes(StandardCharsets.UTF_8);
        try (Socket socket = new Socket("localhost", service.port())) {
            socket.setSoTimeout(60_000);
            OutputStream out = socket.getOutputStream();
            out.write(head(path.replace("{member}", member), body.length, false));
            CompletableFuture<Void> sent = CompletableFuture.runAsync(() -> {
                try {
                    out.write(body);
                    out.flush();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            RawResponse response = RawResponse.read(socket.getInputStream());
            assertThat(response.status()).as(response.body()).isIn(400, 413);
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(response.status());
            sent.get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * A request Tomcat refuses itself (a NUL in the path) is answered and closed without reading its body,
     * by Tomcat's design; a client that sends {@code Expect: 100-continue} gets that answer, like the 413 of
     * an oversize body, before it sends anything.
     */
    @ParameterizedTest
    @ValueSource(strings = {"/api/members/{member}/transfer", "/api/members/%00/transfer"})
    void refusesAnOversizeBodyBeforeAClientThatExpectsContinueSendsIt(String path) throws Exception {
        try (Socket socket = new Socket("localhost", service.port())) {
            socket.setSoTimeout(60_000);
            socket.getOutputStream().write(head(path.replace("{member}", member), 3 * 1024 * 1024, true));
            RawResponse response = RawResponse.read(socket.getInputStream());
            assertThat(response.status()).as("no 100 Continue before the refusal: " + response.body()).isIn(400, 413);
            assertThat(JSON.readTree(response.body()).path("status").asInt()).isEqualTo(response.status());
        }
    }

    private static byte[] head(String path, int contentLength, boolean expectContinue) {
        return ("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: "
                + ServiceUnderTest.basic("admin", ServiceUnderTest.PASSWORD) + "\r\nContent-Type: application/json\r\n"
                + (expectContinue ? "Expect: 100-continue\r\n" : "") + "Content-Length: " + contentLength + "\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** An HTTP/1.1 answer read from a socket: its status and its body (by {@code Content-Length} or chunks). */
    private record RawResponse(int status, String body) {
        static RawResponse read(InputStream in) throws IOException {
            String statusLine = line(in);
            int status = Integer.parseInt(statusLine.split(" ")[1]);
            int length = -1;
            boolean chunked = false;
            for (String header = line(in); !header.isEmpty(); header = line(in)) {
                String name = header.substring(0, header.indexOf(':')).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(header.indexOf(':') + 1).trim();
                if (name.equals("content-length")) {
                    length = Integer.parseInt(value);
                } else if (name.equals("transfer-encoding") && value.equalsIgnoreCase("chunked")) {
                    chunked = true;
                }
            }
            ByteArrayOutputStream body = new ByteArrayOutputStream();
            if (chunked) {
                for (int size = Integer.parseInt(line(in).trim(), 16); size > 0; size = Integer.parseInt(line(in).trim(), 16)) {
                    body.write(in.readNBytes(size));
                    line(in);
                }
            } else if (length >= 0) {
                body.write(in.readNBytes(length));
            }
            return new RawResponse(status, body.toString(StandardCharsets.UTF_8));
        }

        private static String line(InputStream in) throws IOException {
            StringBuilder line = new StringBuilder();
            for (int c = in.read(); c != '\n'; c = in.read()) {
                if (c < 0) {
                    throw new IOException("connection closed after: " + line);
                }
                if (c != '\r') {
                    line.append((char) c);
                }
            }
            return line.toString();
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
