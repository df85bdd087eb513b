package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.plan.Requirements;

/**
 * {@code STUDY_DAYS_PER_MONTH}: at least {@code study.perMonthDays} days of counted study in every
 * calendar month that overlaps the campaign, counting the month's days within the campaign (e.g. tier 2:
 * 每个月不少于 2 天). A month is judged once it (cut to the campaign's end) is over.
 */
final class MonthlyStudyDaysPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.STUDY_DAYS_PER_MONTH;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        Integer required = requirements.study().perMonthDays();
        if (required == null || required <= 0) {
            return List.of();
        }
        List<Shortfall> shortfalls = new ArrayList<>();
        for (YearMonth month : calendar.months()) {
            Optional<DateRange> days = calendar.daysOf(month).filter(calendar::isOver);
            if (days.isEmpty()) {
                continue;
            }
            BigDecimal done = record.study().days(days.get(), requirements.study().formats());
            if (done.compareTo(BigDecimal.valueOf(required)) < 0) {
                shortfalls.add(new Shortfall(requirement(), month.toString(), required, done,
                        Labels.month(month) + Labels.study(requirements.study().formats()) + " "
                                + Labels.amount(done) + " 天，要求不少于 " + required + " 天"));
            }
        }
        return shortfalls;
    }
}
