package org.jingzhun.rectification.specialrectification;

import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.junit.jupiter.api.Test;

class SpecialRectificationTest {

    private final AggregateTestFixture<SpecialRectification> fixture = new AggregateTestFixture<>(SpecialRectification.class);

    @Test
    void launchesASpecialRectificationOfACampaign() {
        fixture.givenNoPriorActivity()
                .when(new LaunchSpecialRectification("s1", "c1", "营商环境不优问题专项整治", "审批事项办理时限", "o1"))
                .expectEvents(new SpecialRectificationLaunched("s1", "c1", "营商环境不优问题专项整治", "审批事项办理时限", "o1"));
    }

    @Test
    void launchesACountyWideOneWithoutScopeOrOrganization() {
        fixture.givenNoPriorActivity()
                .when(new LaunchSpecialRectification("s2", "c1", "国有资产管理不规范问题专项整治", null, null))
                .expectEvents(new SpecialRectificationLaunched("s2", "c1", "国有资产管理不规范问题专项整治", null, null));
    }
}
