package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jingzhun.reporting.compliance.CountyEvents.ENDS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.STARTS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.completed;
import static org.jingzhun.reporting.compliance.CountyEvents.member;
import static org.jingzhun.reporting.compliance.CountyEvents.note;
import static org.jingzhun.reporting.compliance.CountyEvents.problem;
import static org.jingzhun.reporting.compliance.CountyEvents.research;
import static org.jingzhun.reporting.compliance.CountyEvents.session;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.SourcePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/**
 * Compliance on real PostgreSQL, fed through the totals projection: a tier-1 body with 4 consecutive days
 * in September beside one with 5, a tier-2 team with 1 day in October, a branch missing two of its ten
 * ones and a note.
 */
class ComplianceQueryTest {

    private static final String CAMPAIGN = "c-2019";

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    private CountyEvents county;

    @BeforeAll
    static void startPostgres() {
        postgres = CountyEvents.startPostgres(dataDirectory);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void loadTheCounty() {
        county = CountyEvents.freshDatabase(postgres, "compliance");
        GuidancePlan plan = SourcePlan.sourceDocumentPlan();
        // Version 1 asked less of tier 2; version 2, in force, is the source document's.
        GuidancePlan lenient = new GuidancePlan(List.of(), List.of(), List.of());
        county.apply(
                new CampaignLaunched(CAMPAIGN, "不忘初心、牢记使命主题教育", STARTS_ON, ENDS_ON),
                new GuidancePlanIssued(CAMPAIGN, 1, STARTS_ON, ENDS_ON, lenient),
                new GuidancePlanIssued(CAMPAIGN, 2, STARTS_ON, ENDS_ON, plan),
                new OrganizationRegistered("county-1", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null),
                new OrganizationRegistered("county-2", "县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null),
                new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("branch-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                new OrganizationRegistered("branch-gone", "已撤并村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                new OrganizationDissolved("branch-gone", "已撤并村党支部"),
                // Tier 1: 4 consecutive days (16–19 Sept) and a fifth day apart; the other body 5 in a row.
                session("county-1", CAMPAIGN, LocalDate.of(2019, 9, 16), 4, StudyFormat.CONCENTRATED),
                session("county-1", CAMPAIGN, LocalDate.of(2019, 9, 23), 1, StudyFormat.CONCENTRATED),
                session("county-2", CAMPAIGN, LocalDate.of(2019, 9, 16), 5, StudyFormat.CONCENTRATED),
                research("county-1", CAMPAIGN, ResearchKind.RESEARCH_REPORT),
                research("county-2", CAMPAIGN, ResearchKind.RESEARCH_REPORT),
                // Tier 2: 2 days in September, 1 in October, 3 in November: 6 in all, October short.
                session("town-1", CAMPAIGN, LocalDate.of(2019, 9, 10), 2, StudyFormat.CONCENTRATED),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 15), 1, StudyFormat.CONCENTRATED),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 22), 2, StudyFormat.ONLINE),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 11, 5), 3, StudyFormat.CONCENTRATED),
                research("town-1", CAMPAIGN, ResearchKind.PROBLEM_BRIEF),
                new SpecialRectificationLaunched("sr-business", CAMPAIGN, "营商环境不优问题", null, null),
                problem("p-1", "town-1", CAMPAIGN, "sr-business"),
                // The branch: eight of the ten ones, two public servants of whom one wrote notes.
                member("m-1", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                member("m-2", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                member("m-3", "branch-1", MemberOccupation.NO_POST),
                note("m-1", "branch-1", CAMPAIGN));
        Arrays.stream(ChecklistItem.values())
                .filter(item -> item != ChecklistItem.RECTIFICATION_LEDGER && item != ChecklistItem.SUMMARY)
                .forEach(item -> county.apply(completed("branch-1", CAMPAIGN, item, LocalDate.of(2019, 10, 9))));
    }

    @AfterEach
    void close() {
        county.close();
    }

    private ComplianceQuery queryOn(LocalDate today) {
        return new ComplianceQuery(county.jdbc, county.transactions, CountyEvents.JINGZHUN, CountyEvents.on(today));
    }

    @Test
    void listsWhoIsBehindAfterTheCampaignInOrderAndWhy() {
        Compliance compliance = queryOn(LocalDate.of(2019, 12, 2)).compliance(CAMPAIGN, null, null);

        assertThat(compliance.campaignId()).isEqualTo(CAMPAIGN);
        assertThat(compliance.asOf()).isEqualTo(OffsetDateTime.parse("2019-12-02T09:00:00+08:00"));
        assertThat(compliance.behind())
                .extracting(Behind::organizationId, Behind::requirement, Behind::period, Behind::required,
                        Behind::done, Behind::explanation)
                .containsExactly(
                        tuple("county-1", Requirement.STUDY_CONSECUTIVE_DAYS, "2019-09", 5, 4L,
                                "2019年9月集中学习最长连续 4 天，要求连续不少于 5 天"),
                        tuple("town-1", Requirement.STUDY_DAYS_PER_MONTH, "2019-10", 2, 1L,
                                "2019年10月集中学习 1 天，要求不少于 2 天"),
                        tuple("branch-1", Requirement.STUDY_NOTES, null, 2, 1L,
                                "公职人员党员 2 名中 1 名尚无学习笔记、心得随笔或圈阅批注，要求每人都有"),
                        tuple("branch-1", Requirement.CHECKLIST_ITEM, null, 1, 0L,
                                "“十个一”第 7 项“制定一个整改台帐”尚未完成"),
                        tuple("branch-1", Requirement.CHECKLIST_ITEM, null, 1, 0L,
                                "“十个一”第 10 项“搞好一次总结”尚未完成"));
        assertThat(compliance.behind().get(0)).extracting(Behind::name, Behind::tier, Behind::sector)
                .containsExactly("县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP);
    }

    @Test
    void judgesOnlyTheMonthsThatAreOverDuringTheCampaign() {
        assertThat(queryOn(LocalDate.of(2019, 9, 30)).compliance(CAMPAIGN, null, null).behind()).isEmpty();

        assertThat(queryOn(LocalDate.of(2019, 10, 1)).compliance(CAMPAIGN, null, null).behind())
                .extracting(Behind::organizationId, Behind::requirement, Behind::period)
                .containsExactly(tuple("county-1", Requirement.STUDY_CONSECUTIVE_DAYS, "2019-09"));

        assertThat(queryOn(LocalDate.of(2019, 11, 1)).compliance(CAMPAIGN, null, null).behind())
                .extracting(Behind::organizationId, Behind::requirement, Behind::period)
                .containsExactly(tuple("county-1", Requirement.STUDY_CONSECUTIVE_DAYS, "2019-09"),
                        tuple("town-1", Requirement.STUDY_DAYS_PER_MONTH, "2019-10"));
    }

    @Test
    void narrowsToATierAndASector() {
        ComplianceQuery query = queryOn(LocalDate.of(2019, 12, 2));

        assertThat(query.compliance(CAMPAIGN, Tier.BRANCH, null).behind())
                .extracting(Behind::organizationId).containsOnly("branch-1").hasSize(3);
        assertThat(query.compliance(CAMPAIGN, null, Sector.TOWNSHIP).behind())
                .extracting(Behind::organizationId).containsExactly("town-1");
        assertThat(query.compliance(CAMPAIGN, Tier.SECTION, Sector.VILLAGE).behind()).isEmpty();
    }

    @Test
    void judgesByTheLatestPlanVersionSoANewVersionChangesTheAnswer() {
        GuidancePlan oneDayAMonth = new GuidancePlan(List.of(), List.of(),
                SourcePlan.sourceDocumentPlan().requirements().stream()
                        .map(entry -> entry.tier() != Tier.SECTION ? entry
                                : new Requirements(entry.tier(), entry.sector(), new StudyRequirement(6, 1, List.of(),
                                        entry.study().formats()), entry.readings(), entry.focusAreas(),
                                entry.research(), entry.specialRectification(), entry.checklist(), entry.members()))
                        .toList());
        county.apply(new GuidancePlanIssued(CAMPAIGN, 3, STARTS_ON, ENDS_ON, oneDayAMonth));

        assertThat(queryOn(LocalDate.of(2019, 12, 2)).compliance(CAMPAIGN, Tier.SECTION, null).behind()).isEmpty();
    }

    @Test
    void findsATier2TeamShortOnDaysWithoutResearchOrSpecialRectification() {
        county.apply(new OrganizationRegistered("health-1", "县卫健局党组", Tier.SECTION, Sector.HEALTH, null),
                session("health-1", CAMPAIGN, LocalDate.of(2019, 9, 2), 2, StudyFormat.CONCENTRATED),
                session("health-1", CAMPAIGN, LocalDate.of(2019, 10, 8), 2, StudyFormat.CONCENTRATED),
                session("health-1", CAMPAIGN, LocalDate.of(2019, 11, 12), 1.5, StudyFormat.CONCENTRATED),
                // Half a day more on a day already studied in full: a calendar day counts once.
                session("health-1", CAMPAIGN, LocalDate.of(2019, 11, 12), 0.5, StudyFormat.CONCENTRATED));

        assertThat(queryOn(LocalDate.of(2019, 12, 2)).compliance(CAMPAIGN, null, Sector.HEALTH).behind())
                .extracting(Behind::requirement, Behind::required, Behind::done, Behind::explanation)
                .containsExactly(
                        tuple(Requirement.STUDY_TOTAL_DAYS, 6, 5.5, "整个主题教育期间集中学习 5.5 天，要求不少于 6 天"),
                        tuple(Requirement.STUDY_DAYS_PER_MONTH, 2, 1.5, "2019年11月集中学习 1.5 天，要求不少于 2 天"),
                        tuple(Requirement.RESEARCH, 1, 0L,
                                "领导干部领题调研形成问题和建议类调研信息或调研报告 0 篇，要求不少于 1 篇"),
                        tuple(Requirement.SPECIAL_RECTIFICATION, 1, 0L, "开展专项整治 0 项，要求 1 至 2 项"));
    }

    @Test
    void countsASpecialRectificationLaunchedForTheTeamEvenWithoutProblems() {
        county.apply(new OrganizationRegistered("edu-1", "县教育局党组", Tier.SECTION, Sector.EDUCATION, null),
                new SpecialRectificationLaunched("sr-edu", CAMPAIGN, "师德师风专项整治", "全县中小学", "edu-1"));

        assertThat(queryOn(LocalDate.of(2019, 12, 2)).compliance(CAMPAIGN, null, Sector.EDUCATION).behind())
                .extracting(Behind::requirement).doesNotContain(Requirement.SPECIAL_RECTIFICATION);
    }

    @Test
    void writesTheContractsJson() throws Exception {
        ObjectMapper web = Jackson2ObjectMapperBuilder.json()
                .serializationInclusion(JsonInclude.Include.NON_NULL) // as PlatformDefaults configure the web layer
                .featuresToDisable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
        JsonNode json = web.readTree(web.writeValueAsString(
                queryOn(LocalDate.of(2019, 12, 2)).compliance(CAMPAIGN, Tier.BRANCH, null)));

        assertThat(json.get("asOf").asText()).isEqualTo("2019-12-02T09:00:00+08:00");
        JsonNode first = json.get("behind").get(0);
        assertThat(first.properties()).extracting(Map.Entry::getKey).containsExactly("organizationId",
                "name", "tier", "sector", "requirement", "period", "required", "done", "explanation");
        assertThat(first.get("period").isNull()).isTrue();
        assertThat(first.get("done").isIntegralNumber()).isTrue();
    }

    @Test
    void refusesAnUnknownCampaign() {
        assertThatThrownBy(() -> queryOn(LocalDate.of(2019, 12, 2)).compliance("c-none", null, null))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.NOT_FOUND);
                    assertThat(violation.field()).isEqualTo("campaignId");
                });
    }
}
