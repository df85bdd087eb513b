package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/** An organization moved to another tier or sector; its history before stays as it was. */
@Revision("1")
public record OrganizationReclassified(String organizationId, Tier tier, Sector sector, Tier previousTier,
                                       Sector previousSector) {
}
