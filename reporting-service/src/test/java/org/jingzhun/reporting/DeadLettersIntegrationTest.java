package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What reporting does with records it cannot take whole, on a real PostgreSQL and Kafka: text carrying
 * U+0000 is stored and counted; a read model that fails parks the record for itself only, in
 * {@code GET /api/admin/dead-letters}, and {@code POST /api/admin/dead-letters/{id}/redrive} applies it after
 * the fix, exactly once.
 */
class DeadLettersIntegrationTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;

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
    void storesAndCountsEventsWhoseTextCarriesNul() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String research = id("research");
        // Jackson writes U+0000 as \u0000, as any JSON producer must: jsonb cannot hold it.
        RecordMetadata registered = service.send(CloudEventRecords.of(org, new OrganizationRegistered(org,
                "兴隆\u0000镇党委", Tier.SECTION, Sector.TOWNSHIP, null), T0));
        RecordMetadata submitted = service.send(CloudEventRecords.of("record-" + org, new ResearchSubmitted(
                "record-" + org, research, org, campaign, ResearchKind.RESEARCH_REPORT, "a\u0000b", null,
                LocalDate.of(2019, 9, 20)), T0.plusMinutes(1)));
        service.awaitProjected(registered, submitted);

        assertThat(json(get("/api/totals?campaignId=" + campaign)).at("/research/RESEARCH_REPORT").asLong()).isEqualTo(1);
        assertThat(service.database().sql("SELECT name FROM organization WHERE organization_id = ?").param(org)
                .query(String.class).single()).isEqualTo("兴隆\uFFFD镇党委");
        List<JsonNode> audit = get("/api/audit/events?organizationId=" + org, "application/x-ndjson").lines()
                .map(DeadLettersIntegrationTest::json).toList();
        assertThat(audit).hasSize(2);
        // The export shows each event as it travelled, NUL included.
        assertThat(audit.get(0).at("/event/name").asText()).isEqualTo("兴隆\u0000镇党委");
        assertThat(audit.get(1).at("/event/title").asText()).isEqualTo("a\u0000b");
        for (JsonNode letter : deadLetters("?size=200").get("items")) {
            for (RecordMetadata record : List.of(registered, submitted)) {
                assertThat(letter.get("topic").asText() + "-" + letter.get("partition").asInt() + "@"
                        + letter.get("offset").asLong())
                        .isNotEqualTo(record.topic() + "-" + record.partition() + "@" + record.offset());
            }
        }
    }

    @Test
    void parksARecordForTheReadModelThatFailedAndRedrivesItOnceAfterTheFix() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String problem = id("problem");
        // Rectified before it was logged (a producer's bug): the totals cannot take it, the audit trail can.
        RecordMetadata rectified = service.send(CloudEventRecords.of(problem,
                new ProblemRectified(problem, org, campaign, "已整改", List.of()), T0));
        service.awaitProjected(rectified);

        JsonNode letter = findLetter(rectified);
        assertThat(letter.get("status").asText()).isEqualTo("PARKED");
        assertThat(letter.get("readModels")).hasSize(1);
        assertThat(letter.at("/readModels/0").asText()).isEqualTo("TotalsProjection");
        assertThat(letter.get("reason").asText()).contains("problem " + problem + " is unknown");
        assertThat(letter.get("key").asText()).isEqualTo(problem);
        assertThat(letter.at("/headers/ce_type").asText()).isEqualTo("jingzhun.rectification.ProblemRectified.v1");
        assertThat(json(letter.get("value").asText()).get("problemId").asText()).isEqualTo(problem);
        assertThat(get("/api/audit/events?organizationId=" + org, "application/x-ndjson").lines()).hasSize(1);
        assertThat(parkedGauge(Topics.RECTIFICATION_EVENTS)).isPositive();
        long id = letter.get("id").asLong();

        HttpResponse<String> stillFailing = service.request("POST", "/api/admin/dead-letters/" + id + "/redrive", null);
        assertThat(stillFailing.statusCode()).as(stillFailing.body()).isEqualTo(422);
        assertThat(json(stillFailing.body()).get("code").asText()).isEqualTo("dead-letter.still-failing");
        assertThat(json(stillFailing.body()).get("detail").asText()).contains("problem " + problem + " is unknown");

        // The fix: the missing event arrives.
        service.awaitProjected(service.send(CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign,
                FocusArea.SERVING_THE_MASSES, ProblemSource.SELF_INSPECTION, null, "办事难", "王五",
                Instant.parse("2019-10-31T16:00:00Z")), T0.minusHours(1))));
        assertThat(json(get("/api/totals?campaignId=" + campaign)).at("/problems/rectified").asLong()).isZero();

        double parkedBefore = parkedGauge(Topics.RECTIFICATION_EVENTS);
        HttpResponse<String> redriven = service.request("POST", "/api/admin/dead-letters/" + id + "/redrive", null);
        assertThat(redriven.statusCode()).as(redriven.body()).isEqualTo(200);
        assertThat(json(redriven.body()).get("status").asText()).isEqualTo("REDRIVEN");
        JsonNode totals = json(get("/api/totals?campaignId=" + campaign));
        assertThat(totals.at("/problems/rectified").asLong()).isEqualTo(1);
        assertThat(totals.at("/problems/found").asLong()).isEqualTo(1);
        assertThat(parkedGauge(Topics.RECTIFICATION_EVENTS)).isEqualTo(parkedBefore - 1);
        // The audit trail had it already: still once.
        assertThat(get("/api/audit/events?organizationId=" + org, "application/x-ndjson").lines()).hasSize(2);

        HttpResponse<String> again = service.request("POST", "/api/admin/dead-letters/" + id + "/redrive", null);
        assertThat(again.statusCode()).isEqualTo(409);
        assertThat(json(again.body()).get("code").asText()).isEqualTo("dead-letter.redriven");
        assertThat(json(get("/api/totals?campaignId=" + campaign)).at("/problems/rectified").asLong()).isEqualTo(1);
        assertThat(deadLetters("?status=REDRIVEN").findValuesAsText("id")).contains(Long.toString(id));

        // A rebuild from the topics parks the record again, then applies it as it was re-driven live.
        HttpResponse<String> started = service.request("POST", "/api/admin/replay", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String replay = json(started.body()).get("id").asText();
        JsonNode[] finished = new JsonNode[1];
        await().atMost(ReportingUnderTest.BOUND.multipliedBy(3)).untilAsserted(() -> {
            finished[0] = json(get("/api/admin/replay/" + replay));
            assertThat(finished[0].get("status").asText()).isNotEqualTo("RUNNING");
        });
        assertThat(finished[0].get("status").asText()).as(finished[0].toString()).isEqualTo("COMPLETED");
        assertThat(finished[0].get("totalsEqual").asBoolean()).as(finished[0].toString()).isTrue();
        assertThat(json(get("/api/totals?campaignId=" + campaign)).at("/problems/rectified").asLong()).isEqualTo(1);
    }

    @Test
    void parksAPoisonRecordWholeAndAnswersBadRequestsWithProblems() throws Exception {
        RecordMetadata poison = service.send(CloudEventRecords.raw(Topics.CHECKLIST_EVENTS, id("event"),
                "jingzhun.checklist.HonorRoomVisited.v1", id("record"), "{not json".getBytes(StandardCharsets.UTF_8), T0));
        service.awaitProjected(poison);

        JsonNode letter = findLetter(poison);
        assertThat(letter.get("readModels")).isEmpty();
        assertThat(letter.get("reason").asText()).startsWith("not JSON");
        assertThat(letter.get("value").asText()).isEqualTo("{not json");

        assertProblem(service.request("GET", "/api/admin/dead-letters?status=LOST", null), 400, "status");
        assertProblem(service.request("GET", "/api/admin/dead-letters?size=0", null), 400, "size");
        assertProblem(service.request("GET", "/api/admin/dead-letters?page=-1", null), 400, "page");
        assertProblem(service.request("POST", "/api/admin/dead-letters/999999999/redrive", null), 404, "id");
        HttpResponse<String> anonymous = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(service.uri("/api/admin/dead-letters")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(anonymous.statusCode()).isEqualTo(401);
    }

    private static void assertProblem(HttpResponse<String> response, int status, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        if (status == 400) {
            assertThat(json(response.body()).at("/errors/0/field").asText()).isEqualTo(field);
        }
    }

    private static JsonNode findLetter(RecordMetadata record) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(ReportingUnderTest.BOUND).untilAsserted(() -> {
            JsonNode page = deadLetters("?topic=" + URLEncoder.encode(record.topic(), StandardCharsets.UTF_8) + "&size=200");
            assertThat(page.get("total").asLong()).isPositive();
            for (JsonNode item : page.get("items")) {
                if (item.get("partition").asInt() == record.partition() && item.get("offset").asLong() == record.offset()) {
                    found[0] = item;
                }
            }
            assertThat(found[0]).isNotNull();
        });
        assertThat(found[0].get("topic").asText()).isEqualTo(record.topic());
        return found[0];
    }

    private static JsonNode deadLetters(String query) {
        return json(get("/api/admin/dead-letters" + query));
    }

    private static double parkedGauge(String topic) {
        return service.app().getBean(MeterRegistry.class).get("jingzhun.projection.dead.letters.parked")
                .tag("topic", topic).gauge().value();
    }

    private static String get(String path) {
        return get(path, "application/json");
    }

    private static String get(String path, String accept) {
        HttpResponse<String> response = service.request("GET", path, accept);
        assertThat(response.statusCode()).as(path + ": " + response.body()).isEqualTo(200);
        return response.body();
    }

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (Exception e) {
            throw new IllegalStateException(body, e);
        }
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }
}
