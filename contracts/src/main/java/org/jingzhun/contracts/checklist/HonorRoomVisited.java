package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** An organization visited the Du Fuguo honor room (杜富国同志荣誉室) with a number of people. */
@Revision("1")
public record HonorRoomVisited(String recordId, String organizationId, String campaignId, LocalDate date, int visitors) {
}
