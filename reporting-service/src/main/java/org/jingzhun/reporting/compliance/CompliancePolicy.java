package org.jingzhun.reporting.compliance;

import java.util.List;
import org.jingzhun.contracts.plan.Requirements;

/**
 * One kind of requirement: compares what the plan asks of an organization with what it has done, in the
 * periods that are over. It reads its numbers from the requirements, never from constants of its own.
 */
interface CompliancePolicy {

    /** The requirement it judges. */
    Requirement requirement();

    /** What is missing, one shortfall per unmet requirement and period; empty when nothing is. */
    List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar);
}
