package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/** The coalescing and keep-alive of the totals stream, with emitters that record what they are sent. */
class TotalsBroadcastTest {

    private static final Duration BOUND = Duration.ofSeconds(5);
    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final AtomicLong eventsProjected = new AtomicLong(100);
    private final AtomicLong reads = new AtomicLong();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    /** The CPU time each read of the totals burns, in milliseconds: the cost of counting them. */
    private final AtomicLong readCpuMillis = new AtomicLong();
    /** How long each read of the totals waits without using a core (for the database, for a lock), in ms. */
    private final AtomicLong readWaitMillis = new AtomicLong();
    private TotalsBroadcast broadcast;

    @AfterEach
    void stop() {
        if (broadcast != null) {
            broadcast.stop();
        }
    }

    @Test
    void sendsTheCurrentTotalsWithTheirPositionAsIdOnConnect() {
        start(Duration.ofMillis(100), Duration.ofMinutes(1));
        RecordingEmitter client = subscribe("c-1");

        await().atMost(BOUND).until(() -> client.events().size() == 1);
        assertThat(client.events().get(0)).startsWith("event:totals\nid:100\ndata:{\"campaignId\":\"c-1\"")
                .contains("\"eventsProjected\":100");
    }

    @Test
    void coalescesABurstOfCommitsIntoAtMostOneEventPerInterval() {
        start(Duration.ofMillis(400), Duration.ofMinutes(1));
        RecordingEmitter client = subscribe(null);
        await().atMost(BOUND).until(() -> client.events().size() == 1);

        for (int commit = 0; commit < 200; commit++) {
            eventsProjected.incrementAndGet();
            broadcast.changed();
        }

        // The first commit goes out at once, the rest together one interval later, if they changed anything.
        await().atMost(BOUND).until(() -> client.events().get(client.events().size() - 1).contains("id:300\n"));
        await().during(Duration.ofMillis(1000)).atMost(BOUND).until(() -> client.events().size() <= 3);
        assertThat(reads.get()).isLessThanOrEqualTo(3);
    }

    @Test
    void withoutAnIntervalEachChangeGoesOutAtOnceWhileReadingIsCheap() {
        start(Duration.ZERO, Duration.ofMinutes(1));
        RecordingEmitter client = subscribe("c-1");
        await().atMost(BOUND).until(() -> client.events().size() == 1);

        // Each change after the last one was sent: a push each, none waits for an interval.
        for (int change = 1; change <= 20; change++) {
            long position = eventsProjected.incrementAndGet();
            broadcast.changed();
            await().atMost(Duration.ofSeconds(1)).until(() -> client.events().get(client.events().size() - 1)
                    .contains("id:" + position + "\n"));
        }
        assertThat(client.events()).hasSize(21);
    }

    @Test
    void spacesThePushesByWhatReadingTheTotalsCosts() {
        // A commit every 2 ms for 1.2 s while each read burns 40 ms of CPU: back to back, the pushes would
        // read ~30 times; spaced by ten times their cost, about three times.
        assertThat(readsWhileCommittingEvery2MillisFor(Duration.ofMillis(1200), 40, 0)).isBetween(2L, 8L);
    }

    /**
     * What a push waits for is not its cost: reads that wait 40 ms (for the database, or for a core on a full box)
     * but use little CPU follow each other back to back, so a change is not held for ten times the wait.
     */
    @Test
    void aReadThatWaitsWithoutUsingACoreDoesNotSpaceThePushes() {
        // ~30 reads of 40 ms fit in 1.2 s; spaced by ten times their wall time there would be about three.
        assertThat(readsWhileCommittingEvery2MillisFor(Duration.ofMillis(1200), 0, 40)).isGreaterThanOrEqualTo(12L);
    }

    /**
     * One stream on a broadcast without a minimum interval, then reads of the totals that burn {@code cpuMillis}
     * of CPU and wait {@code waitMillis} without a core, and a commit every 2 ms for {@code duration}; waits until
     * the last commit's totals reached the stream (coalesced, never lost).
     *
     * @return how many times the totals were read meanwhile
     */
    private long readsWhileCommittingEvery2MillisFor(Duration duration, long cpuMillis, long waitMillis) {
        start(Duration.ZERO, Duration.ofMinutes(1));
        RecordingEmitter client = subscribe("c-1");
        await().atMost(BOUND).until(() -> client.events().size() == 1);
        readCpuMillis.set(cpuMillis);
        readWaitMillis.set(waitMillis);
        long readsBefore = reads.get();

        long end = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < end) {
            eventsProjected.incrementAndGet();
            broadcast.changed();
            LockSupport.parkNanos(Duration.ofMillis(2).toNanos());
        }
        long last = eventsProjected.get();

