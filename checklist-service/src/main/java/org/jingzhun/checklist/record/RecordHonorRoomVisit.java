package org.jingzhun.checklist.record;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record RecordHonorRoomVisit(@TargetAggregateIdentifier String recordId, String organizationId, String campaignId,
                            LocalDate date, int visitors) {
}
