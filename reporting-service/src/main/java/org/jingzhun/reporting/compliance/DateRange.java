package org.jingzhun.reporting.compliance;

import java.time.LocalDate;
import java.util.stream.Stream;

/** Local dates from {@code first} to {@code last}, both inclusive; never empty. */
record DateRange(LocalDate first, LocalDate last) {

    DateRange {
        if (last.isBefore(first)) {
            throw new IllegalArgumentException("a range ends on or after its first day: " + first + " .. " + last);
        }
    }

    Stream<LocalDate> days() {
        return first.datesUntil(last.plusDays(1));
    }

    boolean contains(LocalDate day) {
        return !day.isBefore(first) && !day.isAfter(last);
    }
}
