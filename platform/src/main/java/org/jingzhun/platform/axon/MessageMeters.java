package org.jingzhun.platform.axon;

import io.micrometer.core.instrument.Clock;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.messaging.Message;
import org.axonframework.monitoring.MessageMonitor;
import org.axonframework.monitoring.NoOpMessageMonitorCallback;

/**
 * The meters of Axon's {@code MessageTimerMonitor} and {@code MessageCountingMonitor} (and, as {@link Latency}, of
 * its {@code EventProcessorLatencyMonitor}), the same names, tags, percentiles and counts, with each tag set's
 * meters registered once and kept: Axon's look every meter up in the registry again for every message (a
 * {@code Timer.Builder} with its distribution configuration, a meter id, a hash look-up), four timers and five
 * counters per message and component. In rectification-service, where a logged problem passes the command bus and
 * each of its two events the event store and every processor, that was 10–12.5 % of the service's CPU samples
 * under load (docs/benchmarks.md, "Axon's meters looked up once").
 *
 * <p>A tag set is a component's payload type (the platform's dimensional default), so what is kept is bounded by
 * the message types. Meters removed from the registry afterwards are not registered again.
 */
final class MessageMeters implements MessageMonitor<Message<?>> {

    /** As Axon's {@code MessageTimerMonitor}: client-side percentiles over a ten-minute window. */
    private static final double[] PERCENTILES = {0.5, 0.75, 0.95, 0.98, 0.99, 0.999};
    private static final Duration EXPIRY = Duration.ofMinutes(10);

    private final String prefix;
    private final MeterRegistry registry;
    private final Clock clock;
    private final Function<Message<?>, Iterable<Tag>> timerTags;
    private final Function<Message<?>, Iterable<Tag>> counterTags;
    private final ConcurrentMap<TagSets, Meters> kept = new ConcurrentHashMap<>();

    /** Timers and counters with the same tags: the command and query bus, event processors. */
    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
        this(prefix, registry, tags, tags);
    }

    /** The event bus (the event store) tags only its timers, as Axon does: its counters are the whole bus's. */
    MessageMeters(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> timerTags,
                  Function<Message<?>, Iterable<Tag>> counterTags) {
        this.prefix = prefix;
        this.registry = registry;
        this.clock = registry.config().clock();
        this.timerTags = timerTags;
        this.counterTags = counterTags;
    }

    @Override
    public MonitorCallback onMessageIngested(Message<?> message) {
        Tags timers = Tags.of(timerTags.apply(message));
        Tags counters = counterTags == timerTags ? timers : Tags.of(counterTags.apply(message));
        Meters meters = kept.computeIfAbsent(new TagSets(timers, counters), this::register);
        meters.ingested.increment();
        long start = clock.monotonicTime();
        return new MonitorCallback() {
            @Override
            public void reportSuccess() {
                time(meters.successTimer);
                meters.processed.increment();
                meters.success.increment();
            }

            @Override
            public void reportFailure(Throwable cause) {
                time(meters.failureTimer);
                meters.processed.increment();
                meters.failure.increment();
            }

            @Override
            public void reportIgnored() {
                time(meters.ignoredTimer);
                meters.ignored.increment();
            }

            /** The time since ingestion, into the component's timer of all messages and that of the outcome. */
            private void time(Timer outcome) {
                long took = clock.monotonicTime() - start;
                meters.all.record(took, TimeUnit.NANOSECONDS);
                outcome.record(took, TimeUnit.NANOSECONDS);
            }
        };
    }

    private Meters register(TagSets tagSets) {
        Tags timers = tagSets.timers();
        Tags counters = tagSets.counters();
        return new Meters(timer("allTimer", timers), timer("successTimer", timers), timer("failureTimer", timers),
                timer("ignoredTimer", timers), counter("ingestedCounter", counters),
                counter("successCounter", counters), counter("failureCounter", counters),
                counter("processedCounter", counters), counter("ignoredCounter", counters));
    }

    private Timer timer(String name, Tags tagSet) {
        return Timer.builder(prefix + "." + name)
                .distributionStatisticExpiry(EXPIRY)
                .publishPercentiles(PERCENTILES)
                .tags(tagSet)
                .register(registry);
    }

    private Counter counter(String name, Tags tagSet) {
        return registry.counter(prefix + "." + name, tagSet);
    }

    private record TagSets(Tags timers, Tags counters) {
    }

    private record Meters(Timer all, Timer successTimer, Timer failureTimer, Timer ignoredTimer, Counter ingested,
                          Counter success, Counter failure, Counter processed, Counter ignored) {
    }

    /**
     * Axon's {@code EventProcessorLatencyMonitor}: {@code <prefix>.latency}, per tag set the wall-clock time less
     * the last ingested event's timestamp, in milliseconds; the gauge registered once per tag set.
     */
    static final class Latency implements MessageMonitor<EventMessage<?>> {

        private final String prefix;
        private final MeterRegistry registry;
        private final Clock clock;
        private final Function<Message<?>, Iterable<Tag>> tags;
        private final ConcurrentMap<Tags, AtomicLong> gauges = new ConcurrentHashMap<>();

        Latency(String prefix, MeterRegistry registry, Function<Message<?>, Iterable<Tag>> tags) {
            this.prefix = prefix;
            this.registry = registry;
            this.clock = registry.config().clock();
            this.tags = tags;
        }

        @Override
        public MonitorCallback onMessageIngested(EventMessage<?> message) {
            if (message != null) {
                gauges.computeIfAbsent(Tags.of(tags.apply(message)), this::register)
                        .set(clock.wallTime() - message.getTimestamp().toEpochMilli());
            }
            return NoOpMessageMonitorCallback.INSTANCE;
        }

        private AtomicLong register(Tags tagSet) {
            AtomicLong latency = new AtomicLong();
            Gauge.builder(prefix + ".latency", latency::get).tags(tagSet).register(registry);
            return latency;
        }
    }
}
