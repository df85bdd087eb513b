package org.jingzhun.organization.organization;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class OrganizationTest {

    private AggregateTestFixture<Organization> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Organization.class);
    }

    @Test
    void registersABranchUnderItsParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("o1", "兴隆镇党委第一支部", Tier.BRANCH, Sector.TOWNSHIP, "p1"))
                .expectEvents(new OrganizationRegistered("o1", "兴隆镇党委第一支部", Tier.BRANCH, Sector.TOWNSHIP, "p1"));
    }

    @Test
    void registersACountyBodyWithoutParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("o1", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null))
                .expectEvents(new OrganizationRegistered("o1", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null));
    }

    @Test
    void rejectsACountyBodyOutsideTheCountyLeadershipSector() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("o1", "县委常委会", Tier.COUNTY, Sector.ORGAN, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void rejectsASectionTeamInTheCountyLeadershipSector() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("o1", "县财政局党组", Tier.SECTION, Sector.COUNTY_LEADERSHIP, null))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }

    @Test
    void rejectsACountyBodyWithAParent() {
        fixture.givenNoPriorActivity()
                .when(new RegisterOrganization("o1", "县政府党组", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, "p"))
                .expectException(RuleViolation.class)
                .expectNoEvents();
    }
}
