package org.jingzhun.organization.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/** The commands of the organization tree. */
final class OrganizationCommands {

    private OrganizationCommands() {
    }

    record RegisterOrganization(@TargetAggregateIdentifier String organizationId, String name, Tier tier,
                                Sector sector, String parentId) {
    }

    /** Rename and/or reclassify at once: both changes are checked before either is recorded. */
    record AmendOrganization(@TargetAggregateIdentifier String organizationId, String name, Tier tier,
                             Sector sector) {
    }

    record DissolveOrganization(@TargetAggregateIdentifier String organizationId) {
    }
}
