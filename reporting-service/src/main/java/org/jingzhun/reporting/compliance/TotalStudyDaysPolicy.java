package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.List;
import org.jingzhun.contracts.plan.Requirements;

/**
 * {@code STUDY_TOTAL_DAYS}: at least {@code study.totalDays} days of counted study within the campaign
 * period (e.g. tier 2: 整个主题教育期间不少于 6 天). Judged once the campaign is over.
 */
final class TotalStudyDaysPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.STUDY_TOTAL_DAYS;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        Integer required = requirements.study().totalDays();
        if (required == null || required <= 0 || !calendar.campaignIsOver()) {
            return List.of();
        }
        BigDecimal done = record.study().days(calendar.campaign(), requirements.study().formats());
        if (done.compareTo(BigDecimal.valueOf(required)) >= 0) {
            return List.of();
        }
        return List.of(new Shortfall(requirement(), null, required, done,
                "整个主题教育期间" + Labels.study(requirements.study().formats()) + " " + Labels.amount(done)
                        + " 天，要求不少于 " + required + " 天"));
    }
}
