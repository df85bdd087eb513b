package org.jingzhun.organization.campaign;

import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.HttpHeaders;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The "1+6" guidance plan of a campaign: read any version, issue the next one. */
@RestController
@RequestMapping("/api/campaigns/{campaignId}/plan")
class GuidancePlanController {

    private final CommandGateway commands;
    private final CampaignProjection campaigns;
    private final GuidancePlanProjection plans;

    GuidancePlanController(CommandGateway commands, CampaignProjection campaigns, GuidancePlanProjection plans) {
        this.commands = commands;
        this.campaigns = campaigns;
        this.plans = plans;
    }

    /** The version in force, or the one asked for. */
    @GetMapping
    IssuedPlanView get(@PathVariable String campaignId, @RequestParam(required = false) Integer version) {
        requireCampaign(campaignId);
        return (version == null ? plans.latest(campaignId) : plans.version(campaignId, version))
                .orElseThrow(() -> new RuleViolation(RuleViolation.Kind.NOT_FOUND, "plan.not-found",
                        version == null ? "campaignId" : "version",
                        "Campaign " + campaignId + " has no plan" + (version == null ? "" : " version " + version)));
    }

    /** Issues the body as the next version; answers it, with its own address in Content-Location. */
    @PutMapping
    ResponseEntity<IssuedPlanView> issue(@PathVariable String campaignId, @RequestBody GuidancePlan plan) {
        requireCampaign(campaignId);
        int version = commands.sendAndWait(new IssueGuidancePlan(campaignId, plan));
        return ResponseEntity.ok()
                .header(HttpHeaders.CONTENT_LOCATION, "/api/campaigns/" + campaignId + "/plan?version=" + version)
                .body(get(campaignId, version));
    }

    @GetMapping("/versions")
    PlanVersionsView versions(@PathVariable String campaignId) {
        requireCampaign(campaignId);
        return new PlanVersionsView(campaignId, plans.versions(campaignId));
    }

    /** The effective requirements of an organization of this tier and sector (tier-wide plus sector entry). */
    @GetMapping("/requirements")
    Requirements requirements(@PathVariable String campaignId, @RequestParam Tier tier, @RequestParam Sector sector,
                              @RequestParam(required = false) Integer version) {
        return get(campaignId, version).plan().requirementsFor(tier, sector);
    }

    private void requireCampaign(String campaignId) {
        if (campaigns.find(campaignId).isEmpty()) {
            throw new RuleViolation(RuleViolation.Kind.NOT_FOUND, "campaign.not-found", "campaignId",
                    "No campaign " + campaignId);
        }
    }
}
