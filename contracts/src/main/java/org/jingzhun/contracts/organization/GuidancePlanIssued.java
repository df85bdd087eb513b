package org.jingzhun.contracts.organization;

import java.time.LocalDate;
import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.plan.GuidancePlan;

/**
 * A version of a campaign's guidance plan was issued. Version 1 comes with the launch (the source
 * document's plan unless the launch named one); each revision is a new event with the next version,
 * and the highest version is in force from then on. Self-contained: it carries the campaign period
 * that the plan's months and per-month minimums refer to.
 *
 * @param campaignId the campaign
 * @param version    1, 2, … in the order issued
 * @param startsOn   the campaign's first day
 * @param endsOn     the campaign's last day (inclusive)
 * @param plan       the plan in full, not a difference to the previous version
 */
@Revision("1")
public record GuidancePlanIssued(String campaignId, int version, LocalDate startsOn, LocalDate endsOn,
                                 GuidancePlan plan) {
}
