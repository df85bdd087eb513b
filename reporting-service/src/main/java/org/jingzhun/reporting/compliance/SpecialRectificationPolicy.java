package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.List;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;

/**
 * {@code SPECIAL_RECTIFICATION}: the organization takes part in at least the duty's {@code minimum}
 * special rectifications of the campaign (e.g. tier 2: 1 至 2 项). It takes part in one that was launched
 * with its id, or that holds at least one of its problems (a county-wide drive it logged problems under);
 * each counts once. More than the maximum is not "behind" and is not listed. Judged once the campaign is
 * over.
 */
final class SpecialRectificationPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.SPECIAL_RECTIFICATION;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        SpecialRectificationDuty duty = requirements.specialRectification();
        if (duty == null || duty.minimum() <= 0 || !calendar.campaignIsOver()) {
            return List.of();
        }
        int done = record.specialRectifications().size();
        if (done >= duty.minimum()) {
            return List.of();
        }
        String asked = duty.maximum() > duty.minimum()
                ? " " + duty.minimum() + " 至 " + duty.maximum() + " 项"
                : "不少于 " + duty.minimum() + " 项";
        return List.of(new Shortfall(requirement(), null, duty.minimum(), BigDecimal.valueOf(done),
                "开展专项整治 " + done + " 项，要求" + asked));
    }
}
