package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.jingzhun.embedded.PlatformEndpointRows;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Every endpoint × every role × inside / outside a secretary's subtree → the expected status, and
 * nothing recorded on a denial. The secretary works for organization A; B is a disjoint subtree.
 */
class OrganizationAuthorizationTest {

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
    private static String a;
    private static String a1;
    private static String b;
    private static String b1;
    private static String memberOfA1;
    private static String memberOfB1;
    private static String campaign;

    @BeforeAll
    static void setUp() {
        service = ServiceUnderTest.get();
        String run = UUID.randomUUID().toString().substring(0, 8);
        a = organization("authz-a-" + run, null, "SECTION");
        a1 = organization("authz-a1-" + run, a, "BRANCH");
        b = organization("authz-b-" + run, null, "SECTION");
        b1 = organization("authz-b1-" + run, b, "BRANCH");
        memberOfA1 = member(a1);
        memberOfB1 = member(b1);
        campaign = "authz-c-" + run;
        created(service.send("POST", "/api/campaigns", "{\"id\":\"" + campaign
                + "\",\"name\":\"" + campaign + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-12-31\"}"));
        callers.put(ADMIN, ServiceUnderTest.basic("admin", ServiceUnderTest.PASSWORD));
        callers.put(SECRETARY, service.account("sec-" + run, "SECRETARY", a));
        callers.put(AUDITOR, service.account("aud-" + run, "AUDITOR", null));
        callers.put(VIEWER, service.account("view-" + run, "VIEWER", null));
        callers.put(PUBLISHER_OF_A, service.account("pub-a-" + run, "PUBLISHER", a));
        callers.put(PUBLISHER, service.account("pub-" + run, "PUBLISHER", null));
        callers.put(NOBODY, null);
    }

    private static String organization(String id, String parentId, String tier) {
        created(service.send("POST", "/api/organizations", "{\"id\":\"" + id + "\",\"name\":\"" + id
                + "\",\"tier\":\"" + tier + "\",\"sector\":\"ORGAN\""
                + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}"));
        return id;
    }

    private static String member(String organizationId) {
        return ServiceUnderTest.json(created(service.send("POST", "/api/organizations/" + organizationId + "/members",
                "{\"field\":\"ORGAN_INSTITUTION\",\"occupation\":\"PUBLIC_SERVANT\",\"status\":\"REGULAR\"}")))
                .get("id").asText();
    }

    private static HttpResponse<String> created(HttpResponse<String> response) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return response;
    }

    /** One endpoint: the expected status per caller; a caller not named gets 403. */
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

    private static String newOrganizationUnder(String parentId) {
        return "{\"id\":\"" + UUID.randomUUID() + "\",\"name\":\"n-" + UUID.randomUUID()
                + "\",\"tier\":\"BRANCH\",\"sector\":\"ORGAN\"" + (parentId == null ? "" : ",\"parentId\":\"" + parentId + "\"") + "}";
    }

    private static List<Case> cases() {
        List<Case> cases = new ArrayList<>(ownCases());
        PlatformEndpointRows.of(a1, b1, "jingzhun.organization.MemberEnrolled.v1")
                .forEach(row -> cases.add(new Case(row.method(), row.path(), row.body(), row.expected())));
        return cases;
    }

