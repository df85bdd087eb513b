package org.jingzhun.organization.campaign;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

record LaunchCampaign(@TargetAggregateIdentifier String campaignId, String name, LocalDate startsOn,
                      LocalDate endsOn) {
}
