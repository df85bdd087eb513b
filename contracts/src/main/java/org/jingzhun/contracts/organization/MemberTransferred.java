package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;

/**
 * A member moved to another branch: {@code organizationId} is the new branch, {@code
 * previousOrganizationId} the one the member belonged to until now (history stays credited to it).
 */
@Revision("1")
public record MemberTransferred(String memberId, String organizationId, String previousOrganizationId) {
}
