package org.jingzhun.platform.web;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/** Reading query parameters the same way on every endpoint that takes them. */
public final class RequestParameters {

    private RequestParameters() {
    }

    /**
     * An ISO-8601 date-time with offset, or null when absent or blank (the contract's link templates send
     * empty parameters); anything else is a 400 {@code invalid-request} naming {@code field}.
     */
    public static OffsetDateTime offsetDateTime(String field, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            // An unencoded '+' of the offset arrives as a space: read it as the '+' it was.
            return OffsetDateTime.parse(value.strip().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field,
                    "must be an ISO-8601 date-time with offset, e.g. 2019-09-27T21:12:00+08:00");
        }
    }
}
