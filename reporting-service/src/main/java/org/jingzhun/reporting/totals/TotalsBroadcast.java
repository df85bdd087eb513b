package org.jingzhun.reporting.totals;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiFunction;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.SmartLifecycle;
import org.springframework.lang.Nullable;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * Pushes the live totals to every open {@code /api/totals/stream}: the current totals on connect, then
 * one {@code totals} event after committed changes. A change goes out as soon as the last push allows:
 * pushes start at most once per {@link TotalsStreamSettings#minInterval()} and, under load, at most once
 * per {@value #COST_MULTIPLE} times the CPU time the last push took on its thread (reading the totals and
 * sending them; at most a second) — so the streams keep at most about a tenth of one core busy, and the
 * commits that arrive meanwhile are coalesced into the next event. On a quiet suite a push takes a few
 * milliseconds and a change is on the streams within that; when pushing costs more (a large county, many
 * streams), the pushes are spaced out. Time spent waiting — for a core on a full box, for the database —
 * is not the streams' cost and does not space them (a JVM that cannot measure thread CPU time uses the
 * push's wall time). One thread does all the sending, so the events of one stream leave in
 * the order their totals were read; the totals of a campaign are read once per push, whatever the
 * number of clients watching it.
 */
@Component
class TotalsBroadcast implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(TotalsBroadcast.class);
    /** A push starts no sooner than this many times the last push's CPU time after that push began. */
    static final int COST_MULTIPLE = 10;
    /** The cost-based gap's ceiling: one slow read (a collection, a lock) must not hold the streams for long. */
    static final long MAX_COST_GAP_NANOS = TimeUnit.SECONDS.toNanos(1);

    private final BiFunction<String, String, Totals> totals;
    private final ObjectMapper json;
    private final TotalsStreamSettings settings;
    private final Map<SseEmitter, Subscription> subscriptions = new ConcurrentHashMap<>();
    private final AtomicBoolean dirty = new AtomicBoolean();
    private final AtomicBoolean pushScheduled = new AtomicBoolean();
    private final Counter sent;
    private volatile long lastPushNanos = System.nanoTime() - TimeUnit.DAYS.toNanos(1);
    /** What the last push cost: its thread's CPU time reading the totals of its streams and sending them. */
    private volatile long lastPushCostNanos;
    private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    private volatile ScheduledExecutorService sender;

    @Autowired
    TotalsBroadcast(LiveTotals live, ObjectMapper json, TotalsStreamSettings settings, MeterRegistry meters) {
        this(live::totals, json, settings, meters);
    }

    /** With any source of county-wide totals: {@code null} stands for all campaigns. */
    TotalsBroadcast(Function<String, Totals> totals, ObjectMapper json, TotalsStreamSettings settings,
                    MeterRegistry meters) {
        this((campaignId, subtreeRoot) -> totals.apply(campaignId), json, settings, meters);
    }

    /** With any source of totals by campaign and subtree root ({@code null}: all campaigns, the county). */
    TotalsBroadcast(BiFunction<String, String, Totals> totals, ObjectMapper json, TotalsStreamSettings settings,
                    MeterRegistry meters) {
        if (settings.minInterval().isNegative() || settings.heartbeat().isNegative() || settings.heartbeat().isZero() || settings.timeout().isNegative()) {
            throw new IllegalArgumentException("jingzhun.reporting.totals-stream: min-interval and timeout must not be"
                    + " negative, heartbeat must be positive: " + settings);
        }
        this.totals = totals;
        this.json = json;
        this.settings = settings;
        this.sent = Counter.builder("jingzhun.totals.stream.sent").description("totals events sent to streams")
                .register(meters);
        Gauge.builder("jingzhun.totals.stream.clients", subscriptions, Map::size)
                .description("Open totals streams").register(meters);
    }

    /**
     * Opens a stream of the totals of one campaign ({@code null}: all) over the subtree under
     * {@code subtreeRoot} ({@code null}: the county); its first event is the current totals.
     */
    SseEmitter subscribe(@Nullable String campaignId, @Nullable String subtreeRoot) {
        long timeout = settings.timeout().toMillis();
        // 0 tells the servlet container "no timeout"; null would fall back to the MVC default.
        SseEmitter emitter = new SseEmitter(timeout);
        subscribe(campaignId, subtreeRoot, emitter);
        return emitter;
    }

    /** Registers an emitter of the county's totals: package-private so that tests can watch what is sent. */
    void subscribe(@Nullable String campaignId, SseEmitter emitter) {
        subscribe(campaignId, null, emitter);
    }

    /** Registers an emitter: package-private so that tests can watch what is sent. */
    void subscribe(@Nullable String campaignId, @Nullable String subtreeRoot, SseEmitter emitter) {
        Subscription subscription = new Subscription(campaignId, subtreeRoot);
        subscriptions.put(emitter, subscription);
        emitter.onCompletion(() -> subscriptions.remove(emitter));
        emitter.onTimeout(() -> subscriptions.remove(emitter));
        emitter.onError(e -> subscriptions.remove(emitter));
        execute(() -> send(emitter, subscription, read(subscription)));
    }

    /** The read models committed a change. Cheap: called on the projector's thread. */
    void changed() {
        dirty.set(true);
        if (subscriptions.isEmpty() || !pushScheduled.compareAndSet(false, true)) {
            return;
        }
        long gap = Math.max(settings.minInterval().toNanos(),
                Math.min(MAX_COST_GAP_NANOS, COST_MULTIPLE * lastPushCostNanos));
        long due = lastPushNanos + gap - System.nanoTime();
        ScheduledExecutorService executor = sender;
        if (executor == null) {
            pushScheduled.set(false);
            return;
        }
        try {
            executor.schedule(this::push, Math.max(0, due), TimeUnit.NANOSECONDS);
        } catch (RuntimeException e) {
            // Shutting down.
            pushScheduled.set(false);
        }
    }

    /** Sends the current totals to every stream whose totals changed since its last event. */
    void push() {
        // Cleared before the totals are read: a change committed meanwhile schedules the next push.
        pushScheduled.set(false);
        if (!dirty.getAndSet(false)) {
            return;
        }
        long started = System.nanoTime();
        long cpuStarted = threadCpuNanos();
        lastPushNanos = started;
        Map<String, Snapshot> byCampaign = new HashMap<>();
        subscriptions.forEach((emitter, subscription) -> {
            Snapshot snapshot = byCampaign.computeIfAbsent(subscription.key(), key -> read(subscription));
            send(emitter, subscription, snapshot);
        });
        long cpuEnded = threadCpuNanos();
        lastPushCostNanos = cpuStarted < 0 || cpuEnded < 0 ? System.nanoTime() - started : cpuEnded - cpuStarted;
    }

    /** This thread's CPU time so far, or -1 where the JVM does not measure it. */
    private long threadCpuNanos() {
        // -1 also from getCurrentThreadCpuTime() itself while the measurement is disabled.
        return threads.isCurrentThreadCpuTimeSupported() ? threads.getCurrentThreadCpuTime() : -1;
    }

    /** A comment line on every stream: keeps idle connections open and finds the dead ones. */
    void heartbeat() {
        subscriptions.forEach((emitter, subscription) -> {
            try {
                emitter.send(SseEmitter.event().comment("heartbeat"));
            } catch (IOException | IllegalStateException e) {
                drop(emitter, e);
            }
        });
    }

    int streams() {
        return subscriptions.size();
    }

    private void send(SseEmitter emitter, Subscription subscription, @Nullable Snapshot snapshot) {
        if (snapshot == null || snapshot.json.equals(subscription.lastSent) || !subscriptions.containsKey(emitter)) {
            return;
        }
        try {
            emitter.send(SseEmitter.event().name("totals").id(Long.toString(snapshot.eventsProjected))
                    .data(snapshot.json));
            subscription.lastSent = snapshot.json;
            sent.increment();
        } catch (IOException | IllegalStateException e) {
            drop(emitter, e);
        }
    }

    @Nullable
    private Snapshot read(Subscription subscription) {
        try {
            Totals current = totals.apply(subscription.campaignId, subscription.subtreeRoot);
            return new Snapshot(current.eventsProjected(), json.writeValueAsString(current));
        } catch (JsonProcessingException | RuntimeException e) {
            // The next change tries again; the streams stay open.
            log.warn("Cannot read the totals for the totals stream", e);
            return null;
        }
    }

    private void drop(SseEmitter emitter, Exception cause) {
        // The client went away: its connection is done, nothing to tell it.
        log.debug("Closing a totals stream: {}", cause.toString());
        subscriptions.remove(emitter);
        try {
            emitter.completeWithError(cause);
        } catch (RuntimeException ignored) {
            // already completed
        }
    }

    private void execute(Runnable task) {
        ScheduledExecutorService executor = sender;
        if (executor != null) {
            try {
                executor.execute(task);
                return;
            } catch (RuntimeException e) {
                // shutting down: run here
            }
        }
        task.run();
    }

    @Override
    public synchronized void start() {
        if (sender != null) {
            return;
        }
        sender = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "totals-stream");
            thread.setDaemon(true);
            return thread;
        });
        long heartbeat = settings.heartbeat().toMillis();
        sender.scheduleWithFixedDelay(this::heartbeat, heartbeat, heartbeat, TimeUnit.MILLISECONDS);
    }

    /** Ends every stream before the web server's graceful shutdown, which would otherwise wait for them. */
    @Override
    public synchronized void stop() {
        ScheduledExecutorService executor = sender;
        sender = null;
        if (executor != null) {
            executor.shutdownNow();
        }
        subscriptions.keySet().forEach(emitter -> {
            try {
                emitter.complete();
            } catch (RuntimeException ignored) {
                // already completed
            }
        });
        subscriptions.clear();
    }

    @Override
    public boolean isRunning() {
        return sender != null;
    }

    private record Snapshot(long eventsProjected, String json) {
    }

    private static final class Subscription {
        @Nullable
        final String campaignId;
        /** A secretary's stream counts its subtree only. */
        @Nullable
        final String subtreeRoot;
        /** Touched by the sender thread only. */
        @Nullable
        String lastSent;

        Subscription(@Nullable String campaignId, @Nullable String subtreeRoot) {
            this.campaignId = campaignId;
            this.subtreeRoot = subtreeRoot;
        }

        /** Streams with the same key get the same totals, read once per push. */
        String key() {
            return Objects.requireNonNullElse(campaignId, "") + '\n' + Objects.requireNonNullElse(subtreeRoot, "");
        }
    }
}
