package org.jingzhun.organization.member;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.serialization.Revision;
import org.axonframework.spring.stereotype.Aggregate;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.organization.member.MemberCommands.EnrolMember;
import org.jingzhun.organization.member.MemberCommands.LeaveMember;
import org.jingzhun.organization.member.MemberCommands.RecategorizeMember;
import org.jingzhun.organization.member.MemberCommands.TransferMember;
import org.jingzhun.organization.organization.OrganizationTree;
import org.jingzhun.platform.axon.SnapshotConfiguration;
import org.jingzhun.platform.web.RuleViolation;

/** A party member: which branch holds them now, and their categories. */
// Public: the bean definitions Spring AOT generates for it (in Axon's packages, at build time) name this class.
@Aggregate(snapshotTriggerDefinition = SnapshotConfiguration.TRIGGER, cache = SnapshotConfiguration.CACHE)
@Revision("1")
public class Member {

    @AggregateIdentifier
    private String memberId;
    private String organizationId;
    private MemberField field;
    private MemberOccupation occupation;
    private MemberStatus status;
    private boolean left;

    Member() {
        // for Axon
    }

    @CommandHandler
    Member(EnrolMember command, OrganizationTree tree) {
        requireActiveBranch(tree, command.organizationId(), "organizationId");
        apply(new MemberEnrolled(command.memberId(), command.organizationId(), command.field(), command.occupation(),
                command.status()));
        if (command.displayName() != null) {
            apply(new MemberNamed(command.memberId(), command.displayName()));
        }
    }

    @CommandHandler
    void handle(RecategorizeMember command) {
        requireMember();
        MemberField newField = command.field() == null ? field : command.field();
        MemberOccupation newOccupation = command.occupation() == null ? occupation : command.occupation();
        MemberStatus newStatus = command.status() == null ? status : command.status();
        if (newField != field || newOccupation != occupation || newStatus != status) {
            apply(new MemberRecategorized(memberId, organizationId, newField, newOccupation, newStatus));
        }
    }

    @CommandHandler
    void handle(TransferMember command, OrganizationTree tree) {
        requireMember();
        if (command.toOrganizationId().equals(organizationId)) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "member.same-branch", "toOrganizationId",
                    "The member already belongs to " + organizationId);
        }
        requireActiveBranch(tree, command.toOrganizationId(), "toOrganizationId");
        apply(new MemberTransferred(memberId, command.toOrganizationId(), organizationId));
    }

    @CommandHandler
    void handle(LeaveMember command) {
        requireMember();
        apply(new MemberLeft(memberId, organizationId));
    }

    private void requireMember() {
        if (left) {
            throw new RuleViolation(RuleViolation.Kind.CONFLICT, "member.left", "Member " + memberId + " has left");
        }
    }

    private static void requireActiveBranch(OrganizationTree tree, String organizationId, String field) {
        OrganizationTree.Node branch = tree.share(organizationId).orElseThrow(() -> new RuleViolation(
                RuleViolation.Kind.UNPROCESSABLE, "member.unknown-organization", field, "No organization " + organizationId));
        if (branch.dissolved()) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "member.organization-dissolved", field,
                    "Organization " + organizationId + " is dissolved");
        }
        if (branch.tier() != Tier.BRANCH) {
            throw new RuleViolation(RuleViolation.Kind.UNPROCESSABLE, "member.not-a-branch", field,
                    "Only party branches hold members; " + organizationId + " is a " + branch.tier() + " organization");
        }
    }

    @EventSourcingHandler
    void on(MemberEnrolled event) {
        memberId = event.memberId();
        organizationId = event.organizationId();
        field = event.field();
        occupation = event.occupation();
        status = event.status();
    }

    @EventSourcingHandler
    void on(MemberRecategorized event) {
        field = event.field();
        occupation = event.occupation();
        status = event.status();
    }

    @EventSourcingHandler
    void on(MemberTransferred event) {
        organizationId = event.organizationId();
    }

    @EventSourcingHandler
    void on(MemberLeft event) {
        left = true;
    }
}
