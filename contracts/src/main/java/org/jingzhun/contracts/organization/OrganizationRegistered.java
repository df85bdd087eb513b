package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;

/**
 * An organization joined the registry. Self-contained, so that other services can keep a replica:
 * it carries tier, sector and parent ({@code null} for a root).
 */
@Revision("1")
public record OrganizationRegistered(String organizationId, String name, Tier tier, Sector sector, String parentId) {
}
