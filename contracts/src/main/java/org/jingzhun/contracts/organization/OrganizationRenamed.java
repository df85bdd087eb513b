package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;

/** An organization got a new name (unique among its siblings). */
@Revision("1")
public record OrganizationRenamed(String organizationId, String name, String previousName) {
}
