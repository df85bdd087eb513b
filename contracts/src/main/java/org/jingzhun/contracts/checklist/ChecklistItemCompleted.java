package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.ChecklistItem;

/**
 * A party branch did an item of its "ten ones" (十个一) checklist. Items the plan asks for once are
 * completed once; items asked for "at least once" (e.g. 志愿服务) may be completed again, each time a new
 * event. An item counts as done from its first completion.
 *
 * @param recordId       the branch's record in the campaign (the aggregate, and the Kafka key)
 * @param completionId   this completion's id
 * @param organizationId the branch
 * @param campaignId     the campaign it counts for
 * @param item           the checklist item
 * @param date           the day it was done (a local date of the county)
 * @param note           what was done, {@code null} when not said
 */
@Revision("1")
public record ChecklistItemCompleted(String recordId, String completionId, String organizationId, String campaignId,
                                     ChecklistItem item, LocalDate date, String note) {
}
