package org.jingzhun.contracts.plan;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * What organizations of a tier, or of a tier and sector, must do in a campaign. In a plan, an entry
 * with {@code sector == null} is the tier-wide entry (what the overall plan, 总实施方案, asks of the
 * tier); an entry with a sector adds to it what that sector's guidance opinion (分类指导意见) asks. The
 * effective requirements of an organization are {@code tierWide.plus(tierAndSector)}, see
 * {@link GuidancePlan#requirementsFor}.
 *
 * @param tier                 the tier, always present
 * @param sector               {@code null} for the tier-wide entry
 * @param study                required study days, never {@code null} ({@link StudyRequirement#NONE} if absent)
 * @param readings             required readings (必读篇目), titles as printed, e.g. 《中国共产党农村工作条例》
 * @param focusAreas           the problem focus areas (问题聚焦) that apply; a problem may still be logged under any
 * @param research             research duties: the kinds that may be filed, and what is required
 * @param specialRectification the special-rectification duty, {@code null} for none
 * @param checklist            the branch "ten ones" checklist, one requirement per item, in item order
 * @param members              what is asked of members by category, never {@code null}
 */
public record Requirements(Tier tier, Sector sector, StudyRequirement study, List<String> readings,
                           List<FocusArea> focusAreas, List<ResearchDuty> research,
                           SpecialRectificationDuty specialRectification, List<ChecklistRequirement> checklist,
                           MemberGuidance members) {

    public Requirements {
        study = study == null ? StudyRequirement.NONE : study;
        readings = Lists.copy(readings);
        focusAreas = Lists.copy(focusAreas);
        research = Lists.copy(research);
        checklist = Lists.copy(checklist);
        members = members == null ? MemberGuidance.NONE : members;
    }

    /** An entry that requires nothing. */
    public static Requirements none(Tier tier, Sector sector) {
        return new Requirements(tier, sector, StudyRequirement.NONE, List.of(), List.of(), List.of(), null, List.of(),
                MemberGuidance.NONE);
    }

    /**
     * This tier-wide entry refined by the entry of one sector of the tier. The merge rule:
     * <ul>
     *   <li>lists add up: readings, focus areas, research duties, consecutive-study runs, study formats
     *       and member guidance are the union of both, this entry's first, duplicates dropped;</li>
     *   <li>a number or duty the refinement states replaces this one: study {@code totalDays} and
     *       {@code perMonthDays} and the special-rectification duty (to waive one, state 0);</li>
     *   <li>checklist items add up, and for an item in both, the refinement's frequency wins.</li>
     * </ul>
     * The result carries the refinement's tier and sector.
     */
    public Requirements plus(Requirements refinement) {
        Map<ChecklistItem, ChecklistRequirement> items = new EnumMap<>(ChecklistItem.class);
        checklist.forEach(requirement -> items.put(requirement.item(), requirement));
        refinement.checklist().forEach(requirement -> items.put(requirement.item(), requirement));
        return new Requirements(refinement.tier(), refinement.sector(), study.plus(refinement.study()),
                Lists.union(readings, refinement.readings()),
                Lists.union(focusAreas, refinement.focusAreas()),
                Lists.union(research, refinement.research()),
                refinement.specialRectification() != null ? refinement.specialRectification() : specialRectification,
                new ArrayList<>(items.values()),
                members.plus(refinement.members()));
    }

    /** The same requirements with the given readings first (the campaign's set texts). */
    Requirements withReadingsFirst(List<String> first) {
        return new Requirements(tier, sector, study, Lists.union(first, readings), focusAreas, research,
                specialRectification, checklist, members);
    }

    /** Whether research of this kind may be filed here (a duty accepts it, required or not). */
    public boolean mayFile(ResearchKind kind) {
        return research.stream().anyMatch(duty -> duty.kinds().contains(kind));
    }

    /** How often a checklist item is to be done here, if the checklist asks for it. */
    public Optional<ChecklistFrequency> checklistFrequency(ChecklistItem item) {
        return checklist.stream().filter(requirement -> requirement.item() == item)
                .map(ChecklistRequirement::frequency).findFirst();
    }
}
