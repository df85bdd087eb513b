package org.jingzhun.organization.campaign;

import java.time.LocalDate;
import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.plan.GuidancePlan;

/** Launches a campaign; without a {@code plan}, version 1 of its plan is the source document's. */
record LaunchCampaign(@TargetAggregateIdentifier String campaignId, String name, LocalDate startsOn,
                      LocalDate endsOn, GuidancePlan plan) {
}
