package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.Requirements;

/**
 * {@code STUDY_CONSECUTIVE_DAYS}: each run the plan asks for ({@code study.consecutive}, e.g. 5 days in
 * 2019-09) is met by a run of that many consecutive calendar days of counted study within the month's
 * days of the campaign. Judged once that month (cut to the campaign) is over; {@code done} is the longest
 * run found.
 */
final class ConsecutiveStudyPolicy implements CompliancePolicy {

    @Override
    public Requirement requirement() {
        return Requirement.STUDY_CONSECUTIVE_DAYS;
    }

    @Override
    public List<Shortfall> shortfalls(Requirements requirements, OrganizationRecord record, CampaignCalendar calendar) {
        List<Shortfall> shortfalls = new ArrayList<>();
        for (ConsecutiveStudy run : requirements.study().consecutive()) {
            if (run == null || run.month() == null || run.days() <= 0) {
                continue;
            }
            Optional<DateRange> days = calendar.daysOf(run.month()).filter(calendar::isOver);
            if (days.isEmpty()) {
                continue;
            }
            int longest = record.study().longestRun(days.get(), requirements.study().formats());
            if (longest < run.days()) {
                shortfalls.add(new Shortfall(requirement(), run.month().toString(), run.days(),
                        BigDecimal.valueOf(longest),
                        Labels.month(run.month()) + Labels.study(requirements.study().formats()) + "最长连续 "
                                + longest + " 天，要求连续不少于 " + run.days() + " 天"));
            }
        }
        return shortfalls;
    }
}
