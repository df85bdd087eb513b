package org.jingzhun.contracts.plan;

import java.util.List;
import org.jingzhun.contracts.MemberOccupation;

/**
 * What a plan asks of members by category (分类别抓好学习教育). Only branches hold members.
 *
 * @param studyNotesRequiredOf occupations whose members must show their study process by recording
 *                             study notes — notes (笔记), reflections (心得随笔) or annotations (圈阅批注);
 *                             such a member with no study note recorded is behind
 *                             ({@code STUDY_NOTES} in compliance)
 * @param outreach             how members of a status are reached
 */
public record MemberGuidance(List<MemberOccupation> studyNotesRequiredOf, List<MemberOutreach> outreach) {

    /** Nothing asked of members. */
    public static final MemberGuidance NONE = new MemberGuidance(List.of(), List.of());

    public MemberGuidance {
        studyNotesRequiredOf = Lists.copy(studyNotesRequiredOf);
        outreach = Lists.copy(outreach);
    }

    /** This tier-wide guidance refined by a tier-and-sector one: the union of both. */
    public MemberGuidance plus(MemberGuidance refinement) {
        return new MemberGuidance(Lists.union(studyNotesRequiredOf, refinement.studyNotesRequiredOf()),
                Lists.union(outreach, refinement.outreach()));
    }
}
