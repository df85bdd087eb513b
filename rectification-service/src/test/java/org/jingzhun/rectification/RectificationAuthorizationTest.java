package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.embedded.PlatformEndpointRows;
import org.jingzhun.embedded.TestTokenIssuer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every endpoint × every role × inside / outside a secretary's subtree → the expected status, and
 * nothing recorded on a denial. The secretary works for A; B is a disjoint subtree.
 */
class RectificationAuthorizationTest {

    private static final String ADMIN = "admin";
    private static final String SECRETARY = "secretary of A";
    private static final String AUDITOR = "auditor";
    private static final String VIEWER = "viewer";
    private static final String PUBLISHER_OF_A = "publisher of A";
    private static final String PUBLISHER = "publisher";
    private static final String NOBODY = "no credentials";
    /** Not tried for this caller: it would be allowed and change what later cases rely on. */
    private static final int SKIP = -1;

    private static ServiceUnderTest service;
    private static final Map<String, String> callers = new LinkedHashMap<>();
    private static String campaign;
    private static String a;
    private static String a1;
    private static String b;
    private static String b1;
    private static String problemOfA1;
    private static String problemOfB1;

    @BeforeAll
    static void setUp() {
        service = ServiceUnderTest.get();
        campaign = service.campaign();
        a = service.organization("甲镇", Tier.SECTION, Sector.TOWNSHIP, null);
        a1 = service.organization("甲村", Tier.BRANCH, Sector.VILLAGE, a);
        b = service.organization("乙镇", Tier.SECTION, Sector.TOWNSHIP, null);
        b1 = service.organization("乙村", Tier.BRANCH, Sector.VILLAGE, b);
        TestTokenIssuer issuer = service.issuer();
        callers.put(ADMIN, ServiceUnderTest.admin());
        callers.put(SECRETARY, issuer.bearer("sec-a", "SECRETARY", a));
        callers.put(AUDITOR, issuer.bearer("aud", "AUDITOR", null));
        callers.put(VIEWER, issuer.bearer("view", "VIEWER", null));
        callers.put(PUBLISHER_OF_A, issuer.bearer("pub-a", "PUBLISHER", a));
        callers.put(PUBLISHER, issuer.bearer("pub", "PUBLISHER", null));
        callers.put(NOBODY, null);
        problemOfA1 = logged(service.sendAs(callers.get(ADMIN), "POST", "/api/problems", problem(a1)));
        problemOfB1 = logged(service.sendAs(callers.get(ADMIN), "POST", "/api/problems", problem(b1)));
        // The replica knows both subtrees before the table starts.
        await().atMost(Duration.ofSeconds(60)).until(() -> service.sendAs(callers.get(SECRETARY), "GET",
                "/api/organizations/" + a1 + "/ledger", null).statusCode() == 200);
    }

