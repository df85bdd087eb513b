package org.jingzhun.checklist.record;

import java.util.List;
import java.util.stream.Collectors;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;

/**
 * Who may file which research, read from the plan's research duties for the organization's tier and
 * sector (e.g. the source document's plan: tier 1 research reports, tier 2 problem briefs or reports,
 * branches golden ideas from their members). A kind no duty accepts is refused; an author named for a
 * kind accepted only from members ({@link ResearchBy#MEMBERS}) must be a member of the organization
 * itself, any other named author a member of some branch, on the day of filing.
 */
final class ResearchPolicy {

    private ResearchPolicy() {
    }

    static void check(SubmitResearch command) {
        Participant participant = command.participant();
        Requirements requirements = participant.requirements();
        ResearchKind kind = command.kind();
        if (!requirements.mayFile(kind)) {
            throw RecordRefused.unprocessable("research.kind-not-allowed", "kind", refusal(participant, kind));
        }
        if (command.memberId() == null) {
            return;
        }
        if (command.authorBranch() == null) {
            throw RecordRefused.unprocessable("research.author-not-a-member", "memberId", "Member "
                    + command.memberId() + " belonged to no branch on " + command.date());
        }
        List<ResearchDuty> accepting = requirements.research().stream()
                .filter(duty -> duty.kinds().contains(kind)).toList();
        boolean fromOwnMembers = accepting.stream().allMatch(duty -> duty.by() == ResearchBy.MEMBERS);
        if (fromOwnMembers && !command.authorBranch().equals(participant.organizationId())) {
            throw RecordRefused.unprocessable("research.author-not-a-member", "memberId", "The guidance plan takes "
                    + kind + " of " + participant.describe() + " organizations from their own members; member "
                    + command.memberId() + " belonged to " + command.authorBranch() + " on " + command.date());
        }
    }

    private static String refusal(Participant participant, ResearchKind kind) {
        String allowed = participant.requirements().research().stream()
                .flatMap(duty -> duty.kinds().stream()).distinct().sorted()
                .map(ResearchKind::name).collect(Collectors.joining(", "));
        return allowed.isEmpty()
                ? "The campaign's guidance plan lets " + participant.describe() + " organizations file no research; "
                        + kind + " refused"
                : "The campaign's guidance plan lets " + participant.describe() + " organizations file " + allowed
                        + ", not " + kind;
    }
}
