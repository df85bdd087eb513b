package org.jingzhun.organization.member;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.test.aggregate.AggregateTestFixture;
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
import org.jingzhun.organization.organization.InMemoryOrganizationTree;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jingzhun.platform.axon.SnapshotJson;

class MemberTest {

    private static final MemberEnrolled ENROLLED = new MemberEnrolled("m1", "b1", MemberField.RURAL,
            MemberOccupation.NO_POST, MemberStatus.REGULAR);
    private AggregateTestFixture<Member> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Member.class);
        fixture.registerInjectableResource(new InMemoryOrganizationTree()
                .with("s1", Tier.SECTION, null, false)
                .with("b1", Tier.BRANCH, "s1", false)
                .with("b2", Tier.BRANCH, "s1", false)
                .with("gone", Tier.BRANCH, "s1", true));
    }

    @Test
    void aMemberRestoredFromItsSnapshotEqualsTheMemberItsEventsBuild() {
        fixture.given(ENROLLED)
                .when(new TransferMember("m1", "b2"))
                .expectSuccessfulHandlerExecution()
                .expectState(member -> assertThat(SnapshotJson.restored(member))
                        .usingRecursiveComparison().isEqualTo(member));
        // A new field, or one of another type, needs a new @Revision: old snapshots are then passed over.
        assertThat(SnapshotJson.shape(Member.class)).isEqualTo("1: memberId String, organizationId String, field MemberField, occupation MemberOccupation,"
                + " status MemberStatus, left boolean");
    }

    @Test
    void enrolsAMemberIntoABranch() {
        fixture.givenNoPriorActivity()
                .when(new EnrolMember("m1", "b1", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, null))
                .expectEvents(ENROLLED);
    }

    @Test
    void keepsTheDisplayNameInAnInternalEventOnly() {
        fixture.givenNoPriorActivity()
                .when(new EnrolMember("m1", "b1", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, "张三"))
                .expectEvents(ENROLLED, new MemberNamed("m1", "张三"));
    }

    @Test
    void rejectsEnrolmentOutsideAnActiveBranch() {
        fixture.givenNoPriorActivity()
                .when(new EnrolMember("m1", "s1", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EnrolMember("m1", "gone", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, null))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new EnrolMember("m1", "nope", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR, null))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void recategorizesOnlyWhatChanged() {
        fixture.given(ENROLLED)
                .when(new RecategorizeMember("m1", null, null, MemberStatus.MOBILE))
                .expectEvents(new MemberRecategorized("m1", "b1", MemberField.RURAL, MemberOccupation.NO_POST,
                        MemberStatus.MOBILE));
        fixture.given(ENROLLED)
                .when(new RecategorizeMember("m1", MemberField.RURAL, null, null))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void transfersToAnotherBranchKeepingWhereTheMemberCameFrom() {
        fixture.given(ENROLLED)
                .when(new TransferMember("m1", "b2"))
                .expectEvents(new MemberTransferred("m1", "b2", "b1"));
    }

    @Test
    void rejectsATransferToTheSameBranchOrNotABranch() {
        fixture.given(ENROLLED).when(new TransferMember("m1", "b1"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(ENROLLED).when(new TransferMember("m1", "s1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void leavesOnceAndThenNothingMore() {
        fixture.given(ENROLLED).when(new LeaveMember("m1")).expectEvents(new MemberLeft("m1", "b1"));
        fixture.given(ENROLLED, new MemberLeft("m1", "b1")).when(new LeaveMember("m1"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(ENROLLED, new MemberLeft("m1", "b1")).when(new TransferMember("m1", "b2"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.given(ENROLLED, new MemberLeft("m1", "b1"))
                .when(new RecategorizeMember("m1", null, null, MemberStatus.ELDERLY_INFIRM))
                .expectException(RuleViolation.class).expectExceptionMessage("Member m1 has left").expectNoEvents();
    }
}
