package org.jingzhun.organization.organization;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

record RegisterOrganization(@TargetAggregateIdentifier String organizationId, String name, Tier tier, Sector sector,
                            String parentId) {
}
