package org.jingzhun.reporting.totals;

import org.jingzhun.platform.web.RequestParameters;
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
            return asOfTotals.totals(campaign, RequestParameters.offsetDateTime("asOf", asOf));
        }
        return query.totals(campaign);
    }
}
