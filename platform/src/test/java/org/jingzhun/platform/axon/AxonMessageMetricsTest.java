package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SubscribingEventProcessor;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.queryhandling.GenericQueryMessage;
import org.axonframework.queryhandling.SimpleQueryBus;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.junit.jupiter.api.Test;

class AxonMessageMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AxonMessageMetrics metrics = new AxonMessageMetrics(registry);

    record Visit(String orgId) {
    }

    @SuppressWarnings("unchecked")
    private static void handle(MessageMonitor<?> monitor, Message<?> message, boolean succeeds) {
        MessageMonitor.MonitorCallback callback = ((MessageMonitor<Message<?>>) monitor).onMessageIngested(message);
        if (succeeds) {
            callback.reportSuccess();
        } else {
            callback.reportFailure(new IllegalStateException("refused"));
        }
    }

    private List<String> names() {
        return registry.getMeters().stream().map(Meter::getId).map(Meter.Id::getName).distinct().sorted().toList();
    }

    @Test
    void theCommandBusKeepsItsTimersAndCountersWithoutACapacityGauge() {
        MessageMonitor<?> monitor = metrics.registerComponentWithDefaultTags(SimpleCommandBus.class, "commandBus");
        handle(monitor, GenericCommandMessage.asCommandMessage(new Visit("o-1")), true);
        handle(monitor, GenericCommandMessage.asCommandMessage(new Visit("o-1")), false);

        assertThat(registry.get("commandBus.allTimer").tag("payloadType", "Visit").timer().count()).isEqualTo(2);
        assertThat(registry.get("commandBus.successTimer").tag("payloadType", "Visit").timer().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.successCounter").tag("payloadType", "Visit").counter().count()).isEqualTo(1);
        assertThat(registry.get("commandBus.failureCounter").tag("payloadType", "Visit").counter().count()).isEqualTo(1);
        assertThat(names()).noneMatch(name -> name.contains("capacity"));
    }

    @Test
    void anEventProcessorKeepsItsLatencyTimersAndCountersWithoutACapacityGauge() {
        MessageMonitor<?> monitor = metrics.registerComponentWithDefaultTags(SubscribingEventProcessor.class, "views");
        handle(monitor, GenericEventMessage.asEventMessage(new Visit("o-1")), true);

        assertThat(registry.get("eventProcessor.allTimer").tag("processorName", "views").timer().count()).isEqualTo(1);
        assertThat(registry.get("eventProcessor.successCounter").tag("processorName", "views").counter().count())
                .isEqualTo(1);
        assertThat(registry.find("eventProcessor.latency").tag("processorName", "views").gauge()).isNotNull();
        assertThat(names()).noneMatch(name -> name.contains("capacity"));
    }

    @Test
    void theQueryBusKeepsItsTimersAndCountersWithoutACapacityGauge() {
        MessageMonitor<?> monitor = metrics.registerComponentWithDefaultTags(SimpleQueryBus.class, "queryBus");
        handle(monitor, new GenericQueryMessage<>(new Visit("o-1"), ResponseTypes.instanceOf(String.class)), true);

        assertThat(registry.get("queryBus.allTimer").timer().count()).isEqualTo(1);
        assertThat(names()).noneMatch(name -> name.contains("capacity"));
    }

    @Test
    void axonsOwnRegistryWouldHaveKeptACapacityGauge() {
        GlobalMetricRegistry axons = new GlobalMetricRegistry(registry);
        handle(axons.registerComponentWithDefaultTags(SimpleCommandBus.class, "commandBus"),
                GenericCommandMessage.asCommandMessage(new Visit("o-1")), true);

        assertThat(names()).contains("commandBus.capacity");
    }
}
