package org.jingzhun.organization.campaign;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.plan.GuidancePlan;

/** Issues the next version of a campaign's guidance plan; answers the version number. */
record IssueGuidancePlan(@TargetAggregateIdentifier String campaignId, GuidancePlan plan) {
}
