package org.jingzhun.contracts.checklist;

import java.time.LocalDate;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Which calendar days a study session covers, and how much of each. A session of {@code days} days
 * (a positive multiple of 0.5) held from {@code date} covers {@code ceil(days)} consecutive calendar
 * days starting at {@code date}: every one of them a full day, except the last, which is half a day when
 * {@code days} ends in .5. So 0.5 covers one day by half; 2.5 covers {@code date} and the next day
 * fully and the third day by half. Study days by month and runs of consecutive days are counted from
 * these calendar days.
 */
public final class StudyDays {

    /** The smallest unit of study time: half a day. */
    public static final double HALF_DAY = 0.5;

    private StudyDays() {
    }

    /** Whether {@code days} is a valid session length: positive and a whole number of half days. */
    public static boolean isValidLength(double days) {
        return days > 0 && Double.isFinite(days) && Math.rint(days / HALF_DAY) == days / HALF_DAY;
    }

    /**
     * The calendar days covered by a session of {@code days} from {@code date}, in order, each with the
     * part of it studied (1.0 or 0.5).
     *
     * @throws IllegalArgumentException if {@code days} is not {@linkplain #isValidLength a valid length}
     */
    public static Map<LocalDate, Double> spread(LocalDate date, double days) {
        if (!isValidLength(days)) {
            throw new IllegalArgumentException("a session lasts a positive number of half days, not " + days);
        }
        Map<LocalDate, Double> covered = new LinkedHashMap<>();
        double left = days;
        LocalDate day = date;
        while (left > 0) {
            double part = Math.min(1.0, left);
            covered.put(day, part);
            left -= part;
            day = day.plusDays(1);
        }
        return Collections.unmodifiableMap(covered);
    }
}
