package org.jingzhun.organization.organization;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.platform.web.RuleViolation;

@Aggregate
class Organization {

    @AggregateIdentifier
    private String organizationId;
    private Tier tier;

    Organization() {
        // for Axon
    }

    @CommandHandler
    Organization(RegisterOrganization command) {
        if ((command.tier() == Tier.COUNTY) != (command.sector() == Sector.COUNTY_LEADERSHIP)) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "organization.sector-mismatch", "sector",
                    "The county leadership bodies, and only they, belong to sector COUNTY_LEADERSHIP");
        }
        if (command.tier() == Tier.COUNTY && command.parentId() != null) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "organization.county-has-parent", "parentId",
                    "A county leadership body has no parent");
        }
        apply(new OrganizationRegistered(command.organizationId(), command.name(), command.tier(), command.sector(),
                command.parentId()));
    }

    @EventSourcingHandler
    void on(OrganizationRegistered event) {
        organizationId = event.organizationId();
        tier = event.tier();
    }
}
