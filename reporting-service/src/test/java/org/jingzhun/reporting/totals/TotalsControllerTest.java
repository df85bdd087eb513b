package org.jingzhun.reporting.totals;

import static org.mockito.BDDMockito.given;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.verifyNoInteractions;
import static org.mockito.Mockito.verifyNoMoreInteractions;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.httpBasic;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.time.OffsetDateTime;
import java.util.Map;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.web.servlet.WebMvcTest;
import org.springframework.context.annotation.Import;
import org.springframework.http.MediaType;
import org.springframework.test.context.bean.override.mockito.MockitoBean;
import org.springframework.test.web.servlet.MockMvc;

@WebMvcTest(controllers = TotalsController.class, properties = "jingzhun.admin.password=" + TotalsControllerTest.PASSWORD)
@Import({SecurityConfiguration.class, ProblemDetailsAdvice.class})
class TotalsControllerTest {

    static final String PASSWORD = "controller-test";

    @Autowired
    MockMvc mvc;

    @MockitoBean
    TotalsQuery query;

    @MockitoBean
    LiveTotals live;

    /** Its mock names no subtree: the county's totals. */
    @MockitoBean
    ReaderSubtree subtree;

    @Test
    void answersTheTotalsOfOneCampaign() throws Exception {
        given(live.totals("c-1", null)).willReturn(totals("c-1"));

        mvc.perform(get("/api/totals").param("campaignId", "c-1").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(content().contentType(MediaType.APPLICATION_JSON))
                .andExpect(jsonPath("$.campaignId").value("c-1"))
                .andExpect(jsonPath("$.asOf").value("2019-09-27T21:12:00+08:00"))
                .andExpect(jsonPath("$.organizations.byTier.BRANCH").value(441))
                .andExpect(jsonPath("$.study.days").value(0.0))
                .andExpect(jsonPath("$.research.GOLDEN_IDEA").value(0))
                .andExpect(jsonPath("$.problems.bySpecialRectification").isMap());
    }

    @Test
    void writesANullCampaignForAllCampaignsAndTreatsEmptyParametersAsAbsent() throws Exception {
        given(live.totals(null, null)).willReturn(totals(null));

        mvc.perform(get("/api/totals?campaignId=&asOf=").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.campaignId").isEmpty())
                .andExpect(jsonPath("$.eventsProjected").value(18734));
        verify(live).totals(null, null);
        verifyNoInteractions(query);
    }

    @Test
    void answersTheTotalsAsOfAnInstant() throws Exception {
        OffsetDateTime instant = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
        given(query.totals("c-1", AsOf.at(instant), null)).willReturn(totals("c-1"));

        mvc.perform(get("/api/totals").param("campaignId", "c-1").param("asOf", "2019-09-27T21:12:00+08:00")
                        .with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isOk())
                .andExpect(jsonPath("$.asOf").value("2019-09-27T21:12:00+08:00"))
                .andExpect(jsonPath("$.honorRoom.personVisits").value(1630));
        verify(query).totals("c-1", AsOf.at(instant), null);
        verifyNoMoreInteractions(query);
        verifyNoInteractions(live);
    }

    @Test
    void rejectsAnAsOfThatIsNoInstant() throws Exception {
        mvc.perform(get("/api/totals").param("asOf", "yesterday").with(httpBasic("admin", PASSWORD)))
                .andExpect(status().isBadRequest())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("invalid-request"))
                .andExpect(jsonPath("$.errors[0].field").value("asOf"));
        verifyNoInteractions(query, live);
    }

    @Test
    void refusesAnonymousCallers() throws Exception {
        mvc.perform(get("/api/totals"))
                .andExpect(status().isUnauthorized())
                .andExpect(header().exists("WWW-Authenticate"))
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON));
        verifyNoInteractions(query, live);
    }

    private static Totals totals(String campaignId) {
        Map<Tier, Long> byTier = EnumCounts.zeros(Tier.class);
        byTier.putAll(Map.of(Tier.COUNTY, 4L, Tier.SECTION, 88L, Tier.BRANCH, 441L));
        return new Totals(campaignId, OffsetDateTime.parse("2019-09-27T21:12:00+08:00"), 18734,
                new Totals.Organizations(533, byTier, EnumCounts.zeros(Sector.class)),
                new Totals.Members(15000, EnumCounts.zeros(MemberField.class), EnumCounts.zeros(MemberOccupation.class),
                        EnumCounts.zeros(MemberStatus.class)), Totals.Study.none(), new Totals.HonorRoom(66, 1630),
                EnumCounts.zeros(ResearchKind.class), Totals.Checklist.none(),
                new Totals.Problems(178, 157, 21, 0, EnumCounts.zeros(Sector.class), EnumCounts.zeros(Tier.class),
                        EnumCounts.zeros(ProblemSource.class), Map.of()));
    }
}
