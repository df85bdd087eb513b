package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The lifecycle over HTTP, on real PostgreSQL and Kafka: every step, and the refusals with their codes. */
class ProblemLifecycleIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static String campaign;
    private static String organization;

    @BeforeAll
    static void registerOrganizationAndCampaign() {
        campaign = service.campaign();
        organization = service.organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
    }

    @Test
    void takesAProblemThroughItsWholeLifecycle() {
        String id = logProblem(organization, "2099-10-31");
        JsonNode logged = json(service.send("GET", "/api/problems/" + id, null), 200);
        assertThat(logged.at("/status").asText()).isEqualTo("LOGGED");
        assertThat(logged.at("/deadline").asText()).isEqualTo("2099-10-31T15:59:59Z");

        JsonNode rectifying = json(service.send("POST", "/api/problems/" + id + "/measures",
                "{\"measures\":[{\"description\":\"逐户核对\",\"due\":\"2019-10-15\"},"
                        + "{\"description\":\"补齐台账\",\"due\":\"2019-10-25\"}]}"), 200);
        assertThat(rectifying.at("/status").asText()).isEqualTo("RECTIFYING");
        assertThat(rectifying.at("/measures/1/due").asText()).isEqualTo("2019-10-25");

        JsonNode rectified = json(service.send("POST", "/api/problems/" + id + "/rectify",
                "{\"evidence\":\"已补齐台账\",\"attachments\":[{\"name\":\"台账.jpg\",\"sha256\":\"" + "ab".repeat(32)
                        + "\"}]}"), 200);
        assertThat(rectified.at("/status").asText()).isEqualTo("RECTIFIED");

        JsonNode reopened = json(service.send("POST", "/api/problems/" + id + "/reopen",
                "{\"reason\":\"仍缺三户\"}"), 200);
        assertThat(reopened.at("/status").asText()).isEqualTo("REOPENED");

        json(service.send("POST", "/api/problems/" + id + "/rectify", "{\"evidence\":\"三户已补\"}"), 200);
        JsonNode verified = json(service.send("POST", "/api/problems/" + id + "/verify", "{\"comment\":\"同意销号\"}"), 200);
        assertThat(verified.at("/status").asText()).isEqualTo("VERIFIED");
        assertThat(verified.at("/verifiedBy").asText()).isEqualTo("admin");

        JsonNode history = json(service.send("GET", "/api/problems/" + id, null), 200).at("/history");
        assertThat(history).extracting(entry -> entry.at("/type").asText()).containsExactly("ProblemLogged",
                "RectificationMeasuresSet", "ProblemRectified", "ProblemReopened", "ProblemRectified",
                "RectificationVerified");
        assertThat(history.get(5).at("/actor").asText()).isEqualTo("admin");
        assertThat(history.get(3).at("/details/reason").asText()).isEqualTo("仍缺三户");
        assertThat(history.get(1).at("/details/measures/1/description").asText()).isEqualTo("补齐台账");
        // Each entry sits under its problem: the event's details without the problem's own ids.
        for (JsonNode entry : history) {
            JsonNode details = entry.get("details");
            assertThat(details.isObject()).as(entry.toString()).isTrue();
            assertThat(details.has("problemId") || details.has("organizationId") || details.has("campaignId"))
                    .as(details.toString()).isFalse();
        }
        // Published on the service's topic as they happened, keyed by the problem.
        assertThat(service.relayedTypes(id, 6)).containsExactly("jingzhun.rectification.ProblemLogged.v1",
                "jingzhun.rectification.RectificationMeasuresSet.v1", "jingzhun.rectification.ProblemRectified.v1",
                "jingzhun.rectification.ProblemReopened.v1", "jingzhun.rectification.ProblemRectified.v1",
                "jingzhun.rectification.RectificationVerified.v1");
    }

    @Test
    void refusesEveryIllegalTransitionWith409NamingTheCurrentStatus() {
        String id = logProblem(organization, "2099-10-31");
        assertRefused(service.send("POST", "/api/problems/" + id + "/verify", "{}"), "LOGGED");
        assertRefused(service.send("POST", "/api/problems/" + id + "/reopen", "{\"reason\":\"x\"}"), "LOGGED");

        json(service.send("POST", "/api/problems/" + id + "/rectify", "{\"evidence\":\"已整改\"}"), 200);
        assertRefused(service.send("POST", "/api/problems/" + id + "/rectify", "{\"evidence\":\"again\"}"), "RECTIFIED");
        assertRefused(service.send("POST", "/api/problems/" + id + "/measures",
                "{\"measures\":[{\"description\":\"x\",\"due\":\"2019-10-15\"}]}"), "RECTIFIED");

        json(service.send("POST", "/api/problems/" + id + "/verify", null), 200);
        assertRefused(service.send("POST", "/api/problems/" + id + "/reopen", "{\"reason\":\"x\"}"), "VERIFIED");
        assertRefused(service.send("POST", "/api/problems/" + id + "/deadline",
                "{\"deadline\":\"2099-12-31\",\"reason\":\"x\"}"), "VERIFIED");
    }

    @Test
    void extendsTheDeadlineKeepingTheHistory() {
        String id = logProblem(organization, "2099-10-31");

        JsonNode extended = json(service.send("POST", "/api/problems/" + id + "/deadline",
                "{\"deadline\":\"2099-11-15T18:00:00+08:00\",\"reason\":\"需等待年度数据\"}"), 200);

        assertThat(extended.at("/deadline").asText()).isEqualTo("2099-11-15T10:00:00Z");
        JsonNode entry = json(service.send("GET", "/api/problems/" + id, null), 200).at("/history/1");
        assertThat(entry.at("/type").asText()).isEqualTo("ProblemDeadlineExtended");
        assertThat(entry.at("/details/previousDeadline").asText()).isEqualTo("2099-10-31T15:59:59Z");
        assertThat(entry.at("/details/reason").asText()).isEqualTo("需等待年度数据");

        HttpResponse<String> earlier = service.send("POST", "/api/problems/" + id + "/deadline",
                "{\"deadline\":\"2099-10-30\",\"reason\":\"提前\"}");
        assertThat(earlier.statusCode()).isEqualTo(422);
        assertThat(ServiceUnderTest.json(earlier).at("/code").asText()).isEqualTo("problem.deadline-not-later");
    }

    @Test
    void refusesAProblemOfAnUnknownOrDissolvedOrganizationOrUnknownCampaignWith422() {
        assertUnprocessable(logRequest(ServiceUnderTest.id("nowhere"), campaign, null), "organization.unknown", "orgId");
        assertUnprocessable(logRequest(organization, ServiceUnderTest.id("no-campaign"), null), "campaign.unknown",
                "campaignId");
        assertUnprocessable(logRequest(organization, campaign, ServiceUnderTest.id("no-special")),
                "special-rectification.unknown", "specialRectificationId");

        String dissolved = service.organization("撤并村党支部", Tier.BRANCH, Sector.VILLAGE, organization);
        logProblem(dissolved, "2099-10-31");
        service.dissolve(dissolved, "撤并村党支部");
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(30)).untilAsserted(() ->
                assertUnprocessable(logRequest(dissolved, campaign, null), "organization.dissolved", "orgId"));
    }

    @Test
    void attachesProblemsToASpecialRectificationOfTheirCampaign() {
        HttpResponse<String> launched = service.send("POST", "/api/special-rectifications",
                "{\"campaignId\":\"" + campaign + "\",\"title\":\"营商环境不优问题专项整治\",\"scope\":\"审批时限\"}");
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
        String special = ServiceUnderTest.json(launched).at("/id").asText();
        assertThat(launched.headers().firstValue("Location")).contains("/api/special-rectifications/" + special);

        HttpResponse<String> logged = logRequest(organization, campaign, special);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        String id = ServiceUnderTest.json(logged).at("/id").asText();
        assertThat(json(service.send("GET", "/api/problems/" + id, null), 200).at("/specialRectificationId").asText())
                .isEqualTo(special);
        assertThat(json(service.send("GET", "/api/special-rectifications/" + special, null), 200).at("/title").asText())
                .isEqualTo("营商环境不优问题专项整治");

        String otherCampaign = service.campaign();
        assertUnprocessable(logRequest(organization, otherCampaign, special), "special-rectification.other-campaign",
                "specialRectificationId");
        HttpResponse<String> unknownCampaign = service.send("POST", "/api/special-rectifications",
                "{\"campaignId\":\"" + ServiceUnderTest.id("none") + "\",\"title\":\"x\"}");
        assertThat(unknownCampaign.statusCode()).isEqualTo(422);
    }

    @Test
    void answers404ForAnUnknownProblemAnd400ForBadInput() {
        assertThat(service.send("GET", "/api/problems/" + ServiceUnderTest.id("none"), null).statusCode()).isEqualTo(404);
        assertThat(service.send("POST", "/api/problems/" + ServiceUnderTest.id("none") + "/rectify",
                "{\"evidence\":\"x\"}").statusCode()).isEqualTo(404);
        String id = logProblem(organization, "2099-10-31");
        HttpResponse<String> noMeasures = service.send("POST", "/api/problems/" + id + "/measures", "{\"measures\":[]}");
        assertThat(noMeasures.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(noMeasures).at("/errors/0/field").asText()).isEqualTo("measures");
        HttpResponse<String> badDeadline = service.send("POST", "/api/problems/" + id + "/deadline",
                "{\"deadline\":\"next week\",\"reason\":\"x\"}");
        assertThat(badDeadline.statusCode()).isEqualTo(400);
        assertThat(service.send("GET", "/api/problems?size=501", null).statusCode()).isEqualTo(400);
        HttpResponse<String> badHash = service.send("POST", "/api/problems/" + id + "/rectify",
                "{\"evidence\":\"已整改\",\"attachments\":[{\"name\":\"a.jpg\",\"sha256\":\"not-a-hash\"}]}");
        assertThat(badHash.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(badHash).at("/errors/0/field").asText()).contains("sha256");
        assertThat(ServiceUnderTest.json(service.send("GET", "/api/problems/" + id, null)).get("status").asText())
                .as("nothing recorded").isEqualTo("LOGGED");
    }

    @Test
    void takesAProblemIdTheClientSuppliesOnce() {
        String id = ServiceUnderTest.id("ledger-2019-017");
        String body = "{\"id\":\"" + id + "\",\"orgId\":\"" + organization + "\",\"campaignId\":\"" + campaign
                + "\",\"focusArea\":\"POVERTY_ALLEVIATION\",\"source\":\"SELF_INSPECTION\","
                + "\"description\":\"帮扶台账不完整\",\"owner\":\"支部书记\",\"deadline\":\"2099-10-31\"}";
        HttpResponse<String> logged = service.send("POST", "/api/problems", body);
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(201);
        assertThat(logged.headers().firstValue("Location")).hasValue("/api/problems/" + id);
        HttpResponse<String> again = service.send("POST", "/api/problems", body.replace("帮扶台账不完整", "另一个问题"));
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        assertThat(ServiceUnderTest.json(service.send("GET", "/api/problems/" + id, null)).get("description").asText())
                .isEqualTo("帮扶台账不完整");
        HttpResponse<String> malformed = service.send("POST", "/api/problems", body.replace(id, "no/slashes"));
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(malformed).at("/errors/0/field").asText()).isEqualTo("id");
    }

    private static String logProblem(String organizationId, String deadline) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organizationId
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\","
                + "\"source\":\"SELF_INSPECTION\",\"description\":\"帮扶台账不完整\",\"owner\":\"支部书记\","
                + "\"deadline\":\"" + deadline + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).at("/id").asText();
    }

    private static HttpResponse<String> logRequest(String organizationId, String campaignId, String special) {
        return service.send("POST", "/api/problems", "{\"orgId\":\"" + organizationId + "\",\"campaignId\":\""
                + campaignId + "\",\"focusArea\":\"OTHER\",\"source\":\"SUPERVISION\",\"description\":\"x\","
                + "\"owner\":\"y\",\"deadline\":\"2099-10-31\""
                + (special == null ? "" : ",\"specialRectificationId\":\"" + special + "\"") + "}");
    }

    private static JsonNode json(HttpResponse<String> response, int status) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return ServiceUnderTest.json(response);
    }

    private static void assertRefused(HttpResponse<String> response, String currentStatus) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(409);
        JsonNode problem = ServiceUnderTest.json(response);
        assertThat(problem.at("/code").asText()).isEqualTo("problem.illegal-transition");
        assertThat(problem.at("/detail").asText()).endsWith("a problem that is " + currentStatus);
    }

    private static void assertUnprocessable(HttpResponse<String> response, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(422);
        JsonNode problem = ServiceUnderTest.json(response);
        assertThat(problem.at("/code").asText()).isEqualTo(code);
        assertThat(problem.at("/errors/0/field").asText()).isEqualTo(field);
    }
}
