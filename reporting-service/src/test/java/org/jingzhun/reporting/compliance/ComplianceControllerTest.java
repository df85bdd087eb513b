package org.jingzhun.reporting.compliance;

import static org.mockito.ArgumentMatchers.any;
import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.List;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;
import org.jingzhun.reporting.readmodel.AsOf;

@WebMvcTest(controllers = ComplianceController.class,
        properties = "jingzhun.admin.password=" + ComplianceControllerTest.PASSWORD)
@Import({SecurityConfiguration.class, ProblemDetailsAdvice.class})
class ComplianceControllerTest {

    static final String PASSWORD = "controller-test";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ComplianceQuery query;

    @Test
    void answersInTheShapeOfTheContract() throws Exception {
        given(query.compliance("c-1", null, null, AsOf.live())).willReturn(new Compliance("c-1",
                OffsetDateTime.parse("2019-11-05T09:00:00+08:00"), List.of(
                new Behind("t-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, Requirement.STUDY_DAYS_PER_MONTH,
                        "2019-10", 2, 0L, "2019年10月集中学习 0 天，要求不少于 2 天"),
                new Behind("b-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, Requirement.CHECKLIST_ITEM, null, 1, 0L,
                        "“十个一”第 10 项“搞好一次总结”尚未完成"),
                new Behind("b-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, Requirement.STUDY_NOTES, null, 3, 2.5,
                        "…"))));

        mvc.perform(get("/api/compliance").param("campaignId", "c-1").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.campaignId").value("c-1"))
                .andExpect(jsonPath("$.asOf").value("2019-11-05T09:00:00+08:00"))
                .andExpect(jsonPath("$.behind[0].organizationId").value("t-1"))
                .andExpect(jsonPath("$.behind[0].name").value("某镇党委"))
                .andExpect(jsonPath("$.behind[0].tier").value("SECTION"))
                .andExpect(jsonPath("$.behind[0].sector").value("TOWNSHIP"))
                .andExpect(jsonPath("$.behind[0].requirement").value("STUDY_DAYS_PER_MONTH"))
                .andExpect(jsonPath("$.behind[0].period").value("2019-10"))
                .andExpect(jsonPath("$.behind[0].required").value(2))
                .andExpect(jsonPath("$.behind[0].done").value(0))
                .andExpect(jsonPath("$.behind[0].explanation").value("2019年10月集中学习 0 天，要求不少于 2 天"))
                .andExpect(jsonPath("$.behind[1].period").value(org.hamcrest.Matchers.nullValue()))
                .andExpect(jsonPath("$.behind[1]", org.hamcrest.Matchers.hasKey("period")))
                .andExpect(jsonPath("$.behind[2].done").value(2.5));
    }

    @Test
    void passesTheTierAndSectorFiltersAndTreatsEmptyOnesAsAbsent() throws Exception {
        given(query.compliance(any(), any(), any(), any())).willReturn(new Compliance("c-1", OffsetDateTime.now(), List.of()));

        mvc.perform(get("/api/compliance?campaignId=c-1&tier=BRANCH&sector=VILLAGE").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.behind").isEmpty());
        verify(query).compliance("c-1", Tier.BRANCH, Sector.VILLAGE, AsOf.live());

        mvc.perform(get("/api/compliance?campaignId=c-1&tier=&sector=").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk());
        verify(query).compliance("c-1", null, null, AsOf.live());
    }

    @Test
    void judgesAsOfAnInstantAndRefusesAnAsOfThatIsNoInstant() throws Exception {
        given(query.compliance(any(), any(), any(), any())).willReturn(new Compliance("c-1", OffsetDateTime.now(), List.of()));

        mvc.perform(get("/api/compliance").param("campaignId", "c-1").param("asOf", "2019-10-02T08:00:00+08:00")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk());
        verify(query).compliance("c-1", null, null, AsOf.at(OffsetDateTime.parse("2019-10-02T08:00:00+08:00")));

        mvc.perform(get("/api/compliance?campaignId=c-1&asOf=yesterday").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
    }

    @Test
    void requiresTheCampaignAbsentOrEmpty() throws Exception {
        for (String uri : List.of("/api/compliance", "/api/compliance?campaignId=&tier=&sector=")) {
            mvc.perform(get(uri).with(httpBasic("admin", PASSWORD)))
                    .andExpect(status().isBadRequest())
                    .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                    .andExpect(jsonPath("$.errors[0].field").value("campaignId"));
        }
        verifyNoInteractions(query);
    }

    @Test
    void rejectsATierOrSectorThatIsNoneOfTheContracts() throws Exception {
        mvc.perform(get("/api/compliance?campaignId=c-1&tier=TIER_1").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("tier"));
        mvc.perform(get("/api/compliance?campaignId=c-1&sector=village").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(jsonPath("$.errors[0].field").value("sector"));
        verifyNoInteractions(query);
    }

    @Test
    void answersNotFoundForAnUnknownCampaign() throws Exception {
        given(query.compliance("nope", null, null, AsOf.live())).willThrow(new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "campaign.not-found", "campaignId", "No campaign nope"));

        mvc.perform(get("/api/compliance").param("campaignId", "nope").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("campaign.not-found"))
                .andExpect(jsonPath("$.errors[0].field").value("campaignId"));
    }

    @Test
    void refusesAnonymousCallers() throws Exception {
        mvc.perform(get("/api/compliance").param("campaignId", "c-1"))
                .andExpect(status().isUnauthorized());
        verifyNoInteractions(query);
    }
}
