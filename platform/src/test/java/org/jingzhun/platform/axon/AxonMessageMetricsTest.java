package org.jingzhun.platform.axon;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import org.axonframework.commandhandling.GenericCommandMessage;
import org.axonframework.commandhandling.SimpleCommandBus;
import org.axonframework.eventhandling.GenericEventMessage;
import org.axonframework.eventhandling.SimpleEventBus;
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

    record Logged(String problemId) {
    }

    /** Success, failure and ignored for two payload types, as each monitor of a component sees them. */
    @SuppressWarnings("unchecked")
    private static void script(MessageMonitor<?> monitor, Function<Object, Message<?>> message) {
        MessageMonitor<Message<?>> m = (MessageMonitor<Message<?>>) monitor;
        m.onMessageIngested(message.apply(new Visit("o-1"))).reportSuccess();
        m.onMessageIngested(message.apply(new Visit("o-2"))).reportSuccess();
        m.onMessageIngested(message.apply(new Visit("o-3"))).reportFailure(new IllegalStateException("refused"));
        m.onMessageIngested(message.apply(new Logged("p-1"))).reportIgnored();
        m.onMessageIngested(message.apply(new Logged("p-2"))).reportSuccess();
        m.onMessageIngested(message.apply(new Logged("p-3")));
    }

    /** Each meter but Axon's capacity gauges: its id and what it measured, durations and gauge values aside. */
    private static Map<String, String> measured(SimpleMeterRegistry meters) {
        Map<String, String> all = new TreeMap<>();
        for (Meter meter : meters.getMeters()) {
            if (meter.getId().getName().contains("capacity")) {
                continue;
            }
            String what = meter.match(
                    gauge -> "gauge",
                    counter -> "counter " + counter.count(),
                    timer -> "timer " + timer.count() + " percentiles "
                            + Arrays.stream(timer.takeSnapshot().percentileValues())
                            .map(p -> String.valueOf(p.percentile())).toList(),
                    summary -> "summary", longTask -> "longTask", timeGauge -> "timeGauge",
                    functionCounter -> "functionCounter", functionTimer -> "functionTimer", other -> "other");
            all.put(meter.getId().getName() + meter.getId().getTags() + " " + meter.getId().getType(), what);
        }
        return all;
    }

    @Test
    void theMetersAreAxonsOwnNamedTaggedAndCountedAlike() {
        SimpleMeterRegistry axonsMeters = new SimpleMeterRegistry();
        GlobalMetricRegistry axons = new GlobalMetricRegistry(axonsMeters);
        for (GlobalMetricRegistry each : List.of(axons, metrics)) {
            script(each.registerComponentWithDefaultTags(SimpleCommandBus.class, "commandBus"),
                    GenericCommandMessage::asCommandMessage);
            script(each.registerComponentWithDefaultTags(SimpleEventBus.class, "eventStore"),
                    GenericEventMessage::asEventMessage);
            script(each.registerComponentWithDefaultTags(SubscribingEventProcessor.class, "views"),
                    GenericEventMessage::asEventMessage);
            script(each.registerComponentWithDefaultTags(SubscribingEventProcessor.class, "kafka-relay"),
                    GenericEventMessage::asEventMessage);
        }

        assertThat(measured(registry)).isEqualTo(measured(axonsMeters)).hasSizeGreaterThan(40)
                .containsEntry("commandBus.allTimer[tag(payloadType=Visit)] TIMER",
                        "timer 3 percentiles [0.5, 0.75, 0.95, 0.98, 0.99, 0.999]")
                .containsEntry("eventProcessor.ingestedCounter[tag(payloadType=Logged), tag(processorName=views)] COUNTER",
                        "counter 3.0")
                .containsEntry("eventStore.allTimer[tag(payloadType=Visit)] TIMER",
                        "timer 3 percentiles [0.5, 0.75, 0.95, 0.98, 0.99, 0.999]")
                .containsEntry("eventStore.ingestedCounter[] COUNTER", "counter 6.0");
    }

    @Test
    void theLatencyGaugeIsTheLastEventsAgePerProcessorAsAxonsIs() {
        SimpleMeterRegistry axonsMeters = new SimpleMeterRegistry();
        Instant anHourAgo = Instant.now().minus(Duration.ofHours(1));
        Instant aMinuteAgo = Instant.now().minus(Duration.ofMinutes(1));
        for (GlobalMetricRegistry each : List.of(new GlobalMetricRegistry(axonsMeters), metrics)) {
            MessageMonitor<?> views = each.registerComponentWithDefaultTags(SubscribingEventProcessor.class, "views");
            MessageMonitor<?> relay = each.registerComponentWithDefaultTags(SubscribingEventProcessor.class, "relay");
            script(views, payload -> new GenericEventMessage<>(
                    GenericEventMessage.asEventMessage(payload), () -> anHourAgo));
            script(relay, payload -> new GenericEventMessage<>(
                    GenericEventMessage.asEventMessage(payload), () -> aMinuteAgo));
        }

        for (String processor : List.of("views", "relay")) {
            double axons = axonsMeters.get("eventProcessor.latency").tag("processorName", processor).gauge().value();
            double ours = registry.get("eventProcessor.latency").tag("processorName", processor).gauge().value();
            assertThat(ours).as(processor).isCloseTo(axons, within(5_000.0));
        }
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "views").gauge().value())
                .isGreaterThan(Duration.ofMinutes(59).toMillis());
        assertThat(registry.get("eventProcessor.latency").tag("processorName", "relay").gauge().value())
                .isBetween((double) Duration.ofSeconds(59).toMillis(), (double) Duration.ofMinutes(2).toMillis());
    }

    @Test
    void axonsOwnRegistryWouldHaveKeptACapacityGauge() {
        GlobalMetricRegistry axons = new GlobalMetricRegistry(registry);
        handle(axons.registerComponentWithDefaultTags(SimpleCommandBus.class, "commandBus"),
                GenericCommandMessage.asCommandMessage(new Visit("o-1")), true);

        assertThat(names()).contains("commandBus.capacity");
    }
}
