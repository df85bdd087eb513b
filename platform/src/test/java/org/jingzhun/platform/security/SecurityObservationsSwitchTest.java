package org.jingzhun.platform.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.security.config.observation.SecurityObservationSettings;

/**
 * {@code JINGZHUN_SECURITY_OBSERVATIONS} is read when the service starts, not evaluated as a condition: the
 * suite starts the services with bean definitions generated when the jar was built (Spring AOT), where a
 * condition would keep the build's answer.
 */
class SecurityObservationsSwitchTest {

    @Test
    void springSecuritysObservationsAreOffUnlessTurnedOnWhenTheServiceStarts() {
        SecurityObservationSettings byDefault = observations(new MockEnvironment());
        assertThat(byDefault.shouldObserveRequests()).isFalse();
        assertThat(byDefault.shouldObserveAuthentications()).isFalse();
        assertThat(byDefault.shouldObserveAuthorizations()).isFalse();

        SecurityObservationSettings on = observations(new MockEnvironment()
                .withProperty("jingzhun.security.observations", "true"));
        assertThat(on.shouldObserveRequests()).isTrue();
        assertThat(on.shouldObserveAuthentications()).isTrue();
        assertThat(on.shouldObserveAuthorizations()).isTrue();

        assertThat(observations(new MockEnvironment().withProperty("jingzhun.security.observations", "false"))
                .shouldObserveRequests()).isFalse();
    }

    private static SecurityObservationSettings observations(MockEnvironment environment) {
        return new SecurityConfiguration().jingzhunSecurityObservations(environment);
    }
}
