package org.jingzhun.rectification.problem;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.jingzhun.platform.web.DateBounds;
import org.jingzhun.platform.web.RuleViolation;

/**
 * A deadline as clients give it: a local date (due at the end of that day, 23:59:59 in the county's
 * zone) or an exact instant. Whole seconds for a date: PostgreSQL keeps microseconds, and the last
 * nanosecond of a day would be rounded up to the next day in the read models.
 */
final class Deadline {

    private static final LocalTime END_OF_DAY = LocalTime.of(23, 59, 59);

    private Deadline() {
    }

    /** Refuses text that is no deadline, and dates outside {@link DateBounds}, naming {@code field}. */
    static Instant parse(String text, ZoneId county, String field) {
        try {
            if (text.length() == 10) {
                return DateBounds.require(LocalDate.parse(text), field).atTime(END_OF_DAY).atZone(county).toInstant();
            }
            OffsetDateTime instant = OffsetDateTime.parse(text);
            DateBounds.require(instant.toLocalDate(), field);
            return instant.toInstant();
        } catch (DateTimeParseException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field,
                    "expected a date (2019-10-31) or an instant with offset (2019-10-31T18:00:00+08:00)");
        }
    }
}
