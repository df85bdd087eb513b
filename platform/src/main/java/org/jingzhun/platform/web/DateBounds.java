package org.jingzhun.platform.web;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * The dates the suite accepts: 1900-01-01 to 2199-12-31 (CONTRACT.md, "Limits"). Far-off dates such as
 * {@code +999999999-12-31} parse in Java but overflow date arithmetic, PostgreSQL and the schemas'
 * four-digit years; nothing in a campaign's life lies outside this range.
 */
public final class DateBounds {

    public static final LocalDate EARLIEST = LocalDate.of(1900, 1, 1);
    public static final LocalDate LATEST = LocalDate.of(2199, 12, 31);
    /** The message naming the range. */
    public static final String MESSAGE = "must be between " + EARLIEST + " and " + LATEST;

    private static final Instant FIRST_INSTANT = EARLIEST.atStartOfDay(ZoneOffset.UTC).toInstant()
            .minusSeconds(18 * 3600);
    private static final Instant LAST_INSTANT = LATEST.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant()
            .plusSeconds(18 * 3600);

    private DateBounds() {
    }

    public static boolean contains(LocalDate date) {
        return !date.isBefore(EARLIEST) && !date.isAfter(LATEST);
    }

    /** Within the range in some time zone (offsets reach ±18 hours). */
    public static boolean contains(Instant instant) {
        return !instant.isBefore(FIRST_INSTANT) && instant.isBefore(LAST_INSTANT);
    }

    /** The date itself, or a 400 {@code invalid-request} naming {@code field}. */
    public static LocalDate require(LocalDate date, String field) {
        if (date != null && !contains(date)) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, MESSAGE);
        }
        return date;
    }

    /** The instant itself, or a 400 {@code invalid-request} naming {@code field}. */
    public static Instant require(Instant instant, String field) {
        if (instant != null && !contains(instant)) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, MESSAGE);
        }
        return instant;
    }
}
