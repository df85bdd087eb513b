package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;

/**
 * A member joined a party branch. A member is an opaque id plus categories: no personal data
 * travels in events.
 */
@Revision("1")
public record MemberEnrolled(String memberId, String organizationId, MemberField field, MemberOccupation occupation,
                             MemberStatus status) {
}
