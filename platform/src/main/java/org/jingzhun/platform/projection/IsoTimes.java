package org.jingzhun.platform.projection;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * Instants with an offset in the one ISO-8601 shape the relay writes {@code ce_time} in and PostgreSQL reads as
 * {@code timestamptz} text ({@code 2019-09-03T08:24:26.5+08:00}, {@code …Z}), read and written without going
 * through {@code DateTimeFormatter}: every projected event's time is parsed once and written into up to three
 * statements' parameters, and the formatter's parse context and the string building of {@code toString} were
 * a sixth of everything a replay allocated (docs/benchmarks.md, "Replay", sixth round). Whatever is not in that
 * shape, or not a valid date, goes to the JDK, so the results and the errors are the JDK's.
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    /** {@link OffsetDateTime#parse(CharSequence)}, the same result and the same exceptions, faster. */
    public static OffsetDateTime parse(String text) {
        OffsetDateTime fast = parseFast(text);
        return fast != null ? fast : OffsetDateTime.parse(text);
    }

    /**
     * Text PostgreSQL reads as the same instant (and Java as the same {@link OffsetDateTime}): date, time with
     * seconds, nanoseconds when there are any (nine digits), the offset as {@code Z} or {@code ±HH:MM}; times
     * this shape cannot hold (years outside 0–9999, offsets with seconds) as {@link OffsetDateTime#toString()}.
     */
    public static String text(OffsetDateTime time) {
        int year = time.getYear();
        int offset = time.getOffset().getTotalSeconds();
        if (year < 0 || year > 9999 || offset % 60 != 0) {
            return time.toString();
        }
        int nano = time.getNano();
        byte[] out = new byte[19 + (nano == 0 ? 0 : 10) + (offset == 0 ? 1 : 6)];
        digits(out, 0, year, 4);
        out[4] = '-';
        digits(out, 5, time.getMonthValue(), 2);
        out[7] = '-';
        digits(out, 8, time.getDayOfMonth(), 2);
        out[10] = 'T';
        digits(out, 11, time.getHour(), 2);
        out[13] = ':';
        digits(out, 14, time.getMinute(), 2);
        out[16] = ':';
        digits(out, 17, time.getSecond(), 2);
        int at = 19;
        if (nano != 0) {
            out[at] = '.';
            digits(out, at + 1, nano, 9);
            at += 10;
        }
        if (offset == 0) {
            out[at] = 'Z';
        } else {
            int minutes = Math.abs(offset) / 60;
            out[at] = (byte) (offset < 0 ? '-' : '+');
            digits(out, at + 1, minutes / 60, 2);
            out[at + 3] = ':';
            digits(out, at + 4, minutes % 60, 2);
        }
        return new String(out, StandardCharsets.ISO_8859_1);
    }

    private static void digits(byte[] out, int at, int value, int width) {
        for (int i = at + width - 1; i >= at; i--) {
            out[i] = (byte) ('0' + value % 10);
            value /= 10;
        }
    }

    /** The shape {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}](Z|±HH:MM)} as a valid date, else null (the JDK decides). */
    static OffsetDateTime parseFast(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = number(text, 0, 4);
        int month = number(text, 5, 2);
        int day = number(text, 8, 2);
        int hour = number(text, 11, 2);
        int minute = number(text, 14, 2);
        int second = number(text, 17, 2);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nano = 0;
        if (text.charAt(at) == '.') {
            int digits = 0;
            at++;
            while (at < length && digits < 10) {
                char c = text.charAt(at);
                if (c < '0' || c > '9') {
                    break;
                }
                nano = nano * 10 + (c - '0');
                digits++;
                at++;
            }
            if (digits == 0 || digits > 9) {
                return null;
            }
            for (int i = digits; i < 9; i++) {
                nano *= 10;
            }
        }
        ZoneOffset offset;
        if (at == length - 1 && text.charAt(at) == 'Z') {
            offset = ZoneOffset.UTC;
        } else if (at == length - 6 && (text.charAt(at) == '+' || text.charAt(at) == '-')
                && text.charAt(at + 3) == ':') {
            int hours = number(text, at + 1, 2);
            int minutes = number(text, at + 4, 2);
            if ((hours | minutes) < 0) {
                return null;
            }
            int sign = text.charAt(at) == '-' ? -1 : 1;
            try {
                offset = ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes);
            } catch (DateTimeException e) {
                return null;
            }
        } else {
            return null;
        }
        try {
            return OffsetDateTime.of(year, month, day, hour, minute, second, nano, offset);
        } catch (DateTimeException e) {
            return null;
        }
    }

    /** The decimal number in {@code text[at, at + width)}, or -1 if any of it is not an ASCII digit. */
    private static int number(String text, int at, int width) {
        int value = 0;
        for (int i = at; i < at + width; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
