package org.jingzhun.reporting.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.TestHttp;
import org.jingzhun.embedded.TestTokenIssuer;
import org.jingzhun.reporting.CloudEventRecords;
import org.jingzhun.reporting.ReportingUnderTest;
import org.jingzhun.reporting.SourcePlan;
import org.jingzhun.reporting.SpoiledReadModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every endpoint × every role × inside / outside a secretary's subtree → allowed or the expected
 * refusal; the stream takes its token as a query parameter, nothing else does; a verifying replay is
 * an auditor's and never swaps the tables.
 */
class ReportingAuthorizationTest {

    private static final String ADMIN = "admin";
    private static final String SECRETARY = "secretary of A";
    private static final String AUDITOR = "auditor";
    private static final String VIEWER = "viewer";
    private static final String PUBLISHER = "publisher";
    private static final String NOBODY = "no credentials";
    /** Any answer but 401 and 403: the caller got through to the endpoint. */
    private static final int ALLOWED = 0;
    /** Not tried for this caller here (a replay it may start is tried on its own below). */
    private static final int SKIP = -1;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static TestTokenIssuer issuer;
    private static final Map<String, String> callers = new LinkedHashMap<>();
    private static final String campaign = "campaign-" + UUID.randomUUID();
    private static final String a = "org-a-" + UUID.randomUUID();
    private static final String a1 = "org-a1-" + UUID.randomUUID();
    private static final String b = "org-b-" + UUID.randomUUID();
    private static final String b1 = "org-b1-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        issuer = TestTokenIssuer.start();
        service = ReportingUnderTest.start(dataDirectory, issuer.serviceArguments());
        List<RecordMetadata> sent = new ArrayList<>();
        sent.add(service.send(CloudEventRecords.of(campaign, new CampaignLaunched(campaign, "第二批主题教育",
                LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)), T0)));
        sent.add(service.send(CloudEventRecords.of(campaign, 1, new GuidancePlanIssued(campaign, 1,
                LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30), SourcePlan.sourceDocumentPlan()), T0)));
        sent.add(service.send(CloudEventRecords.of(a, new OrganizationRegistered(a, "甲镇", Tier.SECTION, Sector.TOWNSHIP, null), T0)));
        sent.add(service.send(CloudEventRecords.of(a1, new OrganizationRegistered(a1, "甲村", Tier.BRANCH, Sector.VILLAGE, a), T0)));
        sent.add(service.send(CloudEventRecords.of(b, new OrganizationRegistered(b, "乙镇", Tier.SECTION, Sector.TOWNSHIP, null), T0)));
        sent.add(service.send(CloudEventRecords.of(b1, new OrganizationRegistered(b1, "乙村", Tier.BRANCH, Sector.VILLAGE, b), T0)));
        sent.add(service.send(CloudEventRecords.of("record-" + a1, new HonorRoomVisited("record-" + a1, a1, campaign,
                LocalDate.of(2019, 9, 20), 7), T0.plusMinutes(1))));
        sent.add(service.send(CloudEventRecords.of("record-" + b1, new HonorRoomVisited("record-" + b1, b1, campaign,
                LocalDate.of(2019, 9, 21), 5), T0.plusMinutes(2))));
        service.awaitProjected(sent.toArray(RecordMetadata[]::new));
        callers.put(ADMIN, ReportingUnderTest.basic());
        callers.put(SECRETARY, issuer.bearer("sec-a", "SECRETARY", a));
        callers.put(AUDITOR, issuer.bearer("aud", "AUDITOR", null));
        callers.put(VIEWER, issuer.bearer("view", "VIEWER", null));
        callers.put(PUBLISHER, issuer.bearer("pub", "PUBLISHER", null));
        callers.put(NOBODY, null);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (issuer != null) {
            issuer.close();
        }
    }

    private record Case(String method, String path, String body, Map<String, Integer> expected) {
        int expectedFor(String caller) {
            Integer status = expected.get(caller);
            return status != null ? status : caller.equals(NOBODY) ? 401 : 403;
        }
    }

    private static Case when(String method, String path, String body, Object... callerThenStatus) {
        Map<String, Integer> expected = new LinkedHashMap<>();
        for (int i = 0; i < callerThenStatus.length; i += 2) {
            expected.put((String) callerThenStatus[i], (Integer) callerThenStatus[i + 1]);
        }
        return new Case(method, path, body, expected);
    }

    private static List<Case> cases() {
        Object[] readers = {ADMIN, ALLOWED, SECRETARY, ALLOWED, AUDITOR, ALLOWED, VIEWER, ALLOWED};
        Object[] auditors = {ADMIN, ALLOWED, AUDITOR, ALLOWED};
        String inCampaign = "?campaignId=" + campaign;
        return List.of(
                when("GET", "/", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200, VIEWER, 200, PUBLISHER, 200, NOBODY, 200),
                when("GET", "/api/totals?campaignId=" + campaign, null, readers),
                when("GET", "/api/totals?campaignId=" + campaign + "&asOf=2019-09-28T00:00:00%2B08:00", null, readers),
                when("GET", "/api/compliance?campaignId=" + campaign, null, readers),
                when("GET", "/api/dashboard/campaigns", null, readers),
                when("GET", "/api/dashboard/organizations" + inCampaign, null, readers),
                when("GET", "/api/dashboard/activity" + inCampaign, null, readers),
                when("GET", "/api/dashboard/breakdowns" + inCampaign, null, readers),
                when("GET", "/api/organizations/" + a1 + "/ledger", null, ADMIN, ALLOWED, SECRETARY, ALLOWED, AUDITOR, ALLOWED),
                when("GET", "/api/organizations/" + b1 + "/ledger", null, ADMIN, ALLOWED, AUDITOR, ALLOWED),
                when("GET", "/api/organizations/" + a1 + "/scorecard?campaignId=" + campaign, null, readers),
                when("GET", "/api/organizations/" + b1 + "/scorecard?campaignId=" + campaign, null,
                        ADMIN, ALLOWED, AUDITOR, ALLOWED, VIEWER, ALLOWED),
                // The audit trail is county-wide and carries every payload: auditors' (and the county admin's).
                when("GET", "/api/audit/events?organizationId=" + a1, null, auditors),
                when("GET", "/api/audit/verify", null, auditors),
                when("GET", "/api/audit/proof?eventId=none", null, auditors),
                when("GET", "/api/audit/checkpoints", null, auditors),
                when("GET", "/api/audit/key", null, auditors),
                when("POST", "/api/audit/checkpoints", "{}", ADMIN, ALLOWED),
                when("GET", "/api/admin/dead-letters", null, auditors),
                when("POST", "/api/admin/dead-letters/999999/redrive", "{}", ADMIN, 404),
                when("GET", "/api/admin/replay", null, auditors),
                when("GET", "/api/admin/replay/none", null, ADMIN, 404, AUDITOR, 404),
                // Rebuilding replaces the live tables: the county admin's alone, not the auditor's.
                when("POST", "/api/admin/replay", "{\"mode\":\"REBUILD\"}", ADMIN, SKIP),
                when("POST", "/api/admin/replay", "{}", ADMIN, SKIP),
                when("POST", "/api/admin/replay", "{\"mode\":\"VERIFY\"}", ADMIN, SKIP, AUDITOR, SKIP),
                when("GET", "/actuator/prometheus", null, ADMIN, 200));
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String caller : callers.keySet()) {
                int expected = c.expectedFor(caller);
                if (expected == SKIP) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.method() + " " + c.path() + " as " + caller + " → "
                        + (expected == ALLOWED ? "allowed" : expected), () -> {
                    String recordedBefore = recorded();
                    HttpResponse<String> response = send(callers.get(caller), c.method(), c.path(), c.body());
                    if (expected == ALLOWED) {
                        assertThat(response.statusCode()).as(response.body()).isNotIn(401, 403);
                    } else {
                        assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
                    }
                    if (expected == 403) {
                        assertThat(JSON.readTree(response.body()).get("code").asText()).isEqualTo("forbidden");
                    }
                    if (expected == 401 || expected == 403) {
                        assertThat(recorded()).as("recorded by a denied request").isEqualTo(recordedBefore);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void anAuditorVerifiesWithoutSwappingTheTables() throws Exception {
        // A read model spoiled behind the projector's back: a verifying replay reports it and leaves it.
        SpoiledReadModel.addVisitors(service.database(), a1, 100);
        HttpResponse<String> started = send(callers.get(AUDITOR), "POST", "/api/admin/replay", "{\"mode\":\"VERIFY\"}");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        String id = JSON.readTree(started.body()).get("id").asText();

        JsonNode[] finished = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
            finished[0] = JSON.readTree(send(callers.get(AUDITOR), "GET", "/api/admin/replay/" + id, null).body());
            assertThat(finished[0].get("status").asText()).isNotEqualTo("RUNNING");
        });

        assertThat(finished[0].get("status").asText()).as(finished[0].toString()).isEqualTo("COMPLETED");
        assertThat(finished[0].get("totalsEqual").asBoolean()).isFalse();
        assertThat(JSON.readTree(send(callers.get(VIEWER), "GET", "/api/totals?campaignId=" + campaign, null).body())
                .at("/honorRoom/personVisits").asLong()).isEqualTo(107 + 5);
    }

    @Test
    void aSecretarySeesWhoIsBehindInItsOwnSubtreeOnly() throws Exception {
        List<String> county = behind(callers.get(ADMIN));
        List<String> secretarys = behind(callers.get(SECRETARY));

        assertThat(county).contains(a1, b1);
        assertThat(secretarys).contains(a1).doesNotContain(b, b1);
    }

    @Test
    void aSecretarysTotalsCountItsSubtreeOnlyNowAndAsOfAnInstant() throws Exception {
        for (String asOf : new String[] {"", "&asOf=2019-09-28T00:00:00%2B08:00"}) {
            JsonNode county = totals(callers.get(AUDITOR), asOf);
            JsonNode secretarys = totals(callers.get(SECRETARY), asOf);

            assertThat(county.at("/organizations/total").asLong()).as(asOf).isGreaterThanOrEqualTo(4);
            assertThat(county.at("/honorRoom/units").asLong()).as(asOf).isEqualTo(2);
            assertThat(secretarys.at("/organizations/total").asLong()).as(asOf).isEqualTo(2);
            assertThat(secretarys.at("/organizations/byTier/BRANCH").asLong()).as(asOf).isEqualTo(1);
            assertThat(secretarys.at("/honorRoom/units").asLong()).as(asOf).isEqualTo(1);
            assertThat(secretarys.at("/honorRoom/personVisits").asLong()).as(asOf)
                    .isEqualTo(county.at("/honorRoom/personVisits").asLong() - 5);
        }
    }

    @Test
    void aSecretarysStreamCountsItsSubtreeOnly() throws Exception {
        String token = callers.get(SECRETARY).substring("Bearer ".length());
        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(service.uri(
                "/api/totals/stream?campaignId=" + campaign + "&access_token=" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        JsonNode first;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            while (line != null && !line.startsWith("data:")) {
                line = lines.readLine();
            }
            assertThat(line).isNotNull();
            first = JSON.readTree(line.substring("data:".length()));
        }

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(first.at("/organizations/total").asLong()).isEqualTo(2);
        assertThat(first.at("/honorRoom/units").asLong()).isEqualTo(1);
    }

    @Test
    void aSecretarysOrganizationListAndActivityShowItsSubtreeOnly() throws Exception {
        HttpResponse<String> list = send(callers.get(SECRETARY), "GET", "/api/dashboard/organizations?campaignId=" + campaign, null);
        assertThat(list.statusCode()).as(list.body()).isEqualTo(200);
        List<String> listed = new ArrayList<>();
        JSON.readTree(list.body()).get("organizations").forEach(row -> listed.add(row.get("organizationId").asText()));
        assertThat(listed).containsExactlyInAnyOrder(a, a1);
        assertThat(JSON.readTree(list.body()).get("total").asLong()).isEqualTo(2);

        HttpResponse<String> activity = send(callers.get(SECRETARY), "GET", "/api/dashboard/activity?campaignId=" + campaign, null);
        assertThat(activity.statusCode()).as(activity.body()).isEqualTo(200);
        List<String> recent = new ArrayList<>();
        JSON.readTree(activity.body()).get("recent").forEach(event -> recent.add(event.get("organizationId").asText()));
        assertThat(recent).contains(a1).allMatch(id -> id.equals(a) || id.equals(a1));
        HttpResponse<String> county = send(callers.get(AUDITOR), "GET", "/api/dashboard/activity?campaignId=" + campaign, null);
        assertThat(county.body()).contains(b1);
    }

    @Test
    void aSecretarysBreakdownsCountItsSubtreeOnly() throws Exception {
        for (String asOf : new String[] {"", "&asOf=2019-09-28T00:00:00%2B08:00"}) {
            JsonNode county = breakdowns(callers.get(AUDITOR), asOf);
            JsonNode secretarys = breakdowns(callers.get(SECRETARY), asOf);

            assertThat(villageBranches(county)).as(asOf).isEqualTo(2);
            assertThat(villageBranches(secretarys)).as(asOf).isEqualTo(1);
            assertThat(secretarys.get("study")).as(asOf).isNotEmpty()
                    .allMatch(row -> row.get("organizations").asLong() <= 1);
        }
    }

    private static JsonNode breakdowns(String authorization, String asOf) throws Exception {
        HttpResponse<String> response = send(authorization, "GET", "/api/dashboard/breakdowns?campaignId=" + campaign + asOf, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static long villageBranches(JsonNode breakdowns) {
        for (JsonNode row : breakdowns.get("checklist")) {
            if (row.get("sector").asText().equals("VILLAGE")) {
                return row.get("branches").asLong();
            }
        }
        throw new AssertionError("no VILLAGE row in " + breakdowns);
    }

    private static JsonNode totals(String authorization, String asOf) throws Exception {
        HttpResponse<String> response = send(authorization, "GET", "/api/totals?campaignId=" + campaign + asOf, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    /** What a request could record here: checkpoints, replays' generations, re-driven dead letters. */
    private static String recorded() {
        return service.database().sql("""
                        SELECT (SELECT count(*) FROM audit_checkpoint) || '/' || (SELECT coalesce(sum(generation), 0)
                               FROM projector_generation) || '/' || (SELECT count(*) FROM projector_dead_letter
                               WHERE status <> 'PARKED')""")
                .query(String.class).single();
    }

    private static List<String> behind(String authorization) throws Exception {
        HttpResponse<String> response = send(authorization, "GET", "/api/compliance?campaignId=" + campaign, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        List<String> organizations = new ArrayList<>();
        JSON.readTree(response.body()).get("behind").forEach(entry -> organizations.add(entry.get("organizationId").asText()));
        return organizations;
    }

    @Test
    void theStreamAloneTakesItsTokenAsAQueryParameter() throws Exception {
        String token = callers.get(VIEWER).substring("Bearer ".length());

        HttpResponse<InputStream> stream = http.send(HttpRequest.newBuilder(service.uri(
                "/api/totals/stream?campaignId=" + campaign + "&access_token=" + token)).GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        stream.body().close();

        assertThat(stream.statusCode()).isEqualTo(200);
        assertThat(send(null, "GET", "/api/totals?campaignId=" + campaign + "&access_token=" + token, null).statusCode())
                .isEqualTo(401);
    }

    private static HttpResponse<String> send(String authorization, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        return TestHttp.send(http, request, authorization);
    }
}
