package org.jingzhun.reporting;

import java.time.YearMonth;
import java.util.Arrays;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberGuidance;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;

/**
 * The source document's plan, as organization-service issues it by default, restated for the reporting
 * tests (services share only contracts).
 */
public final class SourcePlan {

    private SourcePlan() {
    }

    public static GuidancePlan sourceDocumentPlan() {
        Requirements county = new Requirements(Tier.COUNTY, null,
                new StudyRequirement(null, null, List.of(new ConsecutiveStudy(YearMonth.of(2019, 9), 5)),
                        List.of(StudyFormat.CONCENTRATED)), List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT), ResearchBy.EACH_LEADER, 1)),
                null, List.of(), MemberGuidance.NONE);
        Requirements sections = new Requirements(Tier.SECTION, null,
                new StudyRequirement(6, 2, List.of(), List.of(StudyFormat.CONCENTRATED)), List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF, ResearchKind.RESEARCH_REPORT),
                        ResearchBy.EACH_LEADER, 1)),
                new SpecialRectificationDuty(1, 2), List.of(), MemberGuidance.NONE);
        Requirements branches = new Requirements(Tier.BRANCH, null,
                new StudyRequirement(null, null, List.of(), List.of(StudyFormat.THREE_MEETINGS_ONE_LESSON,
                        StudyFormat.THEMED_PARTY_DAY)), List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.GOLDEN_IDEA), ResearchBy.MEMBERS, 0)), null,
                Arrays.stream(ChecklistItem.values()).map(item -> new ChecklistRequirement(item,
                        item == ChecklistItem.EXPERIENCE_EXCHANGE || item == ChecklistItem.VOLUNTEER_SERVICE
                                ? ChecklistFrequency.AT_LEAST_ONCE : ChecklistFrequency.ONCE)).toList(),
                new MemberGuidance(List.of(MemberOccupation.PUBLIC_SERVANT), List.of()));
        return new GuidancePlan(List.of(), List.of("营商环境不优问题"), List.of(county, sections, branches));
    }
}
