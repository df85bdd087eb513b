package org.jingzhun.reporting.compliance;

import java.util.List;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;

/** Judges one organization: the plan's requirements for its tier and sector, through every policy. */
final class ComplianceEvaluator {

    /** One policy per requirement kind, in the order of {@link Requirement}. */
    static final List<CompliancePolicy> POLICIES = List.of(
            new ConsecutiveStudyPolicy(),
            new TotalStudyDaysPolicy(),
            new MonthlyStudyDaysPolicy(),
            new StudyNotesPolicy(),
            new ChecklistPolicy(),
            new ResearchPolicy(),
            new SpecialRectificationPolicy());

    private ComplianceEvaluator() {
    }

    /** Every requirement the organization is behind on, in the order of its policies. */
    static List<Behind> behind(GuidancePlan plan, OrganizationRecord record, CampaignCalendar calendar) {
        Organization organization = record.organization();
        if (organization.dissolved()) {
            return List.of();
        }
        Requirements requirements = plan.requirementsFor(organization.tier(), organization.sector());
        return POLICIES.stream()
                .flatMap(policy -> policy.shortfalls(requirements, record, calendar).stream())
                .map(shortfall -> Behind.of(organization, shortfall))
                .toList();
    }
}
