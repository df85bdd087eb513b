package org.jingzhun.organization.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.UnaryOperator;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jingzhun.platform.axon.SnapshotJson;

class CampaignTest {

    private static final LocalDate STARTS = LocalDate.of(2019, 9, 1);
    private static final LocalDate ENDS = LocalDate.of(2019, 11, 30);
    private static final GuidancePlan DEFAULT = SourceDocumentPlan.forPeriod(STARTS, ENDS);
    /** Indexes of entries in the source document's plan. */
    private static final int COUNTY = 0;
    private static final int SECTION = 1;
    private static final int BRANCH = 2;

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
    }

    @Test
    void launchesACampaignWithTheSourceDocumentPlanAsVersionOne() {
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "第二批主题教育", STARTS, ENDS, null))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CampaignLaunched("c1", "第二批主题教育", STARTS, ENDS),
                        new GuidancePlanIssued("c1", 1, STARTS, ENDS, DEFAULT));
    }

    @Test
    void launchesACampaignWithThePlanOfItsRequest() {
        GuidancePlan own = new GuidancePlan(List.of("《中国共产党章程》"), List.of(), List.of(
                entry(Tier.SECTION, null, new StudyRequirement(8, 3, List.of(), List.of()))));
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "第二批主题教育", STARTS, ENDS, own))
                .expectEvents(new CampaignLaunched("c1", "第二批主题教育", STARTS, ENDS),
                        new GuidancePlanIssued("c1", 1, STARTS, ENDS, own));
    }

    @Test
    void rejectsAPeriodThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "x", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 8, 31), null))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("endsOn 2019-08-31 is before startsOn 2019-09-01")
                .expectNoEvents();
    }

    @Test
    void rejectsALaunchWithAnInvalidPlanNamingTheFieldUnderPlan() {
        GuidancePlan invalid = withEntry(SECTION, e -> study(e, new StudyRequirement(-1, 2, List.of(), List.of())));
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "x", STARTS, ENDS, invalid))
                .expectException(violation("plan.negative-number", "plan.requirements[1].study.totalDays"))
                .expectNoEvents();
    }

    @Test
    void issuesTheNextVersionAndAnswersItsNumber() {
        GuidancePlan revised = withEntry(SECTION, e -> study(e, new StudyRequirement(8, 3, List.of(), List.of())));
        fixture.given(launched(), issued(1, DEFAULT), issued(2, DEFAULT))
                .when(new IssueGuidancePlan("c1", revised))
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(3)
                .expectEvents(issued(3, revised));
    }

    @Test
    void aCampaignRestoredFromItsSnapshotEqualsTheCampaignItsEventsBuild() {
        fixture.given(launched(), issued(1, DEFAULT))
                .when(new IssueGuidancePlan("c1", DEFAULT))
                .expectSuccessfulHandlerExecution()
                .expectState(campaign -> assertThat(SnapshotJson.restored(campaign))
                        .usingRecursiveComparison().isEqualTo(campaign));
        // A new field, or one of another type, needs a new @Revision: old snapshots are then passed over.
        assertThat(SnapshotJson.shape(Campaign.class)).isEqualTo("1: campaignId String, startsOn LocalDate, endsOn LocalDate, planVersion int");
    }

    @Test
    void reissuesTheSamePlanAsANewVersion() {
        fixture.given(launched(), issued(1, DEFAULT))
                .when(new IssueGuidancePlan("c1", DEFAULT))
                .expectEvents(issued(2, DEFAULT));
    }

    @Test
    void rejectsAPlanForAnUnknownCampaign() {
        fixture.givenNoPriorActivity()
                .when(new IssueGuidancePlan("nope", DEFAULT))
                .expectException(AggregateNotFoundException.class)
                .expectNoEvents();
    }

    @Test
    void rejectsNegativeStudyDays() {
        rejects(withEntry(SECTION, e -> study(e, new StudyRequirement(6, -2, List.of(), List.of()))),
                "plan.negative-number", "requirements[1].study.perMonthDays");
    }

    @Test
    void rejectsMoreDaysPerMonthThanAMonthHas() {
        rejects(withEntry(SECTION, e -> study(e, new StudyRequirement(6, 32, List.of(), List.of()))),
                "plan.too-many-days", "requirements[1].study.perMonthDays");
    }

    @Test
    void rejectsAConsecutiveStudyMonthOutsideTheCampaign() {
        rejects(withEntry(COUNTY, e -> study(e, consecutive(YearMonth.of(2019, 12), 5))),
                "plan.month-outside-campaign", "requirements[0].study.consecutive[0].month");
        rejects(withEntry(COUNTY, e -> study(e, consecutive(YearMonth.of(2019, 8), 5))),
                "plan.month-outside-campaign", "requirements[0].study.consecutive[0].month");
    }

    @Test
    void rejectsMoreConsecutiveDaysThanTheMonthHas() {
        rejects(withEntry(COUNTY, e -> study(e, consecutive(YearMonth.of(2019, 9), 31))),
                "plan.too-many-days", "requirements[0].study.consecutive[0].days");
    }

    @Test
    void rejectsMoreConsecutiveDaysThanFallWithinTheCampaign() {
        GuidancePlan plan = withEntry(COUNTY, e -> study(e, consecutive(YearMonth.of(2019, 11), 5)));
        fixture.given(new CampaignLaunched("c1", "x", STARTS, LocalDate.of(2019, 11, 3)), issued(1, DEFAULT))
                .when(new IssueGuidancePlan("c1", plan))
                .expectException(violation("plan.too-many-days", "requirements[0].study.consecutive[0].days"))
                .expectNoEvents();
    }

    @Test
    void rejectsARunOfNoConsecutiveDays() {
        rejects(withEntry(COUNTY, e -> study(e, consecutive(YearMonth.of(2019, 9), 0))),
                "plan.too-few-days", "requirements[0].study.consecutive[0].days");
    }

    @Test
    void rejectsASpecialRectificationMinimumAboveItsMaximum() {
        rejects(withEntry(SECTION, e -> rectification(e, new SpecialRectificationDuty(3, 2))),
                "plan.min-above-max", "requirements[1].specialRectification.minimum");
    }

    @Test
    void rejectsANegativeSpecialRectificationMinimum() {
        rejects(withEntry(SECTION, e -> rectification(e, new SpecialRectificationDuty(-1, 2))),
                "plan.negative-number", "requirements[1].specialRectification.minimum");
    }

    @Test
    void rejectsASecondTierWideEntryForATier() {
        rejects(adding(entry(Tier.SECTION, null, StudyRequirement.NONE)),
                "plan.duplicate-entry", "requirements[" + DEFAULT.requirements().size() + "]");
    }

    @Test
    void rejectsASecondEntryForATierAndSector() {
        rejects(adding(entry(Tier.BRANCH, Sector.VILLAGE, StudyRequirement.NONE)),
                "plan.duplicate-entry", "requirements[" + DEFAULT.requirements().size() + "]");
    }

    @Test
    void rejectsAnEntryWithoutTier() {
        rejects(adding(entry(null, Sector.ORGAN, StudyRequirement.NONE)),
                "plan.missing-value", "requirements[" + DEFAULT.requirements().size() + "].tier");
    }

    @Test
    void rejectsAChecklistItemListedTwice() {
        rejects(withEntry(BRANCH, e -> checklist(e, List.of(
                        new ChecklistRequirement(ChecklistItem.PLAN, ChecklistFrequency.ONCE),
                        new ChecklistRequirement(ChecklistItem.PLAN, ChecklistFrequency.AT_LEAST_ONCE)))),
                "plan.duplicate-item", "requirements[2].checklist[1].item");
    }

    @Test
    void rejectsAChecklistItemWithoutFrequency() {
        rejects(withEntry(BRANCH, e -> checklist(e, List.of(new ChecklistRequirement(ChecklistItem.PLAN, null)))),
                "plan.missing-value", "requirements[2].checklist[0].frequency");
    }

    @Test
    void rejectsAMissingFocusArea() {
        rejects(withEntry(BRANCH, e -> new Requirements(e.tier(), e.sector(), e.study(), e.readings(),
                        Arrays.asList(FocusArea.PARTY_AFFAIRS, null), e.research(), e.specialRectification(),
                        e.checklist(), e.members())),
                "plan.missing-value", "requirements[2].focusAreas[1]");
    }

    @Test
    void rejectsABlankReading() {
        rejects(withEntry(BRANCH, e -> new Requirements(e.tier(), e.sector(), e.study(), List.of("《摘编》", " "),
                        e.focusAreas(), e.research(), e.specialRectification(), e.checklist(), e.members())),
                "plan.blank-title", "requirements[2].readings[1]");
    }

    @Test
    void rejectsAResearchDutyWithoutKinds() {
        rejects(withEntry(COUNTY, e -> new Requirements(e.tier(), e.sector(), e.study(), e.readings(), e.focusAreas(),
                        List.of(new ResearchDuty(List.of(), ResearchBy.EACH_LEADER, 1)), e.specialRectification(),
                        e.checklist(), e.members())),
                "plan.missing-value", "requirements[0].research[0].kinds");
        rejects(withEntry(COUNTY, e -> new Requirements(e.tier(), e.sector(), e.study(), e.readings(), e.focusAreas(),
                        List.of(new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT), ResearchBy.EACH_LEADER, -1)),
                        e.specialRectification(), e.checklist(), e.members())),
                "plan.negative-number", "requirements[0].research[0].minimum");
    }

    private void rejects(GuidancePlan plan, String code, String field) {
        fixture = new AggregateTestFixture<>(Campaign.class);
        fixture.given(launched(), issued(1, DEFAULT))
                .when(new IssueGuidancePlan("c1", plan))
                .expectException(violation(code, field))
                .expectNoEvents();
    }

    private static CampaignLaunched launched() {
        return new CampaignLaunched("c1", "第二批主题教育", STARTS, ENDS);
    }

    private static GuidancePlanIssued issued(int version, GuidancePlan plan) {
        return new GuidancePlanIssued("c1", version, STARTS, ENDS, plan);
    }

    private static Requirements entry(Tier tier, Sector sector, StudyRequirement study) {
        return new Requirements(tier, sector, study, List.of(), List.of(), List.of(), null, List.of(), null);
    }

    private static GuidancePlan withEntry(int index, UnaryOperator<Requirements> change) {
        List<Requirements> entries = new ArrayList<>(DEFAULT.requirements());
        entries.set(index, change.apply(entries.get(index)));
        return new GuidancePlan(DEFAULT.setReadings(), DEFAULT.countySpecialRectifications(), entries);
    }

    private static GuidancePlan adding(Requirements entry) {
        List<Requirements> entries = new ArrayList<>(DEFAULT.requirements());
        entries.add(entry);
        return new GuidancePlan(DEFAULT.setReadings(), DEFAULT.countySpecialRectifications(), entries);
    }

    private static StudyRequirement consecutive(YearMonth month, int days) {
        return new StudyRequirement(null, null, List.of(new ConsecutiveStudy(month, days)), List.of());
    }

    private static Requirements study(Requirements e, StudyRequirement study) {
        return new Requirements(e.tier(), e.sector(), study, e.readings(), e.focusAreas(), e.research(),
                e.specialRectification(), e.checklist(), e.members());
    }

    private static Requirements rectification(Requirements e, SpecialRectificationDuty duty) {
        return new Requirements(e.tier(), e.sector(), e.study(), e.readings(), e.focusAreas(), e.research(), duty,
                e.checklist(), e.members());
    }

    private static Requirements checklist(Requirements e, List<ChecklistRequirement> checklist) {
        return new Requirements(e.tier(), e.sector(), e.study(), e.readings(), e.focusAreas(), e.research(),
                e.specialRectification(), checklist, e.members());
    }

    private static Matcher<InvalidGuidancePlan> violation(String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(InvalidGuidancePlan violation) {
                return code.equals(violation.code()) && field.equals(violation.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("an invalid plan " + code + " at " + field);
            }

            @Override
            protected void describeMismatchSafely(InvalidGuidancePlan violation, Description description) {
                description.appendText("was " + violation.code() + " at " + violation.field() + ": "
                        + violation.getMessage());
            }
        };
    }
}
