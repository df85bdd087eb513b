package org.jingzhun.platform.registry;

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
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.MemberGuidance;
import org.jingzhun.contracts.plan.MemberOutreach;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;

/** Guidance plans using every part of the plan model, so a round trip through JSONB is checked in full. */
final class Plans {

    private Plans() {
    }

    /** A plan asking {@code totalDays} of study of section-level teams. */
    static GuidancePlan withTotalDays(int totalDays) {
        Requirements sections = new Requirements(Tier.SECTION, null,
                new StudyRequirement(totalDays, 2, List.of(new ConsecutiveStudy(YearMonth.of(2019, 9), 5)),
                        List.of(StudyFormat.CONCENTRATED)),
                List.of("《习近平关于“不忘初心、牢记使命”重要论述选编》"), List.of(FocusArea.POLICY_DELIVERY),
                List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF, ResearchKind.RESEARCH_REPORT),
                        ResearchBy.EACH_LEADER, 1)),
                new SpecialRectificationDuty(1, 2), List.of(), MemberGuidance.NONE);
        Requirements villageBranches = new Requirements(Tier.BRANCH, Sector.VILLAGE, StudyRequirement.NONE, List.of(),
                List.of(FocusArea.POVERTY_ALLEVIATION), List.of(), null,
                List.of(new ChecklistRequirement(ChecklistItem.PLAN, ChecklistFrequency.ONCE),
                        new ChecklistRequirement(ChecklistItem.VOLUNTEER_SERVICE, ChecklistFrequency.AT_LEAST_ONCE)),
                new MemberGuidance(List.of(MemberOccupation.PUBLIC_SERVANT),
                        List.of(new MemberOutreach(MemberStatus.MOBILE, List.of(StudyFormat.ONLINE)))));
        return new GuidancePlan(List.of("《中国共产党章程》"), List.of("营商环境不优问题"), List.of(sections, villageBranches));
    }
}
