package org.jingzhun.organization.organization;

import static org.assertj.core.api.Assertions.assertThat;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.organization.organization.OrganizationCommands.AmendOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.DissolveOrganization;
import org.jingzhun.organization.organization.OrganizationCommands.RegisterOrganization;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jingzhun.platform.axon.SnapshotJson;

class OrganizationTest {

    private static final OrganizationRegistered TOWN = new OrganizationRegistered("s1", "兴隆镇党委", Tier.SECTION,
            Sector.TOWNSHIP, "c1");
    private AggregateTestFixture<Organization> fixture;
    private InMemoryOrganizationTree tree;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
        tree = new InMemoryOrganizationTree()
                .with("c1", Tier.COUNTY, null, false)
                .with("s1", Tier.SECTION, "c1", false)
                .with("b1", Tier.BRANCH, "s1", false)
                .with("gone", Tier.SECTION, "c1", true);
        fixture.registerInjectableResource(tree);
    }

    @Test
    void registersABranchUnderASectionTeam() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("b2", "龙凤村党支部", Tier.BRANCH, Sector.VILLAGE, "s1"))
                .expectEvents(new OrganizationRegistered("b2", "龙凤村党支部", Tier.BRANCH, Sector.VILLAGE, "s1"));
        assertThat(tree.hasName("s1", "龙凤村党支部")).isTrue();
    }

    @Test
    void registersACountyBodyWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("c2", "县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null))
                .expectEvents(new OrganizationRegistered("c2", "县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null));
    }

    @Test
    void rejectsACountyBodyOutsideTheCountyLeadershipSector() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("c2", "县政府党组", Tier.COUNTY, Sector.ORGAN, null))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void rejectsASectionTeamInTheCountyLeadershipSector() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("s2", "县财政局党组", Tier.SECTION, Sector.COUNTY_LEADERSHIP, null))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void rejectsACountyBodyWithAParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("c2", "县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, "c1"))
                .expectException(RuleViolation.class).expectExceptionMessage("A county leadership body has no parent")
                .expectNoEvents();
    }

    @Test
    void rejectsAParentOfALowerOrTheSameTier() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("s2", "某科级班子", Tier.SECTION, Sector.ORGAN, "b1"))
                .expectException(RuleViolation.class).expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("s2", "某科级班子", Tier.SECTION, Sector.ORGAN, "s1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void rejectsAnUnknownOrDissolvedParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("b2", "某支部", Tier.BRANCH, Sector.ORGAN, "nope"))
                .expectException(RuleViolation.class).expectExceptionMessage("No organization nope").expectNoEvents();
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("b2", "某支部", Tier.BRANCH, Sector.ORGAN, "gone"))
                .expectException(RuleViolation.class).expectExceptionMessage("Parent gone is dissolved").expectNoEvents();
    }

    @Test
    void rejectsANameTakenAmongSiblings() {
        tree.withName("s1", "龙凤村党支部");
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("b2", "龙凤村党支部", Tier.BRANCH, Sector.VILLAGE, "s1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void anOrganizationRestoredFromItsSnapshotEqualsTheOrganizationItsEventsBuild() {
        fixture.given(TOWN, new OrganizationRenamed("s1", "兴隆街道党工委", "兴隆镇党委"))
                .when(new AmendOrganization("s1", null, null, Sector.ORGAN))
                .expectSuccessfulHandlerExecution()
                .expectState(organization -> assertThat(SnapshotJson.restored(organization))
                        .usingRecursiveComparison().isEqualTo(organization));
        // A new field, or one of another type, needs a new @Revision: old snapshots are then passed over.
        assertThat(SnapshotJson.shape(Organization.class)).isEqualTo("1: organizationId String, name String, tier Tier, sector Sector, parentId String, dissolved boolean");
    }

    @Test
    void renamesAndReclassifiesTogether() {
        tree.withName("c1", "兴隆镇党委");
        fixture.given(TOWN)
                .when(new AmendOrganization("s1", "兴隆街道党工委", null, Sector.ORGAN))
                .expectEvents(new OrganizationRenamed("s1", "兴隆街道党工委", "兴隆镇党委"),
                        new OrganizationReclassified("s1", Tier.SECTION, Sector.ORGAN, Tier.SECTION, Sector.TOWNSHIP));
        assertThat(tree.hasName("c1", "兴隆镇党委")).isFalse();
        assertThat(tree.hasName("c1", "兴隆街道党工委")).isTrue();
    }

    @Test
    void recordsNothingWhenNothingChanges() {
        fixture.given(TOWN)
                .when(new AmendOrganization("s1", "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP))
                .expectSuccessfulHandlerExecution().expectNoEvents();
    }

    @Test
    void rejectsReclassifyingAboveOrBelowItsChildren() {
        fixture.given(TOWN)
                .when(new AmendOrganization("s1", null, Tier.BRANCH, Sector.TOWNSHIP))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Its children would no longer be of a lower tier than BRANCH")
                .expectNoEvents();
    }

    @Test
    void rejectsReclassifyingABranchThatHoldsMembers() {
        tree.withMembers("b1", 3);
        fixture.given(new OrganizationRegistered("b1", "一支部", Tier.BRANCH, Sector.ORGAN, null))
                .when(new AmendOrganization("b1", null, Tier.SECTION, Sector.ORGAN))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void dissolvesAnEmptyOrganization() {
        fixture.given(new OrganizationRegistered("b1", "一支部", Tier.BRANCH, Sector.ORGAN, "s1"))
                .when(new DissolveOrganization("b1"))
                .expectEvents(new OrganizationDissolved("b1", "一支部"));
    }

    @Test
    void refusesToDissolveAnOrganizationWithChildren() {
        fixture.given(TOWN)
                .when(new DissolveOrganization("s1"))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("Cannot dissolve 兴隆镇党委: it still has 1 active child organization(s) and 0 member(s)")
                .expectNoEvents();
    }

    @Test
    void refusesToDissolveABranchWithMembers() {
        tree.withMembers("b1", 2);
        fixture.given(new OrganizationRegistered("b1", "一支部", Tier.BRANCH, Sector.ORGAN, "s1"))
                .when(new DissolveOrganization("b1"))
                .expectException(RuleViolation.class).expectNoEvents();
    }

    @Test
    void refusesToChangeADissolvedOrganization() {
        fixture.given(new OrganizationRegistered("x", "已撤销支部", Tier.BRANCH, Sector.ORGAN, "s1"),
                        new OrganizationDissolved("x", "已撤销支部"))
                .when(new AmendOrganization("x", "新名", null, null))
                .expectException(RuleViolation.class).expectExceptionMessage("Organization x is dissolved")
                .expectNoEvents();
    }

    @Test
    void refusesToDissolveTwice() {
        fixture.given(new OrganizationRegistered("x", "已撤销支部", Tier.BRANCH, Sector.ORGAN, "s1"),
                        new OrganizationDissolved("x", "已撤销支部"))
                .when(new DissolveOrganization("x"))
                .expectException(RuleViolation.class).expectNoEvents();
    }
}
