package org.jingzhun.checklist.record;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.ChecklistItem;

record CompleteChecklistItem(@TargetAggregateIdentifier String recordId, String completionId, String campaignId,
                             Participant participant, ChecklistItem item, LocalDate date, String note) {
}
