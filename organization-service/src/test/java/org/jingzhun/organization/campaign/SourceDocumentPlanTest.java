package org.jingzhun.organization.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberOutreach;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The source document's plan, read through the effective-requirements resolution. */
class SourceDocumentPlanTest {

    private final GuidancePlan plan = SourceDocumentPlan.forPeriod(LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30));

    @Test
    void countyLeadershipStudiesFiveConsecutiveDaysInSeptemberAndWritesAReportPerLeader() {
        Requirements county = plan.requirementsFor(Tier.COUNTY, Sector.COUNTY_LEADERSHIP);
        assertThat(county.study().consecutive()).containsExactly(new ConsecutiveStudy(YearMonth.of(2019, 9), 5));
        assertThat(county.study().totalDays()).isNull();
        assertThat(county.study().perMonthDays()).isNull();
        assertThat(county.study().formats()).containsExactly(StudyFormat.CONCENTRATED);
        assertThat(county.research()).containsExactly(
                new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT), ResearchBy.EACH_LEADER, 1));
        assertThat(county.specialRectification()).isNull();
        assertThat(county.checklist()).isEmpty();
    }

    @Test
    void townshipTeamsGetTheSectionStudyDaysPlusTownshipReadingsAndFocusAreas() {
        Requirements township = plan.requirementsFor(Tier.SECTION, Sector.TOWNSHIP);
        assertThat(township.tier()).isEqualTo(Tier.SECTION);
        assertThat(township.sector()).isEqualTo(Sector.TOWNSHIP);
        assertThat(township.study().totalDays()).isEqualTo(6);
        assertThat(township.study().perMonthDays()).isEqualTo(2);
        assertThat(township.study().consecutive()).isEmpty();
        assertThat(township.readings()).containsExactly("《中国共产党农村工作条例》", "《中国共产党支部工作条例（试行）》");
        assertThat(township.focusAreas()).containsExactly(FocusArea.POVERTY_ALLEVIATION, FocusArea.POLICY_DELIVERY,
                FocusArea.SERVING_THE_MASSES, FocusArea.SOCIAL_GOVERNANCE);
        assertThat(township.specialRectification()).isEqualTo(new SpecialRectificationDuty(1, 2));
        assertThat(township.mayFile(ResearchKind.PROBLEM_BRIEF)).isTrue();
        assertThat(township.mayFile(ResearchKind.RESEARCH_REPORT)).isTrue();
        assertThat(township.mayFile(ResearchKind.GOLDEN_IDEA)).isFalse();
    }

    @Test
    void villageBranchesGetTheTenOnesBranchReadingsOnceAndVillageFocus() {
        Requirements village = plan.requirementsFor(Tier.BRANCH, Sector.VILLAGE);
        assertThat(village.readings()).containsExactly("《习近平关于“不忘初心、牢记使命”重要论述摘编》",
                "《中国共产党支部工作条例（试行）》", "《中国共产党农村工作条例》");
        assertThat(village.focusAreas()).containsExactly(FocusArea.POVERTY_ALLEVIATION, FocusArea.BRANCH_STANDARDIZATION);
        assertThat(village.checklist()).hasSize(10);
        assertThat(village.checklist()).extracting(c -> c.item()).containsExactly(ChecklistItem.values());
        assertThat(village.checklistFrequency(ChecklistItem.EXPERIENCE_EXCHANGE)).hasValue(ChecklistFrequency.AT_LEAST_ONCE);
        assertThat(village.checklistFrequency(ChecklistItem.VOLUNTEER_SERVICE)).hasValue(ChecklistFrequency.AT_LEAST_ONCE);
        assertThat(village.checklist()).filteredOn(c -> c.frequency() == ChecklistFrequency.ONCE).hasSize(8);
        assertThat(village.research()).allSatisfy(duty -> assertThat(duty.required()).isFalse());
        assertThat(village.mayFile(ResearchKind.GOLDEN_IDEA)).isTrue();
        assertThat(village.members().studyNotesRequiredOf()).containsExactly(MemberOccupation.PUBLIC_SERVANT);
        assertThat(village.members().outreach()).containsExactly(
                new MemberOutreach(MemberStatus.MOBILE, List.of(StudyFormat.ONLINE)),
                new MemberOutreach(MemberStatus.ELDERLY_INFIRM, List.of(StudyFormat.DELIVERED_TO_DOOR)));
        assertThat(village.study().totalDays()).isNull();
        assertThat(village.specialRectification()).isNull();
    }

    @Test
    void teamsAndBranchesOfASectorLookForDifferentProblemsButReadTheSame() {
        Requirements team = plan.requirementsFor(Tier.SECTION, Sector.EDUCATION);
        Requirements branch = plan.requirementsFor(Tier.BRANCH, Sector.EDUCATION);
        assertThat(team.focusAreas()).containsExactly(FocusArea.EDUCATION_MISSION);
        assertThat(branch.focusAreas()).containsExactly(FocusArea.TEACHER_ETHICS, FocusArea.TEACHING_MANAGEMENT,
                FocusArea.PARTY_AFFAIRS);
        assertThat(team.readings()).containsExactly("《深入学习习近平关于教育的重要论述》");
        assertThat(branch.readings()).contains("《深入学习习近平关于教育的重要论述》");
        assertThat(plan.requirementsFor(Tier.SECTION, Sector.ORGAN).focusAreas())
                .containsExactly(FocusArea.ORGAN_PARTY_BUILDING, FocusArea.WORK_STYLE_AND_EFFICIENCY);
        assertThat(plan.requirementsFor(Tier.BRANCH, Sector.HEALTH).focusAreas())
                .containsExactly(FocusArea.WEAK_FOUNDATIONS, FocusArea.PATIENT_SERVICE_GAPS);
    }

    @Test
    void namesTheCountysOwnThreeSpecialRectifications() {
        assertThat(plan.countySpecialRectifications())
                .containsExactly("省委巡视组巡视反馈问题", "营商环境不优问题", "国有资产管理不规范问题");
    }

    @Test
    void holdsOneEntryPerTierAndPerTierAndSectorWithASectorGuidance() {
        assertThat(plan.requirements()).extracting(Requirements::tier, Requirements::sector).doesNotHaveDuplicates();
        for (Sector sector : Sector.values()) {
            if (sector != Sector.COUNTY_LEADERSHIP) {
                assertThat(plan.entry(Tier.SECTION, sector)).as("SECTION %s", sector).isPresent();
                assertThat(plan.entry(Tier.BRANCH, sector)).as("BRANCH %s", sector).isPresent();
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"2019-09-01, 2019-11-30, 2019-09", "2019-09-26, 2020-01-31, 2019-09", "2019-09-27, 2020-09-30, 2020-09",
            "2024-03-01, 2024-06-30, ", "2019-09-01, 2019-09-01, "})
    void placesTheTierOneRunInTheFirstSeptemberHoldingFiveCampaignDays(LocalDate startsOn, LocalDate endsOn,
                                                                      YearMonth september) {
        GuidancePlan plan = SourceDocumentPlan.forPeriod(startsOn, endsOn);
        assertThat(plan.requirementsFor(Tier.COUNTY, Sector.COUNTY_LEADERSHIP).study().consecutive())
                .isEqualTo(september == null ? List.of() : List.of(new ConsecutiveStudy(september, 5)));
        // A client reads the default and PUTs it back: it must pass the validator of its campaign.
        assertThatCode(() -> new PlanValidator(startsOn, endsOn).validate(plan, "")).doesNotThrowAnyException();
    }
}
