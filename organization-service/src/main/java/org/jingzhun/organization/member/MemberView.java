package org.jingzhun.organization.member;

import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;

/** A member as clients of this service read it. */
record MemberView(String id, String organizationId, MemberField field, MemberOccupation occupation,
                  MemberStatus status, String displayName, boolean active) {
}
