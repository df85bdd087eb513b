package org.jingzhun.platform.inbox;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Map;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * {@code jingzhun.inbox.kafka.enabled=false} is read when the service starts, not evaluated as a condition: the
 * suite starts the services with bean definitions generated when the jar was built (Spring AOT), where a
 * condition would keep the build's answer. Off, the Kafka inbox is there but never started (HTTP only).
 */
class KafkaInboxSwitchTest {

    @Test
    void theKafkaInboxStartsWithItsServiceUnlessTurnedOffWhenTheServiceStarts() {
        assertThat(kafkaInbox(new MockEnvironment()).isAutoStartup()).isTrue();
        assertThat(kafkaInbox(new MockEnvironment().withProperty("jingzhun.inbox.kafka.enabled", "true"))
                .isAutoStartup()).isTrue();

        KafkaInbox off = kafkaInbox(new MockEnvironment().withProperty("jingzhun.inbox.kafka.enabled", "false"));
        assertThat(off.isAutoStartup()).isFalse();
        assertThat(off.isRunning()).isFalse();
    }

    private static KafkaInbox kafkaInbox(MockEnvironment environment) {
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        TransactionTemplate transactions = new TransactionTemplate();
        Inbox inbox = new Inbox(new InboxRoutes("jingzhun.test.inbox", Map.of()), null, transactions,
                new ObjectMapper(), null, meters, null);
        KafkaClients kafka = KafkaClients.of(new KafkaSettings("localhost:1", 1, (short) 1, Duration.ofSeconds(1)));
        return new InboxConfiguration.Receiving().kafkaInbox(inbox, new JingzhunProperties("test", ZoneId.of("UTC")),
                kafka, null, transactions, meters, environment);
    }
}
