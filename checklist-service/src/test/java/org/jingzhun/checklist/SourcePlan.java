package org.jingzhun.checklist;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.StudyRequirement;

/**
 * The parts of the source document's plan (as the organization service issues it by default) that
 * the checklist service reads: research duties per tier, the branches' ten ones, counted formats.
 */
public final class SourcePlan {

    private static final Set<ChecklistItem> AT_LEAST_ONCE =
            EnumSet.of(ChecklistItem.EXPERIENCE_EXCHANGE, ChecklistItem.VOLUNTEER_SERVICE);

    private SourcePlan() {
    }

    public static GuidancePlan plan() {
        return plan(AT_LEAST_ONCE);
    }

    /** The plan with only {@code atLeastOnce} of the ten ones asked at least once, the others once. */
    public static GuidancePlan plan(Set<ChecklistItem> atLeastOnce) {
        return new GuidancePlan(List.of(), List.of(), List.of(
                new Requirements(Tier.COUNTY, null, new StudyRequirement(null, null, List.of(),
                        List.of(StudyFormat.CONCENTRATED)), List.of(), List.of(),
                        List.of(new ResearchDuty(List.of(ResearchKind.RESEARCH_REPORT), ResearchBy.EACH_LEADER, 1)),
                        null, List.of(), null),
                new Requirements(Tier.SECTION, null, new StudyRequirement(6, 2, List.of(),
                        List.of(StudyFormat.CONCENTRATED)), List.of(), List.of(),
                        List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF, ResearchKind.RESEARCH_REPORT),
                                ResearchBy.EACH_LEADER, 1)),
                        null, List.of(), null),
                new Requirements(Tier.BRANCH, null, null, List.of(), List.of(),
                        List.of(new ResearchDuty(List.of(ResearchKind.GOLDEN_IDEA), ResearchBy.MEMBERS, 0)),
                        null, tenOnes(atLeastOnce), null)));
    }

    public static Requirements requirementsFor(Tier tier, Sector sector) {
        return plan().requirementsFor(tier, sector);
    }

    private static List<ChecklistRequirement> tenOnes(Set<ChecklistItem> atLeastOnce) {
        return Arrays.stream(ChecklistItem.values())
                .map(item -> new ChecklistRequirement(item, atLeastOnce.contains(item)
                        ? ChecklistFrequency.AT_LEAST_ONCE : ChecklistFrequency.ONCE))
                .toList();
    }
}