    private static List<Case> ownCases() {
        String enrol = "{\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"REGULAR\"}";
        return List.of(
                when("GET", "/api/organizations/" + a1, null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + b1, null, ADMIN, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + a + "/subtree", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + b + "/subtree", null, ADMIN, 200, AUDITOR, 200),
                when("GET", "/api/organizations", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("POST", "/api/organizations", "NEW_UNDER_A", ADMIN, 201, SECRETARY, 201),
                when("POST", "/api/organizations", "NEW_UNDER_B", ADMIN, 201),
                when("POST", "/api/organizations", "NEW_ROOT", ADMIN, 201),
                when("PATCH", "/api/organizations/" + a1, "RENAME", ADMIN, 200, SECRETARY, 200),
                when("PATCH", "/api/organizations/" + b1, "RENAME", ADMIN, 200),
                when("DELETE", "/api/organizations/" + b1, null, ADMIN, SKIP),
                when("POST", "/api/organizations/" + a1 + "/members", enrol, ADMIN, 201, SECRETARY, 201),
                when("POST", "/api/organizations/" + b1 + "/members", enrol, ADMIN, 201),
                when("GET", "/api/organizations/" + a1 + "/members", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/organizations/" + b1 + "/members", null, ADMIN, 200, AUDITOR, 200),
                when("GET", "/api/members/" + memberOfA1, null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/members/" + memberOfB1, null, ADMIN, 200, AUDITOR, 200),
                when("PATCH", "/api/members/" + memberOfA1, "{\"status\":\"MOBILE\"}", ADMIN, 200, SECRETARY, 200),
                when("PATCH", "/api/members/" + memberOfB1, "{\"status\":\"MOBILE\"}", ADMIN, 200),
                when("POST", "/api/members/" + memberOfA1 + "/transfer", "{\"toOrganizationId\":\"" + b1 + "\"}",
                        ADMIN, SKIP),
                when("POST", "/api/members/" + memberOfB1 + "/transfer", "{\"toOrganizationId\":\"" + a1 + "\"}",
                        ADMIN, SKIP),
                when("POST", "/api/members/" + memberOfB1 + "/leave", null, ADMIN, SKIP),
                when("POST", "/api/campaigns", "NEW_CAMPAIGN", ADMIN, 201),
                when("GET", "/api/campaigns/" + campaign, null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/campaigns/" + campaign + "/plan", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/campaigns/" + campaign + "/plan/versions", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/campaigns/" + campaign + "/plan/requirements?tier=BRANCH&sector=ORGAN", null,
                        ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("GET", "/api/campaigns", null, ADMIN, 200, SECRETARY, 200, AUDITOR, 200),
                when("PUT", "/api/campaigns/" + campaign + "/plan", "{}", ADMIN, 200),
                when("POST", "/api/accounts", "NEW_ACCOUNT", ADMIN, 201),
                when("GET", "/api/accounts", null, ADMIN, 200),
                when("DELETE", "/api/accounts/nobody-at-all", null, ADMIN, 404));
    }

    /** A structured CloudEvent, a fresh id each time: a member enrolled in the organization. */
    private static String enrolment(String organizationId) {
        return "{\"specversion\":\"1.0\",\"id\":\"" + UUID.randomUUID() + "\",\"source\":\"/authz/study-platform\","
                + "\"type\":\"jingzhun.organization.MemberEnrolled.v1\",\"datacontenttype\":\"application/json\","
                + "\"data\":{\"orgId\":\"" + organizationId + "\",\"id\":\"m-" + UUID.randomUUID()
                + "\",\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"REGULAR\"}}";
    }

    private static String body(String template) {
        if (template == null) {
            return null;
        }
        return switch (template) {
            case "NEW_UNDER_A" -> newOrganizationUnder(a);
            case "NEW_UNDER_B" -> newOrganizationUnder(b);
            case "NEW_ROOT" -> newOrganizationUnder(null);
            case "RENAME" -> "{\"name\":\"renamed-" + UUID.randomUUID() + "\"}";
            case "NEW_CAMPAIGN" -> "{\"name\":\"c-" + UUID.randomUUID() + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-12-31\"}";
            case "NEW_ACCOUNT" -> "{\"username\":\"u-" + UUID.randomUUID().toString().substring(0, 8)
                    + "\",\"password\":\"a-long-password\",\"role\":\"VIEWER\"}";
            default -> template.startsWith("INBOX ") ? enrolment(template.substring(6)) : template;
        };
    }

    @TestFactory
    Stream<DynamicTest> everyEndpointForEveryRole() {
        List<DynamicTest> tests = new ArrayList<>();
        for (Case c : cases()) {
            for (String caller : List.of(ADMIN, SECRETARY, AUDITOR, VIEWER, PUBLISHER_OF_A, PUBLISHER, NOBODY)) {
                int expected = c.expectedFor(caller);
                if (expected == SKIP) {
                    continue;
                }
                tests.add(DynamicTest.dynamicTest(c.method() + " " + c.path() + " as " + caller + " → " + expected, () -> {
                    long eventsBefore = events();
                    HttpResponse<String> response = c.path().equals("/api/inbox")
                            ? service.sendCloudEvent(callers.get(caller), body(c.body()))
                            : service.sendAs(callers.get(caller), c.method(), c.path(), body(c.body()));
                    assertThat(response.statusCode()).as(response.body()).isEqualTo(expected);
                    if (expected == 401 || expected == 403) {
                        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                                type -> assertThat(type).startsWith("application/problem+json"));
                        if (expected == 403) {
                            assertThat(ServiceUnderTest.json(response).get("code").asText()).isEqualTo("forbidden");
                        }
                        assertThat(events()).as("events recorded by a denied request").isEqualTo(eventsBefore);
                    }
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void aSecretarysListShowsOnlyItsSubtree() {
        HttpResponse<String> list = service.sendAs(callers.get(SECRETARY), "GET", "/api/organizations?size=500", null);

        assertThat(list.statusCode()).isEqualTo(200);
        List<String> ids = new ArrayList<>();
        ServiceUnderTest.json(list).get("items").forEach(item -> ids.add(item.get("id").asText()));
        assertThat(ids).contains(a, a1).doesNotContain(b, b1);
    }

    private static long events() {
        return new JdbcTemplate(service.app().getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
