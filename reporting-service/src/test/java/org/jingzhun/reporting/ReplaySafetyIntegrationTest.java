package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.zaxxer.hikari.HikariDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.projection.BatchHook;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.ProjectorSettings;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A replay while other things go on, on real Kafka and PostgreSQL: a second reporting instance that keeps
 * projecting through the swap (the generation fence sends it back to the rebuilt tables), and a long reader
 * holding a table the swap must take (lock_timeout, then retries).
 */
class ReplaySafetyIntegrationTest {

    private static final Duration BOUND = Duration.ofSeconds(90);
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;

    @BeforeAll
    static void start() {
        service = ReportingUnderTest.start(dataDirectory);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void losesNothingWhenASecondInstanceKeepsProjectingThroughTheSwap() throws Exception {
        String campaign = "campaign-" + UUID.randomUUID();
        String org = "org-" + UUID.randomUUID();
        List<RecordMetadata> sent = Collections.synchronizedList(new ArrayList<>());
        for (int i = 0; i < 50; i++) {
            sent.add(visit(org, campaign, i));
        }
        service.awaitProjected(sent.toArray(RecordMetadata[]::new));
        long eventsBefore = totals(null).get("eventsProjected").asLong() - sent.size();

        // A second instance of the service: same projector name, consumer group, tables and read models,
        // its own consumer and thread. It takes over the partitions while the replay pauses the first one.
        TransactionalProjector second = secondInstance(service.app());
        second.start();
        AtomicBoolean producing = new AtomicBoolean(true);
        CompletableFuture<Void> producer = CompletableFuture.runAsync(() -> {
            int i = 1000;
            while (producing.get()) {
                sent.add(visit(org, campaign, i++));
                try {
                    // Pacing the load (about 50 events/s), not waiting for anything.
                    Thread.sleep(20);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        });
        try {
            JsonNode finished = replayToTheEnd();
            producing.set(false);
            producer.get();
            assertThat(finished.get("status").asText()).as(finished.toString()).isEqualTo("COMPLETED");
            service.awaitProjected(sent.toArray(RecordMetadata[]::new));

            // Every visit counted once: none lost in the replaced tables, none counted twice after the rewind.
            await().atMost(BOUND).untilAsserted(() ->
                    assertThat(totals(campaign).at("/honorRoom/personVisits").asLong()).isEqualTo(sent.size()));
            assertThat(totals(null).get("eventsProjected").asLong()).isEqualTo(eventsBefore + sent.size());
            assertThat(service.database().sql("SELECT count(*) FROM audit_event WHERE organization_id = ?")
                    .param(org).query(Long.class).single()).isEqualTo(sent.size());
            assertThat(service.database().sql("SELECT generation FROM projector_generation WHERE projector = ?")
                    .param(ReportingUnderTest.PROJECTOR).query(Long.class).single()).isPositive();
        } finally {
            producing.set(false);
            second.stop();
        }
    }

    @Test
    void retriesTheSwapWhileALongReaderHoldsATableAndThenCompletes() throws Exception {
        MeterRegistry meters = service.app().getBean(MeterRegistry.class);
        double retriesBefore = meters.get("jingzhun.replay.swap.retries").counter().count();
        String id;
        // A long audit export: a transaction reading audit_event, holding its lock until it ends.
        try (Connection reader = service.app().getBean(DataSource.class).getConnection()) {
            reader.setAutoCommit(false);
            try (Statement statement = reader.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM audit_event").close();
            }
            id = startReplay();
            await().atMost(BOUND).until(() -> meters.get("jingzhun.replay.swap.retries").counter().count() > retriesBefore);
            assertThat(status(id).get("status").asText()).isEqualTo("RUNNING");
            assertThat(status(id).get("phase").asText()).isEqualTo("SWAPPING");
            // While the swap backs off, readers are not queued behind it.
            assertThat(service.request("GET", "/api/audit/events?type=ProblemLogged", "application/x-ndjson")
                    .statusCode()).isEqualTo(200);
            reader.commit();
        }
        JsonNode[] last = new JsonNode[1];
        await().atMost(BOUND).untilAsserted(() -> {
            last[0] = status(id);
            assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
        });
        assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("COMPLETED");
    }

    /**
     * Another instance's projector batch holds the fence's row FOR SHARE for as long as it takes (seconds
     * under load); the swap waits for it instead of timing out after the tables' short lock timeout and
     * running out of attempts (the fault suite's rebalance row failed so, at load average 50).
     */
    @Test
    void waitsForAnotherInstancesBatchHoldingTheFenceLongerThanTheTablesLockTimeout() throws Exception {
        MeterRegistry meters = service.app().getBean(MeterRegistry.class);
        double retriesBefore = meters.get("jingzhun.replay.swap.retries").counter().count();
        String id;
        try (Connection batch = service.app().getBean(DataSource.class).getConnection()) {
            batch.setAutoCommit(false);
            try (Statement statement = batch.createStatement()) {
                statement.executeQuery("SELECT generation FROM projector_generation WHERE projector = '"
                        + ReportingUnderTest.PROJECTOR + "' FOR SHARE").close();
            }
            id = startReplay();
            await().atMost(BOUND).until(() -> status(id).get("phase").asText().equals("SWAPPING"));
            // The swap's bump has waited for the row longer than the tables' lock timeout (2 s), where the old
            // swap gave its attempt up and counted a retry.
            await().atMost(BOUND).until(() -> service.database().sql("""
                            SELECT count(*) FROM pg_stat_activity
                            WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO projector_generation%'
                              AND now() - query_start > interval '3 seconds'""").query(Long.class).single() > 0);
            assertThat(status(id).get("phase").asText()).isEqualTo("SWAPPING");
            batch.commit();
        }
        JsonNode[] last = new JsonNode[1];
        await().atMost(BOUND).untilAsserted(() -> {
            last[0] = status(id);
            assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
        });
        assertThat(last[0].get("status").asText()).as(last[0].toString()).isEqualTo("COMPLETED");
        assertThat(meters.get("jingzhun.replay.swap.retries").counter().count()).isEqualTo(retriesBefore);
    }

    @Test
    void failsAReplayWhileAnotherInstanceRunsOne() throws Exception {
        String id;
        // What another instance's replay holds for as long as it runs (Replay.LOCK, "jzreplay").
        try (Connection other = service.app().getBean(DataSource.class).getConnection();
             Statement statement = other.createStatement()) {
            statement.execute("SELECT pg_advisory_lock(" + 0x6a7a_7265_706c_6179L + ")");
            id = startReplay();
            JsonNode[] last = new JsonNode[1];
            await().atMost(BOUND).untilAsserted(() -> {
                last[0] = status(id);
                assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
            });
            assertThat(last[0].get("status").asText()).isEqualTo("FAILED");
            assertThat(last[0].get("error").asText()).contains("another instance");
            statement.execute("SELECT pg_advisory_unlock(" + 0x6a7a_7265_706c_6179L + ")");
        }
        assertThat(service.app().getBean(TransactionalProjector.class).isRunning()).isTrue();
        assertThat(replayToTheEnd().get("status").asText()).isEqualTo("COMPLETED");
    }

    /**
     * The scratch tables start empty and grow to the whole history within one rebuild: it takes their statistics
     * as they grow (else plans made for empty tables hash a whole history for every batch), plans each statement
     * for them as they are, and gives its connections back to the pool with the session's settings as they were.
     */
    @Test
    void takesTheStatisticsOfTheTablesItFillsAndGivesItsConnectionsBackAsTheyWere() throws Exception {
        String campaign = "campaign-" + UUID.randomUUID();
        String org = "org-" + UUID.randomUUID();
        List<ProducerRecord<String, byte[]>> records = new ArrayList<>();
        records.add(CloudEventRecords.of(org, new OrganizationRegistered(org, "兴隆镇党委", Tier.SECTION,
                Sector.TOWNSHIP, null), T0));
        for (int n = 0; n < 3_000; n++) {
            String problem = "problem-" + UUID.randomUUID();
            records.add(CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign,
                    FocusArea.SERVING_THE_MASSES, ProblemSource.SELF_INSPECTION, null, "办事难", "王五",
                    Instant.parse("2019-10-31T16:00:00Z")), T0.plusSeconds(n)));
            records.add(CloudEventRecords.of(problem, new ProblemRectified(problem, org, campaign, "已整改", List.of()),
                    T0.plusSeconds(n).plusMinutes(30)));
        }
        service.awaitProjected(lastOfEachPartition(service.sendAll(records)));
        long analysedBefore = manualAnalyses("problem_history");

        assertThat(replayToTheEnd().get("status").asText()).isEqualTo("COMPLETED");

        // Manual analyses only (autovacuum's are counted apart); the swapped-in table keeps its counts.
        await().atMost(BOUND).untilAsserted(() -> assertThat(manualAnalyses("problem_history"))
                .isGreaterThan(analysedBefore));
        assertThat(totals(campaign).at("/problems/rectified").asLong()).isEqualTo(3_000);
        DataSource pool = service.app().getBean(DataSource.class);
        int idle = ((HikariDataSource) pool).getHikariPoolMXBean().getIdleConnections();
        List<Connection> borrowed = new ArrayList<>();
        try {
            for (int i = 0; i < idle; i++) {
                Connection connection = pool.getConnection();
                borrowed.add(connection);
                try (Statement statement = connection.createStatement();
                     var settings = statement.executeQuery("""
                             SELECT current_setting('search_path'), current_setting('synchronous_commit'),
                                    current_setting('plan_cache_mode'), current_setting('random_page_cost')""")) {
                    settings.next();
                    assertThat(List.of(settings.getString(1), settings.getString(2), settings.getString(3),
                            settings.getString(4))).isEqualTo(List.of("\"$user\", public", "on", "auto", "4"));
                }
            }
        } finally {
            for (Connection connection : borrowed) {
                connection.close();
            }
        }
        assertThat(borrowed).isNotEmpty();
    }

    private static RecordMetadata[] lastOfEachPartition(List<RecordMetadata> sent) {
        Map<String, RecordMetadata> last = new HashMap<>();
        for (RecordMetadata record : sent) {
            last.merge(record.topic() + "-" + record.partition(), record,
                    (a, b) -> a.offset() >= b.offset() ? a : b);
        }
        return last.values().toArray(RecordMetadata[]::new);
    }

    private static long manualAnalyses(String table) {
        return service.database().sql("""
                        SELECT coalesce(sum(analyze_count), 0) FROM pg_stat_user_tables
                        WHERE schemaname = 'public' AND relname = ?""")
                .param(table).query(Long.class).single();
    }

    private static TransactionalProjector secondInstance(ConfigurableApplicationContext app) {
        return new TransactionalProjector(ReportingUnderTest.PROJECTOR, Topics.ALL,
                List.copyOf(app.getBeansOfType(Projection.class).values()),
                List.copyOf(app.getBeansOfType(BatchHook.class).values()), app.getBean(RecordDecoder.class),
                app.getBean(KafkaClients.class), app.getBean(JdbcClient.class), app.getBean(TransactionTemplate.class),
                new SimpleMeterRegistry(), ProjectorSettings.defaults());
    }

    private static RecordMetadata visit(String org, String campaign, int n) {
        return service.send(CloudEventRecords.of("record-" + org + "-" + (n % 7),
                new HonorRoomVisited("record-" + org + "-" + (n % 7), org, campaign, DAY, 1), T0.plusSeconds(n)));
    }

    private static JsonNode replayToTheEnd() throws Exception {
        String id = startReplay();
        JsonNode[] last = new JsonNode[1];
        await().atMost(BOUND).untilAsserted(() -> {
            last[0] = status(id);
            assertThat(last[0].get("status").asText()).isNotEqualTo("RUNNING");
        });
        return last[0];
    }

    private static String startReplay() throws Exception {
        HttpResponse<String> started = service.request("POST", "/api/admin/replay", "application/json");
        assertThat(started.statusCode()).as(started.body()).isEqualTo(202);
        return JSON.readTree(started.body()).get("id").asText();
    }

    private static JsonNode status(String id) throws Exception {
        HttpResponse<String> response = service.request("GET", "/api/admin/replay/" + id, "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static JsonNode totals(String campaign) throws Exception {
        HttpResponse<String> response = service.request("GET",
                "/api/totals" + (campaign == null ? "" : "?campaignId=" + campaign), "application/json");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
