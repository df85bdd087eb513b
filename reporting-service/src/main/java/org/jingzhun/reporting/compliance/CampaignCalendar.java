package org.jingzhun.reporting.compliance;

import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jingzhun.reporting.readmodel.AsOf;

/**
 * A campaign's period and today: which periods of a requirement are over, and so judged.
 *
 * <p>The rule ("months are judged up to today or the campaign's end, whichever is earlier"): a period
 * is judged once it is over, that is when its last day (cut to the campaign's end) is before today. A
 * month is judged from the first day of the next month (or from the day after the campaign's end, when
 * the campaign ends within it); the campaign as a whole from the day after its last day. Until then an
 * organization is not behind on it, however little it has done: the period's remaining days may still
 * be used.
 *
 * @param startsOn the campaign's first day
 * @param endsOn   the campaign's last day, inclusive
 * @param today    today in the county's zone
 */
record CampaignCalendar(LocalDate startsOn, LocalDate endsOn, LocalDate today) {

    /** Now, in the county's zone, by the given clock (whatever zone the clock itself carries). */
    static OffsetDateTime now(Clock clock, ZoneId county) {
        return OffsetDateTime.ofInstant(clock.instant(), county);
    }

    /** The instant of an answer in the county's zone: the one asked for, or now by the clock when live. */
    static OffsetDateTime now(Clock clock, ZoneId county, AsOf asOf) {
        return OffsetDateTime.ofInstant(asOf.instant().orElseGet(clock::instant), county);
    }

    static CampaignCalendar of(DateRange campaign, OffsetDateTime now) {
        return new CampaignCalendar(campaign.first(), campaign.last(), now.toLocalDate());
    }

    DateRange campaign() {
        return new DateRange(startsOn, endsOn);
    }

    /** Every calendar month that overlaps the campaign, in order. */
    List<YearMonth> months() {
        List<YearMonth> months = new ArrayList<>();
        for (YearMonth month = YearMonth.from(startsOn); !month.isAfter(YearMonth.from(endsOn));
             month = month.plusMonths(1)) {
            months.add(month);
        }
        return months;
    }

    /** The days of a month that fall within the campaign; empty when none do. */
    Optional<DateRange> daysOf(YearMonth month) {
        LocalDate first = month.atDay(1).isBefore(startsOn) ? startsOn : month.atDay(1);
        LocalDate last = month.atEndOfMonth().isAfter(endsOn) ? endsOn : month.atEndOfMonth();
        return last.isBefore(first) ? Optional.empty() : Optional.of(new DateRange(first, last));
    }

    /** Whether a period is over, so that an organization can be behind on it: its last day is before today. */
    boolean isOver(DateRange period) {
        return period.last().isBefore(today);
    }

    /** Whether the campaign as a whole is over: the period of the requirements without a month. */
    boolean campaignIsOver() {
        return isOver(campaign());
    }
}
