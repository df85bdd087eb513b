package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;

/** An organization was dissolved; it had no active children and no members left. */
@Revision("1")
public record OrganizationDissolved(String organizationId, String name) {
}
