package org.jingzhun.organization.campaign;

import java.time.LocalDate;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CampaignTest {

    private AggregateTestFixture<Campaign> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Campaign.class);
    }

    @Test
    void launchesACampaignForItsPeriod() {
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "第二批主题教育", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new CampaignLaunched("c1", "第二批主题教育", LocalDate.of(2019, 9, 1),
                        LocalDate.of(2019, 11, 30)));
    }

    @Test
    void rejectsAPeriodThatEndsBeforeItStarts() {
        fixture.givenNoPriorActivity()
                .when(new LaunchCampaign("c1", "x", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 8, 31)))
                .expectException(RuleViolation.class)
                .expectExceptionMessage("endsOn 2019-08-31 is before startsOn 2019-09-01")
                .expectNoEvents();
    }
}
