package org.jingzhun.checklist.record;

import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.ChecklistFrequency;

/**
 * Which checklist items an organization keeps, and how often: the "ten ones" (十个一) are the party
 * branches' checklist, so only {@link Tier#BRANCH} organizations keep one, and an item counts only if
 * the plan's checklist for the branch's sector lists it; its frequency comes from there.
 */
final class ChecklistPolicy {

    private ChecklistPolicy() {
    }

    /** The frequency the plan asks of the item here; refuses an organization or item the checklist is not for. */
    static ChecklistFrequency frequency(CompleteChecklistItem command) {
        Participant participant = command.participant();
        if (participant.tier() != Tier.BRANCH) {
            throw RecordRefused.unprocessable("checklist.branches-only", "orgId", "The \"ten ones\" checklist is kept by"
                    + " party branches (BRANCH); " + participant.organizationId() + " is a " + participant.tier()
                    + " organization");
        }
        return participant.requirements().checklistFrequency(command.item())
                .orElseThrow(() -> RecordRefused.unprocessable("checklist.item-not-in-plan", "item",
                        "The campaign's guidance plan does not list " + command.item() + " in the checklist of "
                                + participant.describe() + " organizations"));
    }
}
