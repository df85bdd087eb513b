package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;

/** A member left the branch and the campaign's count of members. */
@Revision("1")
public record MemberLeft(String memberId, String organizationId) {
}
