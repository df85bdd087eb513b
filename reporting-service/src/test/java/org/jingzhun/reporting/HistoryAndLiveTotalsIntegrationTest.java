package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The audit trail, the totals stream and the totals as of an instant, as deployed: records produced by
 * hand in the contract's wire format into a real Kafka broker, answers read over HTTP by a real client.
 * Tests share one broker and database, so each works in its own campaign and organizations.
 */
class HistoryAndLiveTotalsIntegrationTest {

    private static final Duration BOUND = ReportingUnderTest.BOUND;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static JdbcClient database;

    @BeforeAll
    static void start() {
        service = ReportingUnderTest.start(dataDirectory, "--jingzhun.reporting.totals-stream.heartbeat=1s");
        database = service.database();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    // --- audit trail ---

    @Test
    void streamsTheHistoryOfAnOrganizationAsNdjsonInRecordedOrder() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String other = id("org");
        String second = id("event");
        String first = id("event");
        String third = id("event");
        // Produced out of recorded order, under different keys, hence partitions.
        awaitProjected(
                send(CloudEventRecords.of(second, id("record"), new HonorRoomVisited(id("r"), org, campaign, DAY, 2),
                        T0.plusMinutes(2))),
                send(CloudEventRecords.of(first, id("record"), new HonorRoomVisited(id("r"), org, campaign, DAY, 1),
                        T0.plusMinutes(1))),
                send(CloudEventRecords.of(id("record"), new HonorRoomVisited(id("r"), other, campaign, DAY, 9),
                        T0.plusMinutes(1))),
                send(CloudEventRecords.of(third, id("record"), new HonorRoomVisited(id("r"), org, campaign, DAY, 3),
                        T0.plusMinutes(3))));

        HttpResponse<String> response = get("/api/audit/events?organizationId=" + encode(org), "application/x-ndjson");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/x-ndjson");
        List<JsonNode> lines = ndjson(response.body());
        assertThat(lines).extracting(line -> line.get("id").asText()).containsExactly(first, second, third);
        JsonNode line = lines.get(0);
        assertThat(line.get("type").asText()).isEqualTo("jingzhun.checklist.HonorRoomVisited.v1");
        assertThat(line.get("time").asText()).isEqualTo("2019-09-27T21:13:00+08:00");
        assertThat(line.get("actor").asText()).isEqualTo("integration-test");
        assertThat(line.get("organizationId").asText()).isEqualTo(org);
        assertThat(line.get("campaignId").asText()).isEqualTo(campaign);
        assertThat(line.at("/event/visitors").asInt()).isEqualTo(1);

        String window = "&from=" + encode(T0.plusMinutes(2).toString()) + "&to=" + encode(T0.plusMinutes(3).toString());
        assertThat(ndjson(get("/api/audit/events?type=HonorRoomVisited&organizationId=" + encode(org) + window,
                "application/x-ndjson").body())).extracting(l -> l.get("id").asText()).containsExactly(second, third);
    }

    @Test
    void refusesABadAuditFilterWithAProblemNamingTheField() throws Exception {
        HttpResponse<String> response = get("/api/audit/events?from=yesterday", "application/x-ndjson");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("from");
    }

    // --- totals stream ---

