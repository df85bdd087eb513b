package org.jingzhun.contracts.organization;

import org.axonframework.serialization.Revision;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;

/** A member's categories changed; {@code organizationId} is the branch the member belongs to. */
@Revision("1")
public record MemberRecategorized(String memberId, String organizationId, MemberField field,
                                  MemberOccupation occupation, MemberStatus status) {
}
