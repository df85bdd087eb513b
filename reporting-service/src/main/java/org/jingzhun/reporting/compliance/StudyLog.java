package org.jingzhun.reporting.compliance;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;
import org.jingzhun.contracts.StudyFormat;

/**
 * The calendar days an organization studied in a campaign, and how much of each by format, as the
 * {@code study_day} table has them ({@code StudyDays.spread} of every session).
 *
 * <p>Counting rules of the requirements: only the plan's counted formats count (every format when the
 * plan names none); a calendar day counts at most one day, however many sessions cover it (two full-day
 * sessions on one date are not two days of study); a day covered by half still belongs to a run of
 * consecutive days.
 */
final class StudyLog {

    private static final BigDecimal ONE_DAY = BigDecimal.ONE;

    private final NavigableMap<LocalDate, Map<StudyFormat, BigDecimal>> days = new TreeMap<>();

    /** Adds {@code amount} days of study in {@code format} on {@code day}. */
    StudyLog add(LocalDate day, StudyFormat format, BigDecimal amount) {
        days.computeIfAbsent(day, d -> new EnumMap<>(StudyFormat.class)).merge(format, amount, BigDecimal::add);
        return this;
    }

    /** Days of study within the range in the formats (every format when empty), each calendar day at most one. */
    BigDecimal days(DateRange range, Collection<StudyFormat> formats) {
        BigDecimal total = BigDecimal.ZERO;
        for (Map.Entry<LocalDate, Map<StudyFormat, BigDecimal>> day
                : days.subMap(range.first(), true, range.last(), true).entrySet()) {
            total = total.add(counted(day.getValue(), formats));
        }
        return total;
    }

    /** The longest run of consecutive calendar days within the range each covered by study in the formats. */
    int longestRun(DateRange range, Collection<StudyFormat> formats) {
        int longest = 0;
        int current = 0;
        LocalDate previous = null;
        for (Map.Entry<LocalDate, Map<StudyFormat, BigDecimal>> day
                : days.subMap(range.first(), true, range.last(), true).entrySet()) {
            if (counted(day.getValue(), formats).signum() <= 0) {
                continue;
            }
            current = previous != null && previous.plusDays(1).equals(day.getKey()) ? current + 1 : 1;
            previous = day.getKey();
            longest = Math.max(longest, current);
        }
        return longest;
    }

    private static BigDecimal counted(Map<StudyFormat, BigDecimal> byFormat, Collection<StudyFormat> formats) {
        BigDecimal sum = BigDecimal.ZERO;
        for (Map.Entry<StudyFormat, BigDecimal> part : byFormat.entrySet()) {
            if (formats.isEmpty() || formats.contains(part.getKey())) {
                sum = sum.add(part.getValue());
            }
        }
        return sum.min(ONE_DAY);
    }
}
