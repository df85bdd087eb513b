package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedKafkaBroker;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.Status;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The relay's safety net on real PostgreSQL and Kafka: an event whose transaction stays open between
 * insert and commit while Axon's tracker gives up its gap (after 10× the gap timeout, or after
 * {@code relay.it.laterEvents} later events, 20,000 by default) still reaches the topic exactly once,
 * and the safety net says so. Events are appended through Axon's own storage engine, as a command's
 * unit of work appends them.
 */
class RelaySafetyNetIntegrationTest {

    private static final String PASSWORD = "net-secret";
    private static final int GAP_TIMEOUT_MILLIS = 500;
    /** Events committed past the open transaction; {@code -Drelay.it.laterEvents=2000} for a quicker run. */
    private static final int LATER_EVENTS = Integer.getInteger("relay.it.laterEvents", 20_000);
    /** Axon's 10,000, or less when fewer later events are asked for, so that the gap is still given up. */
    private static final int MAX_GAP_OFFSET = Math.min(10_000, LATER_EVENTS / 2);
    private static final ObjectMapper JSON = new ObjectMapper();

    private static EmbeddedPostgresServer postgres;
    private static EmbeddedKafkaBroker kafka;
    private static ConfigurableApplicationContext app;
    private static final ListAppender<ILoggingEvent> netLog = new ListAppender<>();

    @BeforeAll
    static void start() throws IOException {
        Path dir = Files.createTempDirectory("jingzhun-safety-net-it");
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        postgres.createDatabaseIfMissing("organization");
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        app = new SpringApplicationBuilder(OrganizationServiceApplication.class)
                .properties("spring.config.name=" + OrganizationServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + postgres.jdbcUrl("organization"),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=",
                        "--jingzhun.kafka.bootstrap-servers=" + kafka.bootstrapServers(),
                        "--jingzhun.admin.password=" + PASSWORD,
                        "--jingzhun.event-store.gap-timeout-millis=" + GAP_TIMEOUT_MILLIS,
                        "--jingzhun.event-store.max-gap-offset=" + MAX_GAP_OFFSET,
                        "--jingzhun.relay.sweep-interval=200ms");
        netLog.start();
        ((Logger) LoggerFactory.getLogger("org.jingzhun.platform.relay.RelaySafetyNet")).addAppender(netLog);
    }

    @AfterAll
    static void stop() {
        if (app != null) {
            app.close();
        }
        if (kafka != null) {
            kafka.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    void anEventCommittedTenGapTimeoutsLateReachesKafkaExactlyOnce() throws Exception {
        double recoveredBefore = recovered();
        EventMessage<?> late = event("late-by-time");
        try (OpenTransaction open = OpenTransaction.appending(late)) {
            EventMessage<?> next = event("next-to-the-late-one");
            append(List.of(next));
            // Applied now, committed after the gap timeout, like the late one: when the tracker reads it,
            // Axon takes every gap before it for abandoned.
            EventMessage<?> slow = event("slow-but-not-stalled");
            long lateIndex = globalIndex(late);
            Instant heldUntil = Instant.now().plusMillis(10L * GAP_TIMEOUT_MILLIS);
            // Hold the transaction open for 10× the gap timeout, committing an event now and then, until
            // the relay's tracker has given up the gap: without the safety net the event would be lost.
            List<EventMessage<?>> later = new ArrayList<>(List.of(slow));
            java.util.concurrent.atomic.AtomicBoolean slowCommitted = new java.util.concurrent.atomic.AtomicBoolean();
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() -> {
                if (Instant.now().isAfter(heldUntil) && !slowCommitted.getAndSet(true)) {
                    append(List.of(slow));
                } else {
                    EventMessage<?> another = event("later-by-time");
                    append(List.of(another));
                    later.add(another);
                }
                return slowCommitted.get() && relayPassedForGood(lateIndex);
            });
            open.commit();
            List<String> ids = new ArrayList<>(List.of(late.getIdentifier(), next.getIdentifier()));
            later.forEach(e -> ids.add(e.getIdentifier()));
            awaitEachOnTopicExactlyOnce(ids);
        }
        await().atMost(Duration.ofSeconds(10)).until(() -> recovered() == recoveredBefore + 1);
        assertThat(netLog.list).anySatisfy(line -> assertThat(line.getFormattedMessage())
                .contains("Safety net").contains(late.getIdentifier()));
    }

    @Test
    void anEventCommittedPastTwentyThousandLaterEventsReachesKafkaExactlyOnce() throws Exception {
        JdbcEventStorageEngine engine = (JdbcEventStorageEngine) app.getBean(EventStorageEngine.class);
        // Only the offset heuristic may give the gap up here: no time-outs while the events are written.
        engine.setGapTimeout(600_000);
        try {
            double recoveredBefore = recovered();
            EventMessage<?> late = event("late-by-count");
            List<String> ids = new ArrayList<>(List.of(late.getIdentifier()));
            try (OpenTransaction open = OpenTransaction.appending(late)) {
                long lateIndex = globalIndex(late);
                List<EventMessage<?>> chunk = new ArrayList<>();
                for (int i = 0; i < LATER_EVENTS; i++) {
                    EventMessage<?> event = event("later-by-count");
                    chunk.add(event);
                    ids.add(event.getIdentifier());
                    if (chunk.size() == 500) {
                        append(chunk);
                        chunk = new ArrayList<>();
                    }
                }
                append(chunk);
                await().atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(500))
                        .until(() -> relayPassedForGood(lateIndex));
                open.commit();
            }
            awaitEachOnTopicExactlyOnce(ids);
            await().atMost(Duration.ofSeconds(10)).until(() -> recovered() == recoveredBefore + 1);
        } finally {
            engine.setGapTimeout(GAP_TIMEOUT_MILLIS);
        }
    }

