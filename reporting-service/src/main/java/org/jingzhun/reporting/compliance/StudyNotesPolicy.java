package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.reporting.compliance.OrganizationRecord.MemberNotes;

/**
 * {@code STUDY_NOTES}: every active member of the organization whose occupation the plan lists
 * ({@code members.studyNotesRequiredOf}, e.g. public servants) has recorded at least one study note, a
 * reflection or an annotation in the campaign. The unit is the organization: one entry per branch,
 * {@code required} = such members, {@code done} = those of them with a note. A member's notes count
 * wherever they were recorded (a member who moved brings them along). Judged once the campaign is over.
 */
final class StudyNotesPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.STUDY_NOTES;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        List<MemberOccupation> occupations = requirements.members().studyNotesRequiredOf().stream()
                .filter(Objects::nonNull).toList();
        if (occupations.isEmpty() || !calendar.campaignIsOver()) {
            return List.of();
        }
        int members = 0;
        int withNotes = 0;
        for (MemberOccupation occupation : occupations) {
            MemberNotes notes = record.members().getOrDefault(occupation, new MemberNotes(0, 0));
            members += notes.members();
            withNotes += notes.withNotes();
        }
        if (withNotes >= members) {
            return List.of();
        }
        return List.of(new Shortfall(requirement(), null, members, BigDecimal.valueOf(withNotes),
                Labels.occupations(occupations) + " " + members + " 名中 " + (members - withNotes)
                        + " 名尚无学习笔记、心得随笔或圈阅批注，要求每人都有"));
    }
}