    private static String logged(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).get("id").asText();
    }

    private static String problem(String organizationId) {
        return "{\"orgId\":\"" + organizationId + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"OTHER\","
                + "\"source\":\"SUPERVISION\",\"description\":\"x\",\"owner\":\"y\",\"deadline\":\"2099-10-31\"}";
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
        List<Case> cases = new ArrayList<>(ownCases());
        PlatformEndpointRows.of(a1, b1, "jingzhun.rectification.ProblemLogged.v1")
                .forEach(row -> cases.add(new Case(row.method(), row.path(), row.body(), row.expected())));
        return cases;
    }

    private static List<Case> ownCases() {
        String measures = "{\"measures\":[{\"description\":\"逐户核对\",\"due\":\"2099-10-15\"}]}";
        String special = "{\"campaignId\":\"" + campaign + "\",\"title\":\"专项整治\"";
        return List.of(
                when("POST", "/api/problems", problem(a1), ADMIN, 201, SECRETARY, 201),
                when("POST", "/api/problems", problem(b1), ADMIN, 201),
                when("GET", "/api/problems/" + problemOfA1, null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/problems/" + problemOfB1, null, ADMIN, 200, AUDITOR, 200),
                when("GET", "/api/problems", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/problems?orgId=" + a1, null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/problems?orgId=" + b1, null, ADMIN, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + a1 + "/ledger", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + b1 + "/ledger", null, ADMIN, 200, AUDITOR, 200),
                when("POST", "/api/problems/" + problemOfB1 + "/measures", measures, ADMIN, SKIP),
                when("POST", "/api/problems/" + problemOfA1 + "/measures", measures, ADMIN, SKIP, SECRETARY, 200),
                when("POST", "/api/problems/" + problemOfB1 + "/rectify", "{\"evidence\":\"整改完成\"}", ADMIN, SKIP),
                when("POST", "/api/problems/" + problemOfB1 + "/deadline",
                        "{\"deadline\":\"2099-12-31\",\"reason\":\"延期\"}", ADMIN, SKIP),
                when("POST", "/api/problems/" + problemOfB1 + "/reopen", "{\"reason\":\"复查\"}", ADMIN, SKIP),
                // The sign-off (销号) is the county's, even inside the secretary's own subtree.
                when("POST", "/api/problems/" + problemOfA1 + "/verify", "{}", ADMIN, SKIP),
                when("POST", "/api/special-rectifications", special + "}", ADMIN, 201),
                when("POST", "/api/special-rectifications", special + ",\"orgId\":\"" + a + "\"}", ADMIN, 201,
                        SECRETARY, 201),
                when("POST", "/api/special-rectifications", special + ",\"orgId\":\"" + b + "\"}", ADMIN, 201),
                when("GET", "/api/special-rectifications", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200));
    }

    /** A structured CloudEvent, a fresh id each time: a problem of the organization, found by inspection. */
    private static String body(String template) {
        if (template == null || !template.startsWith("INBOX ")) {
            return template;
        }
        return "{\"specversion\":\"1.0\",\"id\":\"" + java.util.UUID.randomUUID() + "\",\"source\":\"/authz/inspection\","
                + "\"type\":\"jingzhun.rectification.ProblemLogged.v1\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"id\":\"" + java.util.UUID.randomUUID() + "\",\"orgId\":\"" + template.substring(6)
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"OTHER\",\"source\":\"INSPECTION_FEEDBACK\","
                + "\"description\":\"x\",\"owner\":\"y\",\"deadline\":\"2099-10-31\"}}";
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
                    HttpResponse<String> response = c.path().equals("/api/inbox")
                            ? service.sendCloudEvent(callers.get(caller), body(c.body()))
                            : service.sendAs(callers.get(caller), c.method(), c.path(), c.body());
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
    void aSecretarysListShowsOnlyItsSubtree() {
        HttpResponse<String> list = service.sendAs(callers.get(SECRETARY), "GET", "/api/problems?size=500", null);

        assertThat(list.statusCode()).isEqualTo(200);
        List<String> organizations = new ArrayList<>();
        ServiceUnderTest.json(list).get("items").forEach(item -> organizations.add(item.get("organizationId").asText()));
        assertThat(organizations).contains(a1).allMatch(id -> id.equals(a1) || id.equals(a));
    }

    @Test
    void theHistoryAndTheLedgerNameTheAccountsThatActed() {
        String secretary = callers.get(SECRETARY);
        String countyAdmin = service.issuer().bearer("cty-zhang", "COUNTY_ADMIN", null);
        String problem = logged(service.sendAs(secretary, "POST", "/api/problems", problem(a1)));
        assertThat(service.sendAs(secretary, "POST", "/api/problems/" + problem + "/measures",
                "{\"measures\":[{\"description\":\"逐户核对\",\"due\":\"2099-10-15\"}]}").statusCode()).isEqualTo(200);
        assertThat(service.sendAs(secretary, "POST", "/api/problems/" + problem + "/rectify",
                "{\"evidence\":\"整改完成\"}").statusCode()).isEqualTo(200);
        assertThat(service.sendAs(countyAdmin, "POST", "/api/problems/" + problem + "/verify", "{}").statusCode())
                .isEqualTo(200);

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            HttpResponse<String> view = service.sendAs(callers.get(AUDITOR), "GET", "/api/problems/" + problem, null);
            List<String> actors = new ArrayList<>();
            ServiceUnderTest.json(view).get("history").forEach(entry -> actors.add(entry.get("actor").asText()));
            assertThat(actors).containsExactly("sec-a", "sec-a", "sec-a", "cty-zhang");
            assertThat(ServiceUnderTest.json(view).get("verifiedBy").asText()).isEqualTo("cty-zhang");
        });
        // The ledger's 销号人 (signed off by): only this problem was signed off by that account.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(service.sendAs(callers.get(AUDITOR), "GET",
                "/api/organizations/" + a1 + "/ledger?format=csv", null).body()).contains("\"cty-zhang\""));
    }

    @Test
    void refusesAnExpiredTokenAndOneOfAnotherIssuer() {
        TestTokenIssuer issuer = service.issuer();
        String expired = issuer.token("aud", "AUDITOR", null, TestTokenIssuer.ISSUER, Instant.now().minusSeconds(120));
        String otherIssuer = issuer.token("aud", "AUDITOR", null, "https://elsewhere.example",
                Instant.now().plusSeconds(600));

        assertThat(service.sendAs("Bearer " + expired, "GET", "/api/problems", null).statusCode()).isEqualTo(401);
        assertThat(service.sendAs("Bearer " + otherIssuer, "GET", "/api/problems", null).statusCode()).isEqualTo(401);
    }

    private static long events() {
        return service.jdbc().sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }
}
