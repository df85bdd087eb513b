package org.jingzhun.rectification;

import org.jingzhun.platform.registry.OrganizationRegistry;
import org.jingzhun.platform.registry.OrganizationRegistry.CampaignInfo;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.stereotype.Component;

/**
 * What a command may name, checked against the organization registry replica before it is dispatched
 * (outside the command's transaction: the replica may wait a little for an organization registered
 * just now). Unknown or dissolved: 422.
 */
@Component
public class RegistryChecks {

    private final OrganizationRegistry registry;

    RegistryChecks(OrganizationRegistry registry) {
        this.registry = registry;
    }

    /** The organization, known and not dissolved. */
    public OrganizationInfo activeOrganization(String organizationId, String field) {
        OrganizationInfo organization = registry.awaitKnown(organizationId).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.UNPROCESSABLE, "organization.unknown", field,
                "No organization " + organizationId + " is known"));
        if (organization.dissolved()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "organization.dissolved", field,
                    "Organization " + organizationId + " (" + organization.name() + ") was dissolved");
        }
        return organization;
    }

    /** The campaign, known. */
    public CampaignInfo campaign(String campaignId, String field) {
        return registry.awaitCampaign(campaignId).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.UNPROCESSABLE, "campaign.unknown", field, "No campaign " + campaignId + " is known"));
    }
}
