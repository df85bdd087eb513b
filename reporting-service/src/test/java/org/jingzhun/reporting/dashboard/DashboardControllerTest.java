package org.jingzhun.reporting.dashboard;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.ResultActions;

@WebMvcTest(controllers = DashboardController.class,
        properties = "jingzhun.admin.password=" + DashboardControllerTest.PASSWORD)
@Import({SecurityConfiguration.class, ProblemDetailsAdvice.class})
class DashboardControllerTest {

    static final String PASSWORD = "dashboard-controller-test";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    DashboardQuery dashboard;
    @MockitoBean
    BreakdownQuery breakdowns;
    @MockitoBean
    ActivityQuery activity;
    /** Its mock names no subtree: the county's lists. */
    @MockitoBean
    ReaderSubtree subtree;

    @Test
    void listsTheCampaignsLatestFirst() throws Exception {
        given(dashboard.campaigns()).willReturn(List.of(
                new CampaignSummary("c-2", "第二批主题教育", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)),
                new CampaignSummary("c-1", "第一批主题教育", LocalDate.of(2019, 6, 1), LocalDate.of(2019, 8, 31))));

        perform("/api/dashboard/campaigns")
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$[0].id").value("c-2"))
                .andExpect(jsonPath("$[0].name").value("第二批主题教育"))
                .andExpect(jsonPath("$[0].startsOn").value("2019-09-01"))
                .andExpect(jsonPath("$[0].endsOn").value("2019-11-30"));
    }

    @Test
    void answersAPageOfASectorsOrganizationsWithTheFiltersGiven() throws Exception {
        given(dashboard.organizations("c-1", Tier.BRANCH, Sector.VILLAGE, "兴隆", 1, 20, AsOf.live(), null)).willReturn(
                new OrganizationPage("c-1", 1, 20, 21, List.of(new OrganizationPage.Row("b-1", "兴隆村党支部", Tier.BRANCH,
                        Sector.VILLAGE, "t-1", 3, 1, new BigDecimal("0.5"), 18, 10, 2, 1, 0))));

        mvc.perform(get("/api/dashboard/organizations").param("campaignId", "c-1").param("tier", "BRANCH")
                        .param("sector", "VILLAGE").param("name", " 兴隆 ").param("page", "1").param("size", "20")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.total").value(21))
                .andExpect(jsonPath("$.organizations[0].name").value("兴隆村党支部"))
                .andExpect(jsonPath("$.organizations[0].studyDays").value(0.5))
                .andExpect(jsonPath("$.organizations[0].checklistItemsDone").value(10));
    }

    @Test
    void readsEmptyFiltersAsAnyAndPagesBy50ByDefault() throws Exception {
        given(dashboard.organizations("c-1", null, null, null, 0, 50, AsOf.live(), null))
                .willReturn(new OrganizationPage("c-1", 0, 50, 0, List.of()));

        perform("/api/dashboard/organizations?campaignId=c-1&tier=&sector=&name=")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.size").value(50));
        verify(dashboard).organizations("c-1", null, null, null, 0, 50, AsOf.live(), null);
    }

    @Test
    void refusesTheDrillDownWithoutACampaign() throws Exception {
        expectBadRequest("/api/dashboard/organizations?sector=VILLAGE", "campaignId");
        expectBadRequest("/api/dashboard/organizations?campaignId=&sector=VILLAGE", "campaignId");
        verifyNoInteractions(dashboard);
    }

    @Test
    void refusesAnUnknownTierOrSectorNamingIt() throws Exception {
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&tier=TOWN", "tier");
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&sector=FARM", "sector");
        verifyNoInteractions(dashboard);
    }

    @Test
    void boundsThePageSize() throws Exception {
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&size=0", "size");
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&size=201", "size");
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&size=many", "size");
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&page=-1", "page");
        expectBadRequest("/api/dashboard/organizations?campaignId=c-1&page=2147483647&size=200", "page");
        verifyNoInteractions(dashboard);
    }

    @Test
    void refusesBreakdownsWithoutACampaignAndAnswersNotFoundForAnUnknownOne() throws Exception {
        expectBadRequest("/api/dashboard/breakdowns", "campaignId");
        given(breakdowns.breakdowns("nope", AsOf.live(), null)).willThrow(new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "campaign.not-found", "campaignId", "No campaign nope"));

        perform("/api/dashboard/breakdowns?campaignId=nope")
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("campaign.not-found"));
    }

    @Test
    void readsTheActivityAsOfAnInstantAlsoWithAnUnencodedPlus() throws Exception {
        OffsetDateTime asOf = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
        given(activity.activity("c-1", asOf, 5, null)).willReturn(new Activity("c-1", asOf, "day", asOf, asOf, 1,
                List.of(new Activity.Bucket(asOf.withHour(0).withMinute(0), Map.of(Activity.Kind.HONOR_ROOM, 1L))),
                List.of()));

        perform("/api/dashboard/activity?campaignId=c-1&recent=5&asOf=2019-09-27T21:12:00+08:00")
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.unit").value("day"))
                .andExpect(jsonPath("$.buckets[0].counts.HONOR_ROOM").value(1));
        verify(activity).activity("c-1", asOf, 5, null);
    }

    @Test
    void refusesABadActivityRequestNamingTheField() throws Exception {
        expectBadRequest("/api/dashboard/activity?asOf=2019-09-27T21:12:00%2B08:00", "campaignId");
        expectBadRequest("/api/dashboard/activity?campaignId=c-1&asOf=27.09.2019", "asOf");
        expectBadRequest("/api/dashboard/activity?campaignId=c-1&recent=51", "recent");
        expectBadRequest("/api/dashboard/activity?campaignId=c-1&recent=-1", "recent");
        verifyNoInteractions(activity);
    }

    @Test
    void needsCredentials() throws Exception {
        mvc.perform(get("/api/dashboard/campaigns"))
                .andExpect(status().isUnauthorized());
        mvc.perform(get("/api/dashboard/campaigns").with(httpBasic("admin", "wrong")))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(dashboard);
    }

    private ResultActions perform(String uri) throws Exception {
        return mvc.perform(get(uri).with(httpBasic("admin", PASSWORD)));
    }

    private void expectBadRequest(String uri, String field) throws Exception {
        perform(uri)
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value(field));
    }
}
