package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/totals?campaignId=&asOf=}: county-wide totals, of one campaign or of all. */
@RestController
class TotalsController {

    private final TotalsQuery query;

    TotalsController(TotalsQuery query) {
        this.query = query;
    }

    @GetMapping(path = "/api/totals", produces = MediaType.APPLICATION_JSON_VALUE)
    Totals totals(@RequestParam(required = false) String campaignId, @RequestParam(required = false) String asOf) {
        // The contract's link template sends empty parameters (?campaignId=&asOf=): empty means absent.
        if (asOf != null && !asOf.isBlank()) {
            throw asOfRejected(asOf);
        }
        return query.totals(campaignId == null || campaignId.isBlank() ? null : campaignId.trim());
    }

    /**
     * Totals as of a past instant need the read models' history, which they do not keep yet. A clear
     * 400 is better than answering today's totals under yesterday's date.
     */
    private static RuleViolation asOfRejected(String asOf) {
        try {
            OffsetDateTime.parse(asOf);
        } catch (DateTimeParseException e) {
            return new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "asOf",
                    "must be an ISO-8601 date-time with offset, e.g. 2019-09-27T21:12:00+08:00");
        }
        return new RuleViolation(RuleViolation.Kind.INVALID, "as-of-not-supported", "asOf",
                "totals as of a past instant are not supported yet; omit asOf for the current totals");
    }
}
