package org.jingzhun.reporting.compliance;

import org.jingzhun.contracts.plan.GuidancePlan;

/**
 * A campaign and the plan in force: the highest version projected.
 *
 * @param version 0 when no plan is projected yet (an empty plan: nothing is required)
 * @param period  the campaign's period as the plan states it (the campaign's own when there is no plan)
 */
record CampaignPlan(String campaignId, int version, DateRange period, GuidancePlan plan) {
}