        await().atMost(BOUND).until(() -> client.events().get(client.events().size() - 1).contains("id:" + last + "\n"));
        return reads.get() - readsBefore;
    }

    @Test
    void readsTheTotalsOfACampaignOnceForAllItsStreams() {
        start(Duration.ofMillis(50), Duration.ofMinutes(1));
        List<RecordingEmitter> clients = List.of(subscribe("c-1"), subscribe("c-1"), subscribe("c-1"));
        await().atMost(BOUND).until(() -> clients.stream().allMatch(client -> client.events().size() == 1));
        long readsBefore = reads.get();

        eventsProjected.incrementAndGet();
        broadcast.changed();

        await().atMost(BOUND).until(() -> clients.stream().allMatch(client -> client.events().size() == 2));
        assertThat(reads.get() - readsBefore).isEqualTo(1);
    }

    @Test
    void sendsNothingWhenACommitLeftTheTotalsAsTheyWere() {
        start(Duration.ofMillis(50), Duration.ofMinutes(1));
        RecordingEmitter client = subscribe("c-1");
        await().atMost(BOUND).until(() -> client.events().size() == 1);

        broadcast.changed();

        await().atMost(BOUND).until(() -> reads.get() == 2);
        await().during(Duration.ofMillis(300)).atMost(BOUND).until(() -> client.events().size() == 1);
    }

    @Test
    void keepsIdleStreamsOpenWithHeartbeatComments() {
        start(Duration.ofMillis(50), Duration.ofMillis(100));
        RecordingEmitter client = subscribe("c-1");

        await().atMost(BOUND).until(() -> client.comments().size() >= 2);
        assertThat(client.comments()).allMatch(":heartbeat\n\n"::equals);
    }

    @Test
    void dropsAStreamWhoseClientWentAway() {
        start(Duration.ofMillis(50), Duration.ofMillis(100));
        RecordingEmitter gone = subscribe("c-1");
        RecordingEmitter watching = subscribe("c-1");
        await().atMost(BOUND).until(() -> gone.events().size() == 1 && watching.events().size() == 1);

        gone.disconnect();

        await().atMost(BOUND).until(() -> broadcast.streams() == 1);
        eventsProjected.incrementAndGet();
        broadcast.changed();
        await().atMost(BOUND).until(() -> watching.events().size() >= 2);
    }

    private void start(Duration minInterval, Duration heartbeat) {
        Function<String, Totals> source = campaignId -> {
            reads.incrementAndGet();
            long position = eventsProjected.get();
            burnCpu(readCpuMillis.get());
            LockSupport.parkNanos(Duration.ofMillis(readWaitMillis.get()).toNanos());
            return totals(campaignId, position);
        };
        broadcast = new TotalsBroadcast(source, JSON, new TotalsStreamSettings(minInterval, heartbeat, Duration.ZERO),
                new SimpleMeterRegistry());
        broadcast.start();
    }

    /** Keeps this thread on a core until it has used {@code millis} of CPU time. */
    private static void burnCpu(long millis) {
        long until = THREADS.getCurrentThreadCpuTime() + Duration.ofMillis(millis).toNanos();
        while (millis > 0 && THREADS.getCurrentThreadCpuTime() < until) {
            Thread.onSpinWait();
        }
    }

    private RecordingEmitter subscribe(String campaignId) {
        RecordingEmitter emitter = new RecordingEmitter();
        broadcast.subscribe(campaignId, emitter);
        return emitter;
    }

    private static Totals totals(String campaignId, long eventsProjected) {
        return new Totals(campaignId, OffsetDateTime.parse("2019-09-27T21:12:00+08:00"), eventsProjected,
                new Totals.Organizations(0, EnumCounts.zeros(Tier.class), EnumCounts.zeros(Sector.class)),
                new Totals.Members(0, EnumCounts.zeros(MemberField.class), EnumCounts.zeros(MemberOccupation.class),
                        EnumCounts.zeros(MemberStatus.class)), Totals.Study.none(), new Totals.HonorRoom(0, 0),
                EnumCounts.zeros(ResearchKind.class), Totals.Checklist.none(),
                new Totals.Problems(0, 0, 0, 0, EnumCounts.zeros(Sector.class), EnumCounts.zeros(Tier.class),
                        EnumCounts.zeros(ProblemSource.class), Map.of()));
    }

    /** Records each event as the text it would put on the wire; fails like a closed connection when told to. */
    private static final class RecordingEmitter extends SseEmitter {
        private final List<String> events = new CopyOnWriteArrayList<>();
        private final List<String> comments = new CopyOnWriteArrayList<>();
        private volatile boolean disconnected;

        @Override
        public void send(SseEventBuilder event) throws IOException {
            if (disconnected) {
                throw new IOException("Broken pipe");
            }
            String text = event.build().stream().map(part -> part.getData().toString()).collect(Collectors.joining());
            (text.startsWith(":") ? comments : events).add(text);
        }

        void disconnect() {
            disconnected = true;
        }

        /** The events, without the comment lines. */
        List<String> events() {
            return events;
        }

        List<String> comments() {
            return comments;
        }
    }
}