    @Test
    void streamsTheTotalsOnConnectAndAfterEachCommittedChange() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        try (EventStream stream = EventStream.open(uri("/api/totals/stream?campaignId=" + encode(campaign)))) {
            assertThat(stream.response.statusCode()).isEqualTo(200);
            assertThat(stream.response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("text/event-stream"));

            ServerSentEvent current = stream.next();
            assertThat(current.name).isEqualTo("totals");
            JsonNode totals = JSON.readTree(current.data);
            assertThat(totals.get("campaignId").asText()).isEqualTo(campaign);
            assertThat(totals.at("/honorRoom/personVisits").asLong()).isZero();
            assertThat(current.id).isEqualTo(totals.get("eventsProjected").asText());

            awaitProjected(send(CloudEventRecords.of(org, new HonorRoomVisited(id("r"), org, campaign, DAY, 12), T0)));
            JsonNode changed = stream.nextUntil(event -> event.json().at("/honorRoom/personVisits").asLong() == 12);
            assertThat(changed.at("/honorRoom/units").asLong()).isEqualTo(1);
            // The same JSON as GET /api/totals, at the same position.
            JsonNode polled = JSON.readTree(get("/api/totals?campaignId=" + encode(campaign), "application/json").body());
            if (polled.get("eventsProjected").equals(changed.get("eventsProjected"))) {
                assertThat(changed).isEqualTo(polled);
            }

            awaitProjected(send(CloudEventRecords.of(org, new HonorRoomVisited(id("r"), org, campaign, DAY, 5), T0)));
            stream.nextUntil(event -> event.json().at("/honorRoom/personVisits").asLong() == 17);

            // Idle now: the heartbeat (1 s here) keeps the connection busy.
            await().atMost(BOUND).until(() -> stream.comments.contains(":heartbeat"));
        }
    }

    @Test
    void refusesTheTotalsStreamWithoutCredentials() throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(uri("/api/totals/stream"))
                .header("Accept", "text/event-stream").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
    }

    // --- totals as of an instant ---

    @Test
    void answersTheTotalsAsOfInstantsBetweenEventsAndTheLiveTotalsAfterTheLast() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String problem = id("problem");
        OffsetDateTime t1 = T0.plusDays(10);
        OffsetDateTime t2 = t1.plusHours(1);
        OffsetDateTime t3 = t2.plusHours(1);
        awaitProjected(
                send(CloudEventRecords.of(org, new HonorRoomVisited(id("r"), org, campaign, DAY, 3), t1)),
                send(CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign, FocusArea.SERVING_THE_MASSES,
                        ProblemSource.SOLICITED_OPINION, null, "办事难", "王五", t3.plusDays(30).toInstant()), t2)),
                send(CloudEventRecords.of(problem, new ProblemRectified(problem, org, campaign, "已整改", List.of()), t3)),
                send(CloudEventRecords.of(org, new HonorRoomVisited(id("r"), org, campaign, DAY, 4), t3)));

        JsonNode beforeAll = asOf(campaign, t1.minusSeconds(1));
        assertThat(beforeAll.at("/honorRoom/personVisits").asLong()).isZero();
        JsonNode afterFirst = asOf(campaign, t1.plusMinutes(30));
        assertThat(afterFirst.at("/honorRoom/personVisits").asLong()).isEqualTo(3);
        assertThat(afterFirst.at("/problems/found").asLong()).isZero();
        JsonNode atSecond = asOf(campaign, t2);
        assertThat(atSecond.at("/problems/inProgress").asLong()).isEqualTo(1);
        assertThat(atSecond.at("/problems/bySource/SOLICITED_OPINION").asLong()).isEqualTo(1);
        // asOf: the time of the last event included.
        assertThat(atSecond.get("asOf").asText()).isEqualTo("2019-10-07T22:12:00+08:00");
        JsonNode atThird = asOf(campaign, t3);
        assertThat(atThird.at("/honorRoom/personVisits").asLong()).isEqualTo(7);
        assertThat(atThird.at("/problems/rectified").asLong()).isEqualTo(1);
        assertThat(atThird.at("/problems/inProgress").asLong()).isZero();

        // After the last event: the live totals, field for field.
        JsonNode live = JSON.readTree(get("/api/totals?campaignId=" + encode(campaign), "application/json").body());
        assertThat(asOf(campaign, OffsetDateTime.parse("2100-01-01T00:00:00+08:00"))).isEqualTo(live);
        JsonNode liveAll = JSON.readTree(get("/api/totals", "application/json").body());
        assertThat(asOf(null, OffsetDateTime.parse("2100-01-01T00:00:00+08:00"))).isEqualTo(liveAll);
    }

    @Test
    void refusesAnAsOfThatIsNoInstant() throws Exception {
        HttpResponse<String> response = get("/api/totals?asOf=" + encode("27.09.2019"), "application/json");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(response.body()).at("/errors/0/field").asText()).isEqualTo("asOf");
    }

    private static JsonNode asOf(String campaign, OffsetDateTime instant) throws Exception {
        String query = "?asOf=" + encode(instant.toString()) + (campaign == null ? "" : "&campaignId=" + encode(campaign));
        HttpResponse<String> response = get("/api/totals" + query, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    // --- plumbing ---

    /** A Server-Sent Events connection read line by line on its own thread, as a browser's EventSource would. */
    private static final class EventStream implements AutoCloseable {
        final HttpResponse<Stream<String>> response;
        final BlockingQueue<ServerSentEvent> events = new LinkedBlockingQueue<>();
        final List<String> comments = new java.util.concurrent.CopyOnWriteArrayList<>();
        private final Thread reader;

        private EventStream(HttpResponse<Stream<String>> response) {
            this.response = response;
            this.reader = new Thread(this::read, "sse-reader");
            this.reader.setDaemon(true);
            this.reader.start();
        }

        static EventStream open(URI uri) throws Exception {
            HttpRequest request = HttpRequest.newBuilder(uri).header("Accept", "text/event-stream")
                    .header("Authorization", basic()).build();
            return new EventStream(HTTP.send(request, HttpResponse.BodyHandlers.ofLines()));
        }

        private void read() {
            ServerSentEvent.Builder event = new ServerSentEvent.Builder();
            try (Stream<String> lines = response.body()) {
                lines.forEach(line -> {
                    if (line.isEmpty()) {
                        if (event.hasData()) {
                            events.add(event.build());
                        }
                        event.reset();
                    } else if (line.startsWith(":")) {
                        comments.add(line);
                    } else {
                        event.field(line);
                    }
                });
            } catch (RuntimeException e) {
                // closed by the test
            }
        }

        ServerSentEvent next() throws InterruptedException {
            ServerSentEvent event = events.poll(BOUND.toSeconds(), TimeUnit.SECONDS);
            assertThat(event).as("a totals event within " + BOUND).isNotNull();
            return event;
        }

        /** Reads events until one matches; returns its JSON. */
        JsonNode nextUntil(java.util.function.Predicate<ServerSentEvent> wanted) throws Exception {
            long deadline = System.nanoTime() + BOUND.toNanos();
            while (System.nanoTime() < deadline) {
                ServerSentEvent event = next();
                assertThat(event.name).isEqualTo("totals");
                assertThat(event.id).isEqualTo(event.json().get("eventsProjected").asText());
                if (wanted.test(event)) {
                    return event.json();
                }
            }
            throw new AssertionError("no matching totals event within " + BOUND);
        }

        @Override
        public void close() {
            reader.interrupt();
            response.body().close();
        }
    }

    private record ServerSentEvent(String name, String id, String data) {

        JsonNode json() {
            try {
                return JSON.readTree(data);
            } catch (Exception e) {
                throw new AssertionError("not JSON: " + data, e);
            }
        }

        static final class Builder {
            private String name;
            private String id;
            private StringBuilder data;

            void field(String line) {
                int colon = line.indexOf(':');
                String field = colon < 0 ? line : line.substring(0, colon);
                String value = colon < 0 ? "" : line.substring(colon + 1).replaceFirst("^ ", "");
                switch (field) {
                    case "event" -> name = value;
                    case "id" -> id = value;
                    case "data" -> data = data == null ? new StringBuilder(value) : data.append('\n').append(value);
                    default -> {
                        // retry and unknown fields
                    }
                }
            }

            boolean hasData() {
                return data != null;
            }

            ServerSentEvent build() {
                return new ServerSentEvent(name == null ? "message" : name, id, data.toString());
            }

            void reset() {
                name = null;
                id = null;
                data = null;
            }
        }
    }

    private static List<JsonNode> ndjson(String body) throws Exception {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            if (!line.isEmpty()) {
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return service.send(record);
    }

    private static void awaitProjected(RecordMetadata... records) {
        service.awaitProjected(records);
    }

    private static HttpResponse<String> get(String path, String accept) {
        return service.request("GET", path, accept);
    }

    private static URI uri(String path) {
        return service.uri(path);
    }

    private static String basic() {
        return ReportingUnderTest.basic();
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

}
