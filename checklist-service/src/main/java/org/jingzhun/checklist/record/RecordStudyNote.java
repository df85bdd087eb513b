package org.jingzhun.checklist.record;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.checklist.StudyNoteKind;

/**
 * @param memberBranch the branch that held the member on {@code date} as the registry knew it when the
 *                     command was sent; {@code null} when the member belonged to none
 */
record RecordStudyNote(@TargetAggregateIdentifier String recordId, String noteId, String organizationId,
                       String campaignId, String memberId, StudyNoteKind kind, LocalDate date, String memberBranch) {
}
