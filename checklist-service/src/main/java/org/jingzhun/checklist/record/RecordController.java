package org.jingzhun.checklist.record;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.platform.registry.OrganizationRegistry;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@RestController
class RecordController {

    private final OrganizationRegistry registry;
    private final RecordViews views;

    RecordController(OrganizationRegistry registry, RecordViews views) {
        this.registry = registry;
        this.views = views;
    }

    /** What the organization has done in the campaign; 404 for an organization or campaign not known. */
    @GetMapping("/api/organizations/{orgId}/record")
    RecordView record(@PathVariable String orgId, @RequestParam @NotBlank @Size(max = 100) String campaignId) {
        OrganizationInfo organization = registry.find(orgId).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.NOT_FOUND, "organization.not-found", "orgId", "No organization " + orgId));
        GuidancePlan plan = registry.plan(campaignId).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.NOT_FOUND, "campaign.not-found", "campaignId", "No campaign " + campaignId));
        Requirements requirements = plan.requirementsFor(organization.tier(), organization.sector());
        return views.of(organization, campaignId, requirements);
    }
}