    @Test
    void anOversizeEventIsParkedLaterEventsFlowAndHealthIsDownUntilAcknowledged() throws Exception {
        HealthIndicator relayHealth = app.getBean("relayHealthIndicator", HealthIndicator.class);
        EventMessage<?> huge = new GenericDomainEventMessage<>("Organization", UUID.randomUUID().toString(), 0L,
                new OrganizationRegistered(UUID.randomUUID().toString(), "党".repeat(600_000), Tier.BRANCH,
                        Sector.VILLAGE, null));
        EventMessage<?> after = event("after-the-huge-one");
        append(List.of(huge));
        append(List.of(after));

        awaitEachOnTopicExactlyOnce(List.of(after.getIdentifier()));
        assertThat(countsOnTopic(List.of(huge.getIdentifier())).get(huge.getIdentifier())).isNull();
        long index = globalIndex(huge);
        assertThat(jdbc().sql("SELECT reason FROM relay_parked WHERE global_index = ?").param(index)
                .query(String.class).single()).contains("max.request.size");
        assertThat(relayHealth.health().getStatus()).isEqualTo(Status.DOWN);
        assertThat(relayHealth.health().getDetails()).containsEntry("parkedEvents", 1L);
        assertThat(send("GET", "/actuator/health", null).statusCode()).isEqualTo(503);
        assertThat(app.getBean(MeterRegistry.class).find("jingzhun.relay.parked").counter().count()).isEqualTo(1.0);

        JsonNode listed = JSON.readTree(send("GET", "/api/admin/relay/parked", null).body());
        assertThat(listed.get("parked").get(0).get("eventId").asText()).isEqualTo(huge.getIdentifier());
        HttpResponse<String> resend = send("POST", "/api/admin/relay/parked/" + index + "/resend", "{}");
        assertThat(resend.statusCode()).as(resend.body()).isEqualTo(409);
        assertThat(resend.body()).contains("relay.still-unsendable");

        HttpResponse<String> acknowledged = send("POST", "/api/admin/relay/parked/" + index + "/acknowledge",
                "{\"note\":\"published by hand in the county archive\"}");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(relayHealth.health().getStatus()).isEqualTo(Status.UP);
        assertThat(send("POST", "/api/admin/relay/parked/" + index + "/acknowledge", "{}").statusCode())
                .isEqualTo(404);
    }

