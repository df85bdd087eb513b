package org.jingzhun.contracts.organization;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;

/** A campaign (主题教育) was launched for a period of local dates, both inclusive. */
@Revision("1")
public record CampaignLaunched(String campaignId, String name, LocalDate startsOn, LocalDate endsOn) {
}
