package org.jingzhun.organization.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.jingzhun.organization.ServiceUnderTest;
import org.jingzhun.platform.axon.EventContractInterceptor;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The same rules on both sides: an event is checked against the JSON Schema reporting checks on intake
 * before it is stored, whatever path the command took (here straight to the command bus, past the web
 * layer's own checks).
 */
class EventContractIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();

    @Test
    void refusesAnEventThatBreaksItsSchemaAndStoresNothing() {
        CommandGateway commands = service.app().getBean(CommandGateway.class);
        String id = "campaign-" + UUID.randomUUID();

        assertThatThrownBy(() -> commands.sendAndWait(new LaunchCampaign(id, "a\u0000b", LocalDate.of(2019, 9, 1),
                LocalDate.of(2019, 11, 30), null)))
                .isInstanceOf(EventContractInterceptor.Refused.class)
                .hasMessageContaining("CampaignLaunched")
                .satisfies(e -> assertThat(((EventContractInterceptor.Refused) e).field()).isEqualTo("name"));

        assertThat(service.app().getBean(JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry WHERE aggregate_identifier = ?").param(id)
                .query(Long.class).single()).isZero();
        commands.sendAndWait(new LaunchCampaign(id, "a b", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30), null));
    }
}
