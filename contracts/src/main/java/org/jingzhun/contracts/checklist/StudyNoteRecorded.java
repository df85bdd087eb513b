package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/**
 * A member of a branch showed their study process (学习过程留痕): notes, a reflection or annotations.
 * The member belonged to the organization on {@code date}, as the organization registry knew it.
 *
 * @param recordId       the organization's record in the campaign (the aggregate, and the Kafka key)
 * @param noteId         this note's id
 * @param organizationId the member's organization on {@code date}
 * @param campaignId     the campaign it counts for
 * @param memberId       the member
 * @param kind           notes (笔记), reflection (心得随笔) or annotation (圈阅批注)
 * @param date           the day it was recorded for (a local date of the county)
 */
@Revision("1")
public record StudyNoteRecorded(String recordId, String noteId, String organizationId, String campaignId,
                                String memberId, StudyNoteKind kind, LocalDate date) {
}