    @Test
    void aQuietRelaysSweepsTakeNoLock() throws Exception {
        EventMessage<?> last = event("before-the-quiet");
        append(List.of(last));
        long index = globalIndex(last);
        awaitEachOnTopicExactlyOnce(List.of(last.getIdentifier()));
        await().atMost(Duration.ofSeconds(30)).until(() -> watermark() >= index);

        // The safety net sweeps every 200 ms here; with nothing to send, none of its rounds locks the watermark
        // row again (each lock would leave its own transaction id as the row's xmax).
        String locker = watermarkLocker();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> watermarkLocker().equals(locker));
        assertThat(watermark()).isGreaterThanOrEqualTo(index);
    }

    private static long watermark() {
        return jdbc().sql("SELECT watermark FROM relay_watermark WHERE processor_name = 'kafka-relay'")
                .query(Long.class).optional().orElse(0L);
    }

    private static String watermarkLocker() {
        return jdbc().sql("SELECT xmax::text FROM relay_watermark WHERE processor_name = 'kafka-relay'")
                .query(String.class).single();
    }

    private static OrganizationRegistered registered(String name) {
        return new OrganizationRegistered(UUID.randomUUID().toString(), name, Tier.BRANCH, Sector.VILLAGE, null);
    }

    private static EventMessage<?> event(String name) {
        OrganizationRegistered payload = registered(name);
        return new GenericDomainEventMessage<>("Organization", payload.organizationId(), 0L, payload);
    }

    private static void append(List<EventMessage<?>> events) {
        if (!events.isEmpty()) {
            transactions().executeWithoutResult(tx -> app.getBean(EventStorageEngine.class).appendEvents(events));
        }
    }

    private static TransactionTemplate transactions() {
        return new TransactionTemplate(app.getBean(PlatformTransactionManager.class));
    }

    private static JdbcClient jdbc() {
        return JdbcClient.create(app.getBean(DataSource.class));
    }

    private static long globalIndex(EventMessage<?> event) {
        // The open transaction's row is not visible to others: ask the sequence's owner instead.
        return OpenTransaction.indexes.getOrDefault(event.getIdentifier(), -1L) > 0
                ? OpenTransaction.indexes.get(event.getIdentifier())
                : jdbc().sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                        .param(event.getIdentifier()).query(Long.class).single();
    }

    /** Whether the relay's committed token is past the index and no longer waits for it. */
    private static boolean relayPassedForGood(long index) throws IOException {
        byte[] token = jdbc().sql("SELECT token FROM token_entry WHERE processor_name = 'kafka-relay'")
                .query(byte[].class).optional().orElse(null);
        if (token == null) {
            return false;
        }
        JsonNode node = JSON.readTree(token);
        if (node.get("index").asLong() <= index) {
            return false;
        }
        for (JsonNode gap : node.withArray("gaps")) {
            if (gap.asLong() == index) {
                return false;
            }
        }
        return true;
    }

    private static double recovered() {
        Counter counter = app.getBean(MeterRegistry.class).find("jingzhun.relay.recovered").counter();
        return counter == null ? 0 : counter.count();
    }

    private static void awaitEachOnTopicExactlyOnce(List<String> ids) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                .until(() -> countsOnTopic(ids).size() == ids.size());
        Map<String, Integer> counts = countsOnTopic(ids);
        assertThat(counts).hasSize(ids.size());
        assertThat(counts.values()).allMatch(n -> n == 1);
    }

    /** How many records of the topic carry each of these event ids ({@code ce_id}). */
    private static Map<String, Integer> countsOnTopic(List<String> ids) {
        java.util.Set<String> wanted = new java.util.HashSet<>(ids);
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        Map<String, Integer> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORGANIZATION_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 30_000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    var header = record.headers().lastHeader("ce_id");
                    String id = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
                    if (wanted.contains(id)) {
                        counts.merge(id, 1, Integer::sum);
                    }
                });
            }
        }
        return counts;
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A transaction stalled between insert and commit: the event is appended through Axon's storage
     * engine on a thread of its own, which then waits until {@link #commit} (or rolls back on close).
     */
    private static final class OpenTransaction implements AutoCloseable {
        static final Map<String, Long> indexes = new java.util.concurrent.ConcurrentHashMap<>();

        private final ExecutorService thread = Executors.newSingleThreadExecutor();
        private final CountDownLatch inserted = new CountDownLatch(1);
        private final CountDownLatch release = new CountDownLatch(1);
        private final Future<?> done;
        private volatile boolean commit;

        private OpenTransaction(EventMessage<?> event) throws InterruptedException {
            done = thread.submit(() -> transactions().executeWithoutResult(tx -> {
                app.getBean(EventStorageEngine.class).appendEvents(event);
                indexes.put(event.getIdentifier(), jdbc()
                        .sql("SELECT global_index FROM domain_event_entry WHERE event_identifier = ?")
                        .param(event.getIdentifier()).query(Long.class).single());
                inserted.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                if (!commit) {
                    tx.setRollbackOnly();
                }
            }));
            assertThat(inserted.await(30, TimeUnit.SECONDS)).as("the open transaction inserted its event").isTrue();
        }

        static OpenTransaction appending(EventMessage<?> event) throws InterruptedException {
            return new OpenTransaction(event);
        }

        void commit() throws Exception {
            commit = true;
            release.countDown();
            done.get(30, TimeUnit.SECONDS);
        }

        @Override
        public void close() {
            release.countDown();
            thread.shutdown();
        }
    }
}
