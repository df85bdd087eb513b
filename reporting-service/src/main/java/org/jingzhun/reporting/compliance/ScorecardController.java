package org.jingzhun.reporting.compliance;

import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/organizations/{orgId}/scorecard?campaignId=&asOf=}: one organization's picture in a campaign,
 * now or as it stood at an instant. {@code campaignId} is required (400); an unknown campaign or organization
 * (unknown then, with {@code asOf}) is a 404.
 */
@RestController
class ScorecardController {

    private final ScorecardQuery query;

    ScorecardController(ScorecardQuery query) {
        this.query = query;
    }

    @GetMapping(path = "/api/organizations/{orgId}/scorecard", produces = MediaType.APPLICATION_JSON_VALUE)
    Scorecard scorecard(@PathVariable String orgId, @RequestParam(required = false) String campaignId,
                        @RequestParam(required = false) String asOf) {
        return query.scorecard(orgId, ComplianceController.requiredCampaign(campaignId), ComplianceController.asOf(asOf));
    }
}
