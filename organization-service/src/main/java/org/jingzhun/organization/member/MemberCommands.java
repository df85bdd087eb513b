package org.jingzhun.organization.member;

import org.axonframework.modelling.command.TargetAggregateIdentifier;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;

/** The commands of a member. */
final class MemberCommands {

    private MemberCommands() {
    }

    record EnrolMember(@TargetAggregateIdentifier String memberId, String organizationId, MemberField field,
                       MemberOccupation occupation, MemberStatus status, String displayName) {
    }

    record RecategorizeMember(@TargetAggregateIdentifier String memberId, MemberField field,
                              MemberOccupation occupation, MemberStatus status) {
    }

    record TransferMember(@TargetAggregateIdentifier String memberId, String toOrganizationId) {
    }

    record LeaveMember(@TargetAggregateIdentifier String memberId) {
    }
}
