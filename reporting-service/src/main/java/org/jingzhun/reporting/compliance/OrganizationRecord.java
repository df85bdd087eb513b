package org.jingzhun.reporting.compliance;

import java.time.LocalDate;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;

/**
 * What one organization has done in one campaign, as far as the requirements look at it.
 *
 * @param study                  its study days
 * @param members                its active members by occupation: how many, and how many of them
 *                               recorded at least one study note in the campaign (in any organization)
 * @param research               research filed, by kind
 * @param checklist              checklist items done, each with its first completion and how many
 * @param specialRectifications  ids of the special rectifications it takes part in: launched with its id,
 *                               or holding at least one of its problems
 */
record OrganizationRecord(Organization organization, StudyLog study, Map<MemberOccupation, MemberNotes> members,
                          Map<ResearchKind, Integer> research, Map<ChecklistItem, ItemDone> checklist,
                          Set<String> specialRectifications) {

    OrganizationRecord {
        members = Map.copyOf(members);
        research = Map.copyOf(research);
        checklist = Map.copyOf(checklist);
        specialRectifications = Set.copyOf(specialRectifications);
    }

    /** An organization that has done nothing yet. */
    static OrganizationRecord nothingDone(Organization organization) {
        return new OrganizationRecord(organization, new StudyLog(), Map.of(), Map.of(), Map.of(), Set.of());
    }

    /** Active members of an occupation, and how many of them recorded a study note. */
    record MemberNotes(int members, int withNotes) {
    }

    /** A checklist item done: its first completion and how many completions in all. */
    record ItemDone(LocalDate firstOn, int completions) {
    }
}
