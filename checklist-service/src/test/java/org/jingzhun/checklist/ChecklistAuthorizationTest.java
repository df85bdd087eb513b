package org.jingzhun.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
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
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.PlatformEndpointRows;
import org.jingzhun.embedded.TestHttp;
import org.jingzhun.embedded.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every endpoint × every role × inside / outside a secretary's subtree → the expected status, nothing
 * recorded on a denial; and the token checks (expired, wrong issuer, wrong signature → 401). The
 * secretary works for A; B is a disjoint subtree. Tokens are signed by a stand-in issuer whose keys
 * the service fetches over HTTP, as it fetches the organization service's.
 */
class ChecklistAuthorizationTest {

    private static final String PASSWORD = "it-secret";
    private static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    private static final String ADMIN = "admin";
    private static final String SECRETARY = "secretary of A";
    private static final String AUDITOR = "auditor";
    private static final String VIEWER = "viewer";
    private static final String PUBLISHER_OF_A = "publisher of A";
    private static final String PUBLISHER = "publisher";
    private static final String NOBODY = "no credentials";
    /** Not tried for this caller: each item is done once per branch. */
    private static final int SKIP = -1;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final AtomicInteger day = new AtomicInteger();

    @TempDir
    static Path dataDirectory;
    private static EmbeddedInfrastructure infra;
    private static OrganizationTopic organizations;
    private static TestTokenIssuer issuer;
    private static ConfigurableApplicationContext app;
    private static final Map<String, String> callers = new LinkedHashMap<>();
    private static String campaign;
    private static String a1;
    private static String b1;
    private static final Map<String, String> memberOf = new LinkedHashMap<>();

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(dataDirectory);
        infra.postgres().createDatabaseIfMissing("checklist");
        organizations = new OrganizationTopic(infra.kafka().bootstrapServers());
        issuer = TestTokenIssuer.start();
        List<String> arguments = new ArrayList<>(List.of("--server.port=0",
                "--spring.datasource.url=" + infra.postgres().jdbcUrl("checklist"),
                "--spring.datasource.username=" + infra.postgres().username(),
                "--spring.datasource.password=",
                "--jingzhun.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                "--jingzhun.kafka.partitions=3",
                "--jingzhun.registry.await-timeout=10s",
                "--jingzhun.admin.password=" + PASSWORD));
        arguments.addAll(List.of(issuer.serviceArguments()));
        app = new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=" + ChecklistServiceApplication.CONFIG_NAME)
                .run(arguments.toArray(String[]::new));
        campaign = "campaign-" + UUID.randomUUID();
        OffsetDateTime before = OffsetDateTime.parse("2019-08-01T09:00:00+08:00");
        organizations.publish(campaign, new CampaignLaunched(campaign, "第二批主题教育", STARTS_ON,
                LocalDate.of(2019, 11, 30)), before);
        organizations.publish(campaign, new GuidancePlanIssued(campaign, 1, STARTS_ON, LocalDate.of(2019, 11, 30),
                SourcePlan.plan()), before);
        String a = organization(Tier.SECTION, Sector.TOWNSHIP, null);
        a1 = organization(Tier.BRANCH, Sector.VILLAGE, a);
        String b = organization(Tier.SECTION, Sector.TOWNSHIP, null);
        b1 = organization(Tier.BRANCH, Sector.VILLAGE, b);
        for (String branch : List.of(a1, b1)) {
            String member = "member-" + UUID.randomUUID();
            organizations.publish(member, new MemberEnrolled(member, branch, MemberField.RURAL, MemberOccupation.NO_POST,
                    MemberStatus.REGULAR), before);
            memberOf.put(branch, member);
        }
        callers.put(ADMIN, "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD)
                .getBytes(StandardCharsets.UTF_8)));
        callers.put(SECRETARY, issuer.bearer("sec-a", "SECRETARY", a));
        callers.put(AUDITOR, issuer.bearer("aud", "AUDITOR", null));
        callers.put(VIEWER, issuer.bearer("view", "VIEWER", null));
        callers.put(PUBLISHER_OF_A, issuer.bearer("pub-a", "PUBLISHER", a));
        callers.put(PUBLISHER, issuer.bearer("pub", "PUBLISHER", null));
        callers.put(NOBODY, null);
        // The replica knows both subtrees before the table starts.
        await().atMost(Duration.ofSeconds(60)).until(() ->
                send(callers.get(ADMIN), "GET", "/api/organizations/" + b1 + "/record?campaignId=" + campaign, null)
                        .statusCode() == 200
                        && send(callers.get(ADMIN), "GET", "/api/organizations/" + a1 + "/record?campaignId=" + campaign,
                        null).statusCode() == 200);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (issuer != null) {
            issuer.close();
        }
        if (organizations != null) {
            organizations.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    private static String organization(Tier tier, Sector sector, String parentId) {
        String id = tier.name().toLowerCase() + "-" + UUID.randomUUID();
        organizations.publish(id, new OrganizationRegistered(id, "组织 " + id, tier, sector, parentId),
                OffsetDateTime.now());
        return id;
    }

    private record Case(String method, String path, String body, Map<String, Integer> expected) {
        int expectedFor(String caller) {
            return caller.equals(NOBODY) ? 401 : expected.getOrDefault(caller, 403);
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
        List<Case> cases = new ArrayList<>();
        for (String org : List.of(a1, b1)) {
            boolean inside = org.equals(a1);
            Object[] writers = inside ? new Object[] {ADMIN, 201, SECRETARY, 201} : new Object[] {ADMIN, 201};
            cases.add(when("POST", "/api/organizations/" + org + "/study-sessions", "SESSION", writers));
            cases.add(when("POST", "/api/organizations/" + org + "/honor-room-visits", "VISIT",
                    inside ? new Object[] {ADMIN, 202, SECRETARY, 202} : new Object[] {ADMIN, 202}));
            cases.add(when("POST", "/api/organizations/" + org + "/checklist/PLAN", "ITEM",
                    inside ? new Object[] {ADMIN, 201, SECRETARY, SKIP} : new Object[] {ADMIN, 201}));
            if (inside) {
                cases.add(when("POST", "/api/organizations/" + org + "/checklist/DEPLOYMENT", "ITEM",
                        ADMIN, SKIP, SECRETARY, 201));
            }
            cases.add(when("POST", "/api/organizations/" + org + "/study-notes", "NOTE " + org, writers));
            cases.add(when("POST", "/api/organizations/" + org + "/research", "RESEARCH", writers));
            cases.add(when("GET", "/api/organizations/" + org + "/record?campaignId=" + campaign, null,
                    inside ? new Object[] {ADMIN, 200, SECRETARY, 200, AUDITOR, 200} : new Object[] {ADMIN, 200, AUDITOR, 200}));
        }
        PlatformEndpointRows.of(a1, b1, "jingzhun.checklist.HonorRoomVisited.v1")
                .forEach(row -> cases.add(new Case(row.method(), row.path(), row.body(), row.expected())));
        return cases;
    }

    private static String body(String template) {
        if (template == null) {
            return null;
        }
        String date = STARTS_ON.plusDays(day.getAndIncrement() % 80).toString();
        return switch (template) {
            case "SESSION" -> "{\"campaignId\":\"" + campaign + "\",\"date\":\"" + date
                    + "\",\"days\":1,\"format\":\"CONCENTRATED\",\"readings\":[\"《摘编》\"],\"attendees\":12}";
            case "VISIT" -> "{\"campaignId\":\"" + campaign + "\",\"date\":\"" + date + "\",\"visitors\":5}";
            case "ITEM" -> "{\"campaignId\":\"" + campaign + "\",\"date\":\"" + date + "\"}";
            case "RESEARCH" -> "{\"campaignId\":\"" + campaign + "\",\"kind\":\"GOLDEN_IDEA\",\"title\":\"金点子\",\"date\":\""
                    + date + "\"}";
            default -> template.startsWith("NOTE ") ? "{\"campaignId\":\"" + campaign + "\",\"memberId\":\""
                    + memberOf.get(template.substring(5)) + "\",\"kind\":\"NOTES\",\"date\":\"" + date + "\"}"
                    : template.startsWith("INBOX ") ? inboxVisit(template.substring(6), date) : template;
        };
    }

    /** A structured CloudEvent, a fresh id each time: an honor-room visit for the organization. */
    private static String inboxVisit(String organizationId, String date) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/authz/kiosk\","
                + "\"type\":\"jingzhun.checklist.HonorRoomVisited.v1\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"orgId\":\"" + organizationId + "\",\"campaignId\":\"" + campaign + "\",\"date\":\""
                + date + "\",\"visitors\":3}}";
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
                tests.add(DynamicTest.dynamicTest(c.method() + " " + c.path() + " as " + caller + " → " + expected, () -> {
                    long eventsBefore = events();
                    HttpResponse<String> response = send(callers.get(caller), c.method(), c.path(), body(c.body()));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
                    if (expected == 401 || expected == 403) {
                        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                                type -> assertThat(type).startsWith("application/problem+json"));
                        assertThat(events()).as("events recorded by a denied request").isEqualTo(eventsBefore);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void refusesExpiredTokensTokensOfAnotherIssuerAndForgedOnes() {
        String path = "/api/organizations/" + a1 + "/record?campaignId=" + campaign;
        String expired = issuer.token("aud", "AUDITOR", null, TestTokenIssuer.ISSUER, Instant.now().minusSeconds(120));
        String otherIssuer = issuer.token("aud", "AUDITOR", null, "https://elsewhere.example",
                Instant.now().plusSeconds(600));
        String unknownRole;
        try (TestTokenIssuer forger = TestTokenIssuer.start()) {
            String forged = forger.bearer("aud", "AUDITOR", null);
            assertThat(send(forged, "GET", path, null).statusCode()).isEqualTo(401);
        }
        unknownRole = issuer.bearer("aud", "KING", null);

        assertThat(send("Bearer " + expired, "GET", path, null).statusCode()).isEqualTo(401);
        assertThat(send("Bearer " + otherIssuer, "GET", path, null).statusCode()).isEqualTo(401);
        assertThat(send(unknownRole, "GET", path, null).statusCode()).isEqualTo(401);
        assertThat(send(issuer.bearer("aud", "AUDITOR", null), "GET", path, null).statusCode()).isEqualTo(200);
    }

    @Test
    void recordsTheTokensUsernameAsTheActor() {
        HttpResponse<String> held = send(callers.get(SECRETARY), "POST", "/api/organizations/" + a1 + "/study-sessions",
                body("SESSION"));

        assertThat(held.statusCode()).as(held.body()).isEqualTo(201);
        String metaData = new JdbcTemplate(app.getBean(javax.sql.DataSource.class)).queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry ORDER BY global_index DESC LIMIT 1",
                String.class);
        assertThat(metaData).contains("\"actor\":\"sec-a\"");
    }

    @Test
    void refusesAFormPostWithUnsupportedMediaType() throws Exception {
        HttpRequest form = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/organizations/" + a1
                        + "/study-sessions"))
                .header("Authorization", callers.get(ADMIN))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("campaignId=" + campaign)).build();

        HttpResponse<String> response = http.send(form, HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(415);
        assertThat(response.body()).contains("Content-Type");
    }

    private static long events() {
        return new JdbcTemplate(app.getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    private static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static HttpResponse<String> send(String authorization, String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", path.equals("/api/inbox") ? "application/cloudevents+json" : "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return TestHttp.send(http, request, authorization);
    }
}
