package org.jingzhun.reporting.compliance;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.plan.ChecklistFrequency;
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

@WebMvcTest(controllers = ScorecardController.class,
        properties = "jingzhun.admin.password=" + ScorecardControllerTest.PASSWORD)
@Import({SecurityConfiguration.class, ProblemDetailsAdvice.class})
class ScorecardControllerTest {

    static final String PASSWORD = "controller-test";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    ScorecardQuery query;

    @Test
    void answersTheScorecardOfAnOrganization() throws Exception {
        given(query.scorecard("b-1", "c-1", AsOf.live())).willReturn(scorecard());

        mvc.perform(get("/api/organizations/b-1/scorecard").param("campaignId", "c-1")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.campaignId").value("c-1"))
                .andExpect(jsonPath("$.organization.tier").value("BRANCH"))
                .andExpect(jsonPath("$.study.byMonth[0].month").value("2019-09"))
                .andExpect(jsonPath("$.study.byMonth[0].days").value(1.5))
                .andExpect(jsonPath("$.study.requiredTotalDays").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.checklist[1].done").value(false))
                .andExpect(jsonPath("$.checklist[1].firstCompletedOn").value(Matchers.nullValue()))
                .andExpect(jsonPath("$.checklist[0].firstCompletedOn").value("2019-10-09"))
                .andExpect(jsonPath("$.problems.found").value(0))
                .andExpect(jsonPath("$.compliance[0].requirement").value("CHECKLIST_ITEM"));
    }

    @Test
    void requiresTheCampaign() throws Exception {
        mvc.perform(get("/api/organizations/b-1/scorecard?campaignId=").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.errors[0].field").value("campaignId"));
        verifyNoInteractions(query);
    }

    @Test
    void answersNotFoundForAnUnknownOrganization() throws Exception {
        given(query.scorecard("nobody", "c-1", AsOf.live())).willThrow(new RuleViolation(RuleViolation.Kind.NOT_FOUND,
                "organization.not-found", "orgId", "No organization nobody"));

        mvc.perform(get("/api/organizations/nobody/scorecard").param("campaignId", "c-1")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isNotFound())
                .andExpect(jsonPath("$.code").value("organization.not-found"));
    }

    private static Scorecard scorecard() {
        Map<StudyFormat, Number> byFormat = new EnumMap<>(StudyFormat.class);
        byFormat.put(StudyFormat.THEMED_PARTY_DAY, 1.5);
        return new Scorecard("c-1", OffsetDateTime.parse("2019-11-05T09:00:00+08:00"),
                new Organization("b-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "t-1", false), 1,
                new Scorecard.Study(1, 1.5, byFormat, List.of(StudyFormat.THEMED_PARTY_DAY), 1.5, null, false,
                        List.of(new Scorecard.MonthOfStudy("2019-09", 1.5, null, true)), List.of()),
                new Scorecard.Notes(0, Map.of(StudyNoteKind.NOTES, 0L), List.of(MemberOccupation.PUBLIC_SERVANT), 0, 0),
                new Scorecard.HonorRoom(0, 0),
                new Scorecard.Research(Map.of(ResearchKind.GOLDEN_IDEA, 0L), List.of()),
                List.of(new Scorecard.ChecklistStatus(ChecklistItem.PLAN, ChecklistFrequency.ONCE, true,
                                LocalDate.of(2019, 10, 9), 1),
                        new Scorecard.ChecklistStatus(ChecklistItem.DEPLOYMENT, ChecklistFrequency.ONCE, false, null, 0)),
                new Scorecard.Problems(0, 0, 0, 0, Map.of(ProblemStatus.LOGGED, 0L)),
                new Scorecard.SpecialRectifications(null, null, List.of()),
                List.of(new Behind("b-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, Requirement.CHECKLIST_ITEM, null, 1,
                        0L, "“十个一”第 2 项“进行一次集中部署”尚未完成")));
    }
}
