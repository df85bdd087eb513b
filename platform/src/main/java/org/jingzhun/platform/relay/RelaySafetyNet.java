package org.jingzhun.platform.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GapAwareTrackingToken;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's safety net: finds committed events the relay's tracker passed without handling (Axon
 * gave up waiting for their gap) and sends them, exactly once, through the relay's own producer.
 *
 * <p>Every {@code sweepInterval} it takes a <em>mark</em>: the store's head {@code M} and, in the same
 * snapshot, {@code X = pg_snapshot_xmax(pg_current_snapshot())}. An index at or below {@code M} was
 * drawn before {@code M}'s row committed, by a transaction that took its transaction id first (the
 * column default of migration V1_4_1), so that id is below {@code X}. Once a later snapshot's
 * {@code xmin} is at least {@code X}, every such transaction has ended: every row at or below
 * {@code M} that will ever commit is visible now. A visible row at or below both {@code M} and the
 * relay's committed token position, not among the token's gaps (so the tracker will never deliver it
 * again) and missing from {@code relay_log} (written with the token, in the same transaction) was
 * skipped: it is sent, logged at WARN and counted in {@code jingzhun.relay.recovered}. The watermark
 * then moves up to the lowest index the relay may still deliver, and {@code relay_log} is pruned below it.
 *
 * <p>The relay and the safety net never send one event both: the net only sends what the committed
 * token passed for good, and the tracker only ever delivers indexes above its committed position or
 * in its gaps. Safety nets of several instances are serialized by a lock on the watermark row.
 */
class RelaySafetyNet implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RelaySafetyNet.class);

    private final KafkaRelay relay;
    private final RelayJournal journal;
    private final EventStorageEngine events;
    private final TransactionTemplate transactions;
    private final RelaySettings settings;
    private final RelayProgress progress;
    private final Counter recovered;
    private final Object rounds = new Object();
    private ScheduledExecutorService scheduler;
    private RelayJournal.Mark mark;

    RelaySafetyNet(KafkaRelay relay, RelayJournal journal, EventStorageEngine events, TransactionTemplate transactions,
                   RelaySettings settings, RelayProgress progress, MeterRegistry meters) {
        this.relay = relay;
        this.journal = journal;
        this.events = events;
        this.transactions = transactions;
        this.settings = settings;
        this.progress = progress;
        this.recovered = Counter.builder("jingzhun.relay.recovered")
                .description("Committed events the relay's tracker had skipped, sent by the safety net")
                .tag("topic", settings.topic()).register(meters);
    }

    /** One round: sweeps below the previous mark once it has settled, then takes a new mark. */
    void tick() {
        synchronized (rounds) {
            journal.position().ifPresent(position -> progress.observe(position.index()));
            if (mark != null && journal.settled(mark)) {
                long head = mark.head();
                mark = null;
                sweep(head);
            }
            if (mark == null) {
                mark = journal.mark();
            }
        }
    }

    /** Sends what the relay skipped at or below {@code head}; returns how many events were recovered. */
    int sweep(long head) {
        // Nothing to sweep is seen without the lock (the watermark only moves up): a quiet relay's rounds
        // then write nothing, where the lock took a transaction id every round (docs/benchmarks.md).
        if (upTo(head, journal.position(), journal.watermark()).isEmpty()) {
            return 0;
        }
        Integer count = transactions.execute(tx -> {
            long watermark = journal.lockWatermark();
            Optional<RelayJournal.Position> position = journal.position();
            OptionalLong sweptUpTo = upTo(head, position, watermark);
            if (sweptUpTo.isEmpty()) {
                return 0;
            }
            long upTo = sweptUpTo.getAsLong();
            Set<Long> gaps = position.get().gaps().subSet(watermark + 1, upTo + 1);
            // A committed event in a gap is still to come from the tracker: the watermark stays below it.
            long next = journal.existing(gaps).stream().findFirst().map(g -> g - 1).orElse(upTo);
            List<Long> handled = new ArrayList<>();
            int sent = 0;
            for (long index : journal.unlogged(watermark, upTo)) {
                if (!gaps.contains(index)) {
                    sent += recover(index) ? 1 : 0;
                    handled.add(index);
                }
            }
            journal.recordHandledIndexes(handled);
            journal.advanceWatermark(next);
            return sent;
        });
        return count == null ? 0 : count;
    }

    /** How far a sweep goes ({@code head}, or where the relay is if lower), when that is above the watermark. */
    private static OptionalLong upTo(long head, Optional<RelayJournal.Position> position, long watermark) {
        if (position.isEmpty()) {
            return OptionalLong.empty();
        }
        long upTo = Math.min(head, position.get().index());
        return upTo > watermark ? OptionalLong.of(upTo) : OptionalLong.empty();
    }

    private boolean recover(long index) {
        Optional<? extends TrackedEventMessage<?>> found = read(events, index);
        if (found.isEmpty()) {
            log.warn("Event at global index {} is committed but could not be read back; it is not relayed", index);
            return false;
        }
        TrackedEventMessage<?> message = found.get();
        Object payload;
        try {
            payload = message.getPayload();
        } catch (RuntimeException e) {
            relay.park(ParkedEvent.of(message.getIdentifier(), message.getPayloadType().getName(), null,
                    "It cannot be deserialized: " + e.getMessage()));
            return false;
        }
        KafkaRelay.Outcome outcome = relay.sendNow(payload, message, relay::park);
        if (outcome == KafkaRelay.Outcome.SENT) {
            recovered.increment();
            log.warn("Safety net: event {} ({}, global index {}) was committed after the relay's tracker had "
                            + "passed it (a transaction open longer than the gap timeout, or more than the gap "
                            + "offset behind); sent now", message.getIdentifier(), payload.getClass().getSimpleName(),
                    index);
            return true;
        }
        return false;
    }

    /** The committed event at a global index, as the tracker would have delivered it (upcast). */
    static Optional<? extends TrackedEventMessage<?>> read(EventStorageEngine events, long index) {
        try (Stream<? extends TrackedEventMessage<?>> stream =
                     events.readEvents(GapAwareTrackingToken.newInstance(index - 1, Set.of()), false)) {
            return stream.findFirst()
                    .filter(m -> m.trackingToken().position().orElse(-1) == index);
        }
    }

    @Override
    public synchronized void start() {
        scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "relay-safety-net");
            thread.setDaemon(true);
            return thread;
        });
        long interval = settings.sweepInterval().toMillis();
        scheduler.scheduleWithFixedDelay(this::tickSafely, interval, interval, TimeUnit.MILLISECONDS);
    }

    private void tickSafely() {
        try {
            tick();
        } catch (RuntimeException e) {
            log.warn("Relay safety net round failed; it runs again in {}", settings.sweepInterval(), e);
        }
    }

    @Override
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdownNow();
            scheduler = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
