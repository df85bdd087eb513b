package org.jingzhun.rectification;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** GET /api/problems: by organization and status, overdue and due soon (traffic lights), paged. */
class ProblemQueriesIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static String campaign;
    private static String organization;
    private static String overdue;
    private static String dueTomorrow;
    private static String dueNextMonth;
    private static String rectifiedLate;

    @BeforeAll
    static void logProblemsWithDeadlinesAroundNow() {
        campaign = service.campaign();
        organization = service.organization("官庄社区党支部", Tier.BRANCH, Sector.VILLAGE, null);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        overdue = log(now.minus(2, ChronoUnit.DAYS));
        dueTomorrow = log(now.plus(1, ChronoUnit.DAYS));
        dueNextMonth = log(now.plus(30, ChronoUnit.DAYS));
        rectifiedLate = log(now.minus(1, ChronoUnit.DAYS));
        assertThat(service.send("POST", "/api/problems/" + rectifiedLate + "/rectify", "{\"evidence\":\"已整改\"}")
                .statusCode()).isEqualTo(200);
    }

    @Test
    void listsAnOrganizationsProblemsByDeadline() {
        JsonNode page = list("orgId=" + organization);
        assertThat(ids(page)).containsExactly(overdue, rectifiedLate, dueTomorrow, dueNextMonth);
        assertThat(page.at("/total").asLong()).isEqualTo(4);
        assertThat(page.at("/size").asInt()).isEqualTo(100);
    }

    @Test
    void listsOverdueProblemsThatAreNotRectified() {
        assertThat(ids(list("orgId=" + organization + "&overdue=true"))).containsExactly(overdue);
        assertThat(ids(list("orgId=" + organization + "&overdue=false")))
                .containsExactly(rectifiedLate, dueTomorrow, dueNextMonth);
    }

    @Test
    void listsProblemsDueWithinThreeDays() {
        JsonNode page = list("orgId=" + organization + "&dueSoon=true");
        assertThat(ids(page)).containsExactly(dueTomorrow);
        assertThat(page.at("/items/0/dueSoon").asBoolean()).isTrue();
        assertThat(page.at("/items/0/overdue").asBoolean()).isFalse();
    }

    @Test
    void filtersByStatusAndCampaign() {
        assertThat(ids(list("orgId=" + organization + "&status=RECTIFIED"))).containsExactly(rectifiedLate);
        assertThat(ids(list("campaignId=" + campaign + "&status=LOGGED")))
                .containsExactly(overdue, dueTomorrow, dueNextMonth);
        HttpResponse<String> badStatus = service.send("GET", "/api/problems?status=DONE", null);
        assertThat(badStatus.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(badStatus).at("/errors/0/field").asText()).isEqualTo("status");
    }

    @Test
    void pagesThroughTheList() {
        JsonNode first = list("orgId=" + organization + "&size=3");
        JsonNode second = list("orgId=" + organization + "&size=3&page=1");
        assertThat(ids(first)).containsExactly(overdue, rectifiedLate, dueTomorrow);
        assertThat(ids(second)).containsExactly(dueNextMonth);
        assertThat(second.at("/total").asLong()).isEqualTo(4);
        HttpResponse<String> empty = service.send("GET", "/api/problems?size=0", null);
        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(empty).at("/errors/0/field").asText()).isEqualTo("size");
        HttpResponse<String> before = service.send("GET", "/api/problems?page=-1", null);
        assertThat(before.statusCode()).isEqualTo(400);
        assertThat(ServiceUnderTest.json(before).at("/errors/0/field").asText()).isEqualTo("page");
    }

    private static String log(Instant deadline) {
        HttpResponse<String> response = service.send("POST", "/api/problems", "{\"orgId\":\"" + organization
                + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"BRANCH_STANDARDIZATION\","
                + "\"source\":\"SELF_INSPECTION\",\"description\":\"三会一课记录不全\",\"owner\":\"支部书记\","
                + "\"deadline\":\"" + deadline + "\"}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).at("/id").asText();
    }

    private static JsonNode list(String query) {
        HttpResponse<String> response = service.send("GET", "/api/problems?" + query, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return ServiceUnderTest.json(response);
    }

    private static List<String> ids(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.at("/items").forEach(item -> ids.add(item.at("/id").asText()));
        return ids;
    }
}
