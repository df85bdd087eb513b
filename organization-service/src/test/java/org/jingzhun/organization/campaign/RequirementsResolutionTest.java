package org.jingzhun.organization.campaign;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.YearMonth;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.junit.jupiter.api.Test;

/** The merge rule of {@link Requirements#plus}, through {@link GuidancePlan#requirementsFor}. */
class RequirementsResolutionTest {

    private static final Requirements TIER_WIDE = new Requirements(Tier.SECTION, null,
            new StudyRequirement(6, 2, List.of(new ConsecutiveStudy(YearMonth.of(2019, 9), 3)),
                    List.of(StudyFormat.CONCENTRATED)),
            List.of("A", "B"), List.of(FocusArea.PARTY_BUILDING),
            List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF), ResearchBy.EACH_LEADER, 1)),
            new SpecialRectificationDuty(1, 2),
            List.of(new ChecklistRequirement(ChecklistItem.SUMMARY, ChecklistFrequency.ONCE),
                    new ChecklistRequirement(ChecklistItem.PLAN, ChecklistFrequency.ONCE)),
            null);
    private static final Requirements ORGAN = new Requirements(Tier.SECTION, Sector.ORGAN,
            new StudyRequirement(null, 4, List.of(new ConsecutiveStudy(YearMonth.of(2019, 10), 2)),
                    List.of(StudyFormat.CASE_TEACHING, StudyFormat.CONCENTRATED)),
            List.of("B", "C"), List.of(FocusArea.ORGAN_PARTY_BUILDING, FocusArea.PARTY_BUILDING),
            List.of(new ResearchDuty(List.of(ResearchKind.GOLDEN_IDEA), ResearchBy.MEMBERS, 0)),
            null,
            List.of(new ChecklistRequirement(ChecklistItem.SUMMARY, ChecklistFrequency.AT_LEAST_ONCE)),
            null);
    private static final GuidancePlan PLAN = new GuidancePlan(List.of("SET", "A"), List.of(), List.of(TIER_WIDE, ORGAN));

    @Test
    void numbersTheSectorEntryStatesReplaceTheTierWideOnesAndTheOthersAreKept() {
        Requirements organ = PLAN.requirementsFor(Tier.SECTION, Sector.ORGAN);
        assertThat(organ.study().perMonthDays()).isEqualTo(4);
        assertThat(organ.study().totalDays()).isEqualTo(6);
        assertThat(organ.specialRectification()).isEqualTo(new SpecialRectificationDuty(1, 2));
    }

    @Test
    void listsAddUpTierWideFirstWithoutDuplicates() {
        Requirements organ = PLAN.requirementsFor(Tier.SECTION, Sector.ORGAN);
        assertThat(organ.readings()).containsExactly("SET", "A", "B", "C");
        assertThat(organ.focusAreas()).containsExactly(FocusArea.PARTY_BUILDING, FocusArea.ORGAN_PARTY_BUILDING);
        assertThat(organ.study().consecutive()).containsExactly(new ConsecutiveStudy(YearMonth.of(2019, 9), 3),
                new ConsecutiveStudy(YearMonth.of(2019, 10), 2));
        assertThat(organ.study().formats()).containsExactly(StudyFormat.CONCENTRATED, StudyFormat.CASE_TEACHING);
        assertThat(organ.research()).hasSize(2);
        assertThat(organ.mayFile(ResearchKind.GOLDEN_IDEA)).isTrue();
    }

    @Test
    void theSectorEntrysFrequencyWinsForAChecklistItemInBothAndItemsKeepTheirOrder() {
        Requirements organ = PLAN.requirementsFor(Tier.SECTION, Sector.ORGAN);
        assertThat(organ.checklist()).containsExactly(
                new ChecklistRequirement(ChecklistItem.PLAN, ChecklistFrequency.ONCE),
                new ChecklistRequirement(ChecklistItem.SUMMARY, ChecklistFrequency.AT_LEAST_ONCE));
    }

    @Test
    void aSectorWithoutAnEntryGetsTheTierWideRequirements() {
        Requirements health = PLAN.requirementsFor(Tier.SECTION, Sector.HEALTH);
        assertThat(health.sector()).isEqualTo(Sector.HEALTH);
        assertThat(health.study()).isEqualTo(new StudyRequirement(6, 2,
                List.of(new ConsecutiveStudy(YearMonth.of(2019, 9), 3)), List.of(StudyFormat.CONCENTRATED)));
        assertThat(health.readings()).containsExactly("SET", "A", "B");
    }

    @Test
    void aTierWithoutEntriesRequiresOnlyTheSetTexts() {
        Requirements branch = PLAN.requirementsFor(Tier.BRANCH, Sector.ORGAN);
        assertThat(branch.readings()).containsExactly("SET", "A");
        assertThat(branch.study()).isEqualTo(StudyRequirement.NONE);
        assertThat(branch.research()).isEmpty();
        assertThat(branch.checklist()).isEmpty();
        assertThat(branch.specialRectification()).isNull();
    }

    @Test
    void aStatedZeroWaivesATierWideDuty() {
        Requirements waiver = new Requirements(Tier.SECTION, Sector.VILLAGE, new StudyRequirement(0, null, null, null),
                null, null, null, new SpecialRectificationDuty(0, 0), null, null);
        GuidancePlan plan = new GuidancePlan(null, null, List.of(TIER_WIDE, waiver));
        Requirements village = plan.requirementsFor(Tier.SECTION, Sector.VILLAGE);
        assertThat(village.study().totalDays()).isZero();
        assertThat(village.study().perMonthDays()).isEqualTo(2);
        assertThat(village.specialRectification()).isEqualTo(new SpecialRectificationDuty(0, 0));
    }
}
