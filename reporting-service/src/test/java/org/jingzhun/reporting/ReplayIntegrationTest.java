package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.platform.web.IdempotencyFilter;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * {@code POST /api/admin/replay} as deployed: real Kafka, real PostgreSQL, the service over HTTP. A
 * read model spoiled behind the projector's back is rebuilt from the topics, the difference is reported,
 * the rebuilt tables take over, and the live projector goes on from where it was without counting
 * anything twice.
 */
class ReplayIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(60);
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
        service = ReportingUnderTest.start(dataDirectory);
        database = service.database();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void rebuildsEveryReadModelFromTheTopicsReportsTheDifferenceAndGoesOnLive() throws Exception {
        String campaign = "campaign-" + UUID.randomUUID();
        String org = "org-" + UUID.randomUUID();
        String problem = "problem-" + UUID.randomUUID();
        String visit = UUID.randomUUID().toString();
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(send(CloudEventRecords.of(org, new OrganizationRegistered(org, "兴隆镇党委", Tier.SECTION,
                Sector.TOWNSHIP, null), T0)));
        for (int visitors = 1; visitors <= 3; visitors++) {
            sent.add(send(CloudEventRecords.of("record-" + org, new HonorRoomVisited("record-" + org, org, campaign,
                    DAY, visitors), T0.plusMinutes(visitors))));
        }
        // The relay delivering one event twice: counted once, live and rebuilt.
        sent.add(send(CloudEventRecords.of(visit, "record-" + org,
                new HonorRoomVisited("record-" + org, org, campaign, DAY, 10), T0.plusMinutes(4))));
        sent.add(send(CloudEventRecords.of(visit, "record-" + org,
                new HonorRoomVisited("record-" + org, org, campaign, DAY, 10), T0.plusMinutes(4))));
        sent.add(send(CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign,
                FocusArea.SERVING_THE_MASSES, ProblemSource.SELF_INSPECTION, null, "办事难", "王五",
                Instant.parse("2019-10-31T16:00:00Z")), T0.plusMinutes(5))));
        sent.add(send(CloudEventRecords.of(problem, new ProblemRectified(problem, org, campaign, "已整改", List.of()),
                T0.plusMinutes(6))));
        // A poison record: dead-lettered live, left out of the rebuild.
        sent.add(send(CloudEventRecords.raw(Topics.CHECKLIST_EVENTS, UUID.randomUUID().toString(),
                "jingzhun.checklist.HonorRoomVisited.v1", "record-" + org,
                "{not json".getBytes(StandardCharsets.UTF_8), T0.plusMinutes(7))));
        // JSON that only the schema refuses (no visitor): dead-lettered live, so the rebuild checks it too (it
        // leaves the check out only for records the live projector applied) and leaves it out as well.
        sent.add(send(CloudEventRecords.raw(Topics.CHECKLIST_EVENTS, UUID.randomUUID().toString(),
                "jingzhun.checklist.HonorRoomVisited.v1", "record-" + org, ("{\"recordId\":\"record-" + org
                        + "\",\"organizationId\":\"" + org + "\",\"campaignId\":\"" + campaign
                        + "\",\"date\":\"2019-09-20\",\"visitors\":0}").getBytes(StandardCharsets.UTF_8),
                T0.plusMinutes(7))));
        awaitProjected(sent);
        JsonNode before = json(get("/api/totals?campaignId=" + campaign));
        assertThat(before.at("/honorRoom/personVisits").asLong()).isEqualTo(16);
        assertThat(before.at("/problems/rectified").asLong()).isEqualTo(1);

        // A read model spoiled behind the projector's back (a bug, a hand edit).
        SpoiledReadModel.addVisitors(database, org, 100);
        assertThat(json(get("/api/totals?campaignId=" + campaign)).at("/honorRoom/personVisits").asLong())
                .isEqualTo(416);

        JsonNode finished = replayToTheEnd();
        assertThat(finished.get("totalsEqual").asBoolean()).isFalse();
        assertThat(finished.get("differences").toString()).contains("/honorRoom/personVisits live 416, rebuilt 16");
        assertThat(finished.get("skipped").asLong()).isEqualTo(2);
        assertThat(finished.get("eventsDone").asLong()).isEqualTo(sent.size());
        assertThat(finished.get("eventsTotal").asLong()).isEqualTo(sent.size());
        assertThat(json(get("/api/totals?campaignId=" + campaign))).isEqualTo(before);
        assertThat(json(get("/api/audit/events?organizationId=" + org, "application/x-ndjson")
                .lines().findFirst().orElseThrow()).get("type").asText())
                .isEqualTo("jingzhun.organization.OrganizationRegistered.v1");
        assertThat(database.sql("""
                        SELECT count(*) FROM pg_namespace WHERE nspname LIKE 'replay\\_%' OR nspname LIKE 'replaced\\_%'""")
                .query(Long.class).single()).isZero();

        // The live projector goes on from its offsets: the next event counts once, nothing before it again.
        awaitProjected(List.of(send(CloudEventRecords.of("record-" + org,
                new HonorRoomVisited("record-" + org, org, campaign, DAY, 5), T0.plusMinutes(8)))));
        JsonNode after = json(get("/api/totals?campaignId=" + campaign));
        assertThat(after.at("/honorRoom/personVisits").asLong()).isEqualTo(21);
        assertThat(after.get("eventsProjected").asLong()).isEqualTo(before.get("eventsProjected").asLong() + 1);

        // Nothing spoiled now: a second rebuild finds the same totals.
        JsonNode again = replayToTheEnd();
        assertThat(again.get("totalsEqual").asBoolean()).as(again.toString()).isTrue();
        assertThat(json(get("/api/totals?campaignId=" + campaign))).isEqualTo(after);
    }

    @Test
    void answersAnUnknownReplayWithAProblemNamingIt() throws Exception {
        HttpResponse<String> response = request("GET", "/api/admin/replay/nope", "application/json");

        assertThat(response.statusCode()).isEqualTo(404);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("replay.not-found");
    }

    private static JsonNode replayToTheEnd() throws Exception {
        // Keyed, as a client that may retry would send it: the answer is kept (a request that sends no command).
        String key = UUID.randomUUID().toString();
        HttpResponse<String> started = keyed("POST", "/api/admin/replay", key);
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asText();
        assertThat(started.headers().firstValue("Location")).hasValue("/api/admin/replay/" + id);
        JsonNode[] last = new JsonNode[1];
        await().atMost(BOUND).untilAsserted(() -> {
            last[0] = json(get("/api/admin/replay/" + id));
            assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
        });
        assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("COMPLETED");
        assertThat(last[0].get("phase").asText()).isEqualTo("DONE");
        // The latest replay, as the dashboard's progress bar reads it, is this one.
        assertThat(json(get("/api/admin/replay"))).isEqualTo(last[0]);
        // A retry with the same key gets the first answer again and starts nothing.
        HttpResponse<String> retried = keyed("POST", "/api/admin/replay", key);
        assertThat(retried.statusCode()).as(retried.body()).isEqualTo(202);
        assertThat(retried.headers().firstValue(IdempotencyFilter.REPLAYED_HEADER)).hasValue("true");
        assertThat(JSON.readTree(retried.body()).get("id").asText()).isEqualTo(id);
        assertThat(json(get("/api/admin/replay"))).isEqualTo(last[0]);
        return last[0];
    }

    private static HttpResponse<String> keyed(String method, String path, String idempotencyKey) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(service.uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", ReportingUnderTest.basic())
                .header("Accept", "application/json")
                .header(IdempotencyFilter.HEADER, idempotencyKey)
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return service.send(record);
    }

    private static void awaitProjected(List<RecordMetadata> records) {
        service.awaitProjected(records.toArray(RecordMetadata[]::new));
    }

    private static JsonNode json(String body) throws Exception {
        return JSON.readTree(body);
    }

    private static String get(String path) {
        return get(path, "application/json");
    }

    private static String get(String path, String accept) {
        HttpResponse<String> response = request("GET", path, accept);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static HttpResponse<String> request(String method, String path, String accept) {
        return service.request(method, path, accept);
    }
}
