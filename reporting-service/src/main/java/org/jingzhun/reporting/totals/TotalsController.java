package org.jingzhun.reporting.totals;

import org.jingzhun.platform.web.RequestParameters;
import org.jingzhun.reporting.ReaderSubtree;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/totals?campaignId=&asOf=}: county-wide totals (a secretary's subtree's), of one campaign or of all, now or as of an instant. */
@RestController
class TotalsController {

    private final TotalsQuery query;
    private final LiveTotals live;
    private final ReaderSubtree subtree;

    TotalsController(TotalsQuery query, LiveTotals live, ReaderSubtree subtree) {
        this.query = query;
        this.live = live;
        this.subtree = subtree;
    }

    @GetMapping(path = "/api/totals", produces = MediaType.APPLICATION_JSON_VALUE)
    Totals totals(@RequestParam(required = false) String campaignId, @RequestParam(required = false) String asOf) {
        // The contract's link template sends empty parameters (?campaignId=&asOf=): empty means absent.
        String campaign = campaignId == null || campaignId.isBlank() ? null : campaignId.trim();
        // One query for both: live = the live tables (counted again only when they changed), asOf = the rows as
        // they stood then (same rules); a secretary's totals count its subtree's rows only.
        if (asOf == null || asOf.isBlank()) {
            return live.totals(campaign, subtree.root());
        }
        return query.totals(campaign, AsOf.at(RequestParameters.offsetDateTime("asOf", asOf)), subtree.root());
    }
}
