package org.jingzhun.reporting.compliance;

import java.util.HashMap;
import java.util.Map;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.platform.security.Scope;
import org.jingzhun.platform.web.RequestParameters;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.readmodel.AsOf;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code GET /api/compliance?campaignId=&tier=&sector=&asOf=}: every organization behind its requirements, and
 * why. {@code campaignId} is required; {@code tier} and {@code sector} narrow the list (empty = any);
 * {@code asOf} (ISO date-time, empty = now) judges the county as it stood then.
 */
@RestController
class ComplianceController {

    private final ComplianceQuery query;
    private final Scope scope;

    ComplianceController(ComplianceQuery query, Scope scope) {
        this.query = query;
        this.scope = scope;
    }

    @GetMapping(path = "/api/compliance", produces = MediaType.APPLICATION_JSON_VALUE)
    Compliance compliance(@RequestParam(required = false) String campaignId,
                          @RequestParam(required = false) Tier tier,
                          @RequestParam(required = false) Sector sector,
                          @RequestParam(required = false) String asOf) {
        return withinScope(query.compliance(requiredCampaign(campaignId), tier, sector, asOf(asOf)));
    }

    /** Absent and empty alike: live; otherwise an ISO-8601 date-time with offset, or 400 naming {@code asOf}. */
    static AsOf asOf(String asOf) {
        return asOf == null || asOf.isBlank() ? AsOf.live() : AsOf.at(RequestParameters.offsetDateTime("asOf", asOf));
    }

    /** A secretary sees who is behind in its own subtree only; everyone else, the county. */
    private Compliance withinScope(Compliance answer) {
        if (scope.root().isEmpty()) {
            return answer;
        }
        Map<String, Boolean> allowed = new HashMap<>();
        return new Compliance(answer.campaignId(), answer.asOf(), answer.behind().stream()
                .filter(entry -> allowed.computeIfAbsent(entry.organizationId(), scope::allows))
                .toList());
    }

    /** Absent and empty ({@code ?campaignId=}, as the contract's link template sends it) alike: 400. */
    static String requiredCampaign(String campaignId) {
        if (campaignId == null || campaignId.isBlank()) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", "campaignId", "is required");
        }
        return campaignId.trim();
    }
}
