package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.ResearchKind;

/**
 * An organization filed a piece of research (调查研究): a research report, a problem brief or a golden
 * idea. The campaign's guidance plan allowed that kind for the organization's tier and sector.
 *
 * @param recordId       the organization's record in the campaign (the aggregate, and the Kafka key)
 * @param researchId     this piece's id
 * @param organizationId who filed it
 * @param campaignId     the campaign it counts for
 * @param kind           what it is
 * @param title          its title
 * @param memberId       the member who wrote it, {@code null} when not named
 * @param date           the day it was filed (a local date of the county)
 */
@Revision("1")
public record ResearchSubmitted(String recordId, String researchId, String organizationId, String campaignId,
                                ResearchKind kind, String title, String memberId, LocalDate date) {
}
