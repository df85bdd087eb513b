package org.jingzhun.checklist.record;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.ResearchKind;

/**
 * @param authorBranch the branch that held the author ({@code memberId}) on {@code date}, as the registry
 *                     knew it; {@code null} without an author or when the author belonged to none
 */
record SubmitResearch(@TargetAggregateIdentifier String recordId, String researchId, String campaignId,
                      Participant participant, ResearchKind kind, String title, String memberId, LocalDate date,
                      String authorBranch) {
}
