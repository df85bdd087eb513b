package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/totals?campaignId=&asOf=}: county-wide totals, of one campaign or of all, now or as of an instant. */
@RestController
class TotalsController {

    private final TotalsQuery query;
    private final AsOfTotals asOfTotals;

    TotalsController(TotalsQuery query, AsOfTotals asOfTotals) {
        this.query = query;
        this.asOfTotals = asOfTotals;
    }

    @GetMapping(path = "/api/totals", produces = MediaType.APPLICATION_JSON_VALUE)
    Totals totals(@RequestParam(required = false) String campaignId, @RequestParam(required = false) String asOf) {
        // The contract's link template sends empty parameters (?campaignId=&asOf=): empty means absent.
        String campaign = campaignId == null || campaignId.isBlank() ? null : campaignId.trim();
        if (asOf != null && !asOf.isBlank()) {
            return asOfTotals.totals(campaign, instant(asOf));
        }
        return query.totals(campaign);
    }

    private static OffsetDateTime instant(String asOf) {
        try {
            // An unencoded '+' of the offset arrives as a space: read it as the '+' it was.
            return OffsetDateTime.parse(asOf.trim().replace(' ', '+'));
        } catch (DateTimeParseException e) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "asOf",
                    "must be an ISO-8601 date-time with offset, e.g. 2019-09-27T21:12:00+08:00");
        }
    }
}
