package org.jingzhun.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.function.Function;
import org.axonframework.commandhandling.CommandMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.MultiMessageMonitor;
import org.axonframework.queryhandling.QueryMessage;

/**
 * Axon's message metrics without its {@code CapacityMonitor}: the command bus, the query bus and every
 * event processor keep their timer ({@code *_allTimer_seconds}, {@code *_successTimer_seconds}, …), their
 * counters ({@code *_successCounter_total}, …) and, for processors, {@code eventProcessor_latency}; only the
 * {@code *_capacity} gauges are left out.
 *
 * <p>Axon's capacity gauge keeps every message handled in its last minute in a sorted map
 * ({@code SlidingTimeWindowReservoir}): under ~440 problems/s that was ~387,000 map nodes and ~32 MB, some 40 % of
 * rectification-service's live heap, every entry promoted to the old generation and dying there a minute later
 * (docs/benchmarks.md, "Axon's capacity gauges"). The same figure, the share of a minute a component spent
 * handling messages, is the timer's rate: {@code rate(commandBus_allTimer_seconds_sum[1m])}.
 *
 * <p>Only the dimensional registrations (tags per payload type and component, the platform's default
 * {@code axon.metrics.micrometer.dimensional=true}) are replaced; the older name-per-component ones are Axon's.
 * The timers, counters and latency gauges are Axon's meters, each registered once per tag set and kept
 * ({@link MessageMeters}) instead of looked up again for every message.
 */
public class AxonMessageMetrics extends GlobalMetricRegistry {

    public AxonMessageMetrics(MeterRegistry registry) {
        super(registry);
    }

    @Override
    public MessageMonitor<? super CommandMessage<?>> registerCommandBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return timerAndCounters(name, tags);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MessageMeters(name, getRegistry(), tags, message -> Tags.empty());
    }

    @Override
    public MessageMonitor<? super QueryMessage<?, ?>> registerQueryBus(
            String name, Function<Message<?>, Iterable<Tag>> tags) {
        return timerAndCounters(name, tags);
    }

    @Override
    public MessageMonitor<? super EventMessage<?>> registerEventProcessor(
            String name, Function<Message<?>, Iterable<Tag>> tags, Function<Message<?>, Iterable<Tag>> latencyTags) {
        return new MultiMessageMonitor<>(List.of(
                timerAndCounters(name, tags),
                new MessageMeters.Latency(name, getRegistry(), latencyTags)));
    }

    private MessageMonitor<Message<?>> timerAndCounters(String name, Function<Message<?>, Iterable<Tag>> tags) {
        return new MessageMeters(name, getRegistry(), tags);
    }
}
