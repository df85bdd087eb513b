package org.jingzhun.checklist.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jingzhun.embedded.TestTopics.consumer;
import static org.jingzhun.embedded.TestTopics.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.checklist.ChecklistServiceApplication;
import org.jingzhun.checklist.OrganizationTopic;
import org.jingzhun.checklist.SourcePlan;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.TestHttp;
import org.jingzhun.examples.kiosk.HonorRoomKiosk;
import org.jingzhun.platform.registry.OrganizationRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The checklist service's Kafka inbox against real PostgreSQL and Kafka: binary-mode CloudEvents
 * recorded once per (source, id), refusals in {@code jingzhun.checklist.inbox.dlt} with their reason
 * while the partition keeps flowing, offsets kept in PostgreSQL.
 */
class KafkaInboxIntegrationTest {

    private static final String PASSWORD = "it-secret";
    private static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    private static final LocalDate ENDS_ON = LocalDate.of(2019, 11, 30);
    private static final OffsetDateTime LAUNCHED = OffsetDateTime.parse("2019-08-01T09:00:00+08:00");
    private static final URI KIOSK = URI.create("/county/honor-room-kiosk");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonFormat FORMAT = new JsonFormat();

    @TempDir
    static Path dataDirectory;
    private static EmbeddedInfrastructure infra;
    private static ConfigurableApplicationContext app;
    private static OrganizationTopic organizations;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String campaign;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(dataDirectory);
        infra.postgres().createDatabaseIfMissing("checklist");
        organizations = new OrganizationTopic(infra.kafka().bootstrapServers());
        app = new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=" + ChecklistServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + infra.postgres().jdbcUrl("checklist"),
                        "--spring.datasource.username=" + infra.postgres().username(),
                        "--spring.datasource.password=",
                        "--jingzhun.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                        "--jingzhun.kafka.partitions=3",
                        "--jingzhun.registry.await-timeout=4s",
                        "--jingzhun.admin.password=" + PASSWORD);
        campaign = "campaign-" + UUID.randomUUID();
        organizations.publish(campaign, new CampaignLaunched(campaign, "第二批主题教育", STARTS_ON, ENDS_ON), LAUNCHED);
        organizations.publish(campaign, new GuidancePlanIssued(campaign, 1, STARTS_ON, ENDS_ON, SourcePlan.plan()),
                LAUNCHED);
    }

    @AfterAll
    static void stop() {
        if (organizations != null) {
            organizations.close();
        }
        if (app != null) {
            app.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void recordsEachEventOnceAndDeadLettersRefusalsWithTheirReasonWhileThePartitionFlows() throws Exception {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        CloudEvent visit = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 25));
        CloudEvent unknown = event("jingzhun.checklist.StudyAbandoned.v1", Map.of("orgId", town));
        CloudEvent invalid = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 0));
        CloudEvent againstThePlan = event("jingzhun.checklist.ChecklistItemCompleted.v1",
                Map.of("orgId", town, "item", "PLAN", "campaignId", campaign, "date", "2019-09-03"));
        CloudEvent plan = event("jingzhun.checklist.ChecklistItemCompleted.v1",
                Map.of("orgId", village, "item", "PLAN", "campaignId", campaign, "date", "2019-09-03"));
        CloudEvent note = event("jingzhun.checklist.StudyNoteRecorded.v1", Map.of("orgId", village,
                "campaignId", campaign, "memberId", "member-unknown-" + UUID.randomUUID(), "kind", "NOTES"));
        double duplicatesBefore = duplicates(app.getBean(MeterRegistry.class));

        try (KafkaProducer<String, byte[]> producer = producer()) {
            // One key: one partition, so the refusals sit between the recorded events; sent together, so
            // that they are polled together and share a transaction (refusals inside one included).
            String key = town;
            for (CloudEvent event : List.of(visit, unknown, invalid, visit, againstThePlan, plan, note, plan)) {
                producer.send(KafkaMessageFactory.<String>createWriter(Topics.CHECKLIST_INBOX, key).writeBinary(event));
            }
            ProducerRecord<String, byte[]> notACloudEvent = new ProducerRecord<>(Topics.CHECKLIST_INBOX, key,
                    "{\"visitors\":1}".getBytes(StandardCharsets.UTF_8));
            producer.send(notACloudEvent);
            CloudEvent last = event("jingzhun.checklist.HonorRoomVisited.v1",
                    Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-21", "visitors", 5));
            producer.send(KafkaMessageFactory.<String>createWriter(Topics.CHECKLIST_INBOX, key).writeBinary(last)).get();
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(record(town).at("/honorRoom/visits").asInt()).isEqualTo(2));
        assertThat(record(town).at("/honorRoom/personVisits").asInt()).isEqualTo(30);
        assertThat(record(village).at("/checklist/completions").asInt()).isEqualTo(1);

        Map<String, JsonNode> reasons = new java.util.HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "checklist-inbox-it")) {
            consumer.subscribe(List.of(Topics.deadLetter(Topics.CHECKLIST_INBOX)));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String id = record.headers().lastHeader("ce_id") == null ? "none" : header(record, "ce_id");
                    reasons.put(id, JSON.readTree(header(record, "jingzhun_dlt_reason")));
                    assertThat(record.key()).isEqualTo(town);
                }
                return reasons.keySet().containsAll(List.of(unknown.getId(), invalid.getId(), againstThePlan.getId(),
                        note.getId(), "none"));
            });
        }
        assertThat(reasons.get(unknown.getId()).get("code").asText()).isEqualTo("inbox.unknown-type");
        assertThat(reasons.get(unknown.getId()).get("field").asText()).isEqualTo("type");
        assertThat(reasons.get(invalid.getId()).get("code").asText()).isEqualTo("invalid-request");
        assertThat(reasons.get(invalid.getId()).get("field").asText()).isEqualTo("visitors");
        assertThat(reasons.get(againstThePlan.getId()).get("code").asText()).isEqualTo("checklist.branches-only");
        assertThat(reasons.get(againstThePlan.getId()).get("message").asText()).isNotBlank();
        assertThat(reasons.get(note.getId()).get("field").asText()).isEqualTo("memberId");
        assertThat(reasons.get("none").get("code").asText()).isEqualTo("inbox.invalid-cloudevent");
        assertThat(reasons).hasSize(5);

        JdbcClient jdbc = app.getBean(JdbcClient.class);
        assertThat(jdbc.sql("SELECT count(*) FROM inbox_received WHERE ce_id IN (?, ?)")
                .params(visit.getId(), plan.getId()).query(Long.class).single()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT sum(next_offset) FROM inbox_offset WHERE topic = ?")
                .param(Topics.CHECKLIST_INBOX).query(Long.class).single()).isEqualTo(10);
        MeterRegistry meters = app.getBean(MeterRegistry.class);
        assertThat(meters.get("jingzhun.inbox.dead.lettered").tag("reason", "inbox.unknown-type").counter().count())
                .isEqualTo(1.0);
        // Counted once each, though a refusal inside a transaction has the records before it recorded again.
        assertThat(meters.get("jingzhun.inbox.events").tag("status", "REJECTED").tag("reason", "checklist.branches-only")
                .counter().count()).isEqualTo(1.0);
        assertThat(duplicates(meters) - duplicatesBefore).isEqualTo(2.0);
    }

    @Test
    void judgesEachCloudEventByThePlanInForceWhenItIsRecorded() throws Exception {
        // A campaign of its own: its plan changes between two CloudEvents.
        String ownCampaign = "campaign-" + UUID.randomUUID();
        organizations.publish(ownCampaign, new CampaignLaunched(ownCampaign, "计划改版", STARTS_ON, ENDS_ON), LAUNCHED);
        organizations.publish(ownCampaign, new GuidancePlanIssued(ownCampaign, 1, STARTS_ON, ENDS_ON,
                SourcePlan.plan(Set.of(ChecklistItem.VOLUNTEER_SERVICE))), LAUNCHED);
        String branch = organization(Tier.BRANCH, Sector.VILLAGE);
        Map<String, Object> volunteered = Map.of("orgId", branch, "item", "VOLUNTEER_SERVICE",
                "campaignId", ownCampaign, "date", "2019-09-05");
        MeterRegistry meters = app.getBean(MeterRegistry.class);

        try (KafkaProducer<String, byte[]> producer = producer()) {
            producer.send(KafkaMessageFactory.<String>createWriter(Topics.CHECKLIST_INBOX, branch)
                    .writeBinary(event("jingzhun.checklist.ChecklistItemCompleted.v1", volunteered))).get();
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                    assertThat(record(branch, ownCampaign).at("/checklist/completions").asInt()).isEqualTo(1));

            // Version 2 asks for volunteer service once: the second completion is against the plan now.
            organizations.publish(ownCampaign, new GuidancePlanIssued(ownCampaign, 2, STARTS_ON, ENDS_ON,
                    SourcePlan.plan(Set.of())), LAUNCHED.plusDays(1));
            OrganizationRegistry registry = app.getBean(OrganizationRegistry.class);
            await().atMost(Duration.ofSeconds(30)).until(() -> registry.plan(ownCampaign)
                    .equals(Optional.of(SourcePlan.plan(Set.of()))));
            producer.send(KafkaMessageFactory.<String>createWriter(Topics.CHECKLIST_INBOX, branch)
                    .writeBinary(event("jingzhun.checklist.ChecklistItemCompleted.v1", volunteered))).get();
        }

        await().atMost(Duration.ofSeconds(60)).until(() -> meters.find("jingzhun.inbox.events")
                .tag("status", "REJECTED").tag("reason", "checklist.already-done").counters().stream()
                .mapToDouble(Counter::count).sum() == 1.0);
        assertThat(record(branch, ownCampaign).at("/checklist/completions").asInt()).isEqualTo(1);
    }

    @Test
    void recordsTheExampleKiosksVisitsOnceEvenWhenItRetries() throws Exception {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        try (HonorRoomKiosk kiosk = new HonorRoomKiosk(infra.kafka().bootstrapServers(), "it")) {
            CloudEvent visit = kiosk.visit(UUID.randomUUID().toString(), town, campaign, LocalDate.of(2019, 9, 20), 12);
            kiosk.report(visit, town);
            kiosk.report(visit, town);
            kiosk.report(kiosk.visit(UUID.randomUUID().toString(), town, campaign, LocalDate.of(2019, 9, 21), 8), town);
        }

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(record(town).at("/honorRoom/visits").asInt()).isEqualTo(2));
        assertThat(record(town).at("/honorRoom/personVisits").asInt()).isEqualTo(20);
    }

    private static KafkaProducer<String, byte[]> producer() {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        return new KafkaProducer<>(properties);
    }

    // --- helpers

    private static CloudEvent event(String type, Map<String, Object> data) {
        try {
            return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(KIOSK).withType(type)
                    .withTime(OffsetDateTime.now()).withData("application/json", JSON.writeValueAsBytes(data)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static HttpResponse<String> structured(CloudEvent event) {
        return send(HttpRequest.newBuilder(uri("/api/inbox")).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FORMAT.serialize(event))));
    }

    private static String organization(Tier tier, Sector sector) {
        return organization(tier, sector, null);
    }

    private static String organization(Tier tier, Sector sector, String parentId) {
        String id = tier.name().toLowerCase() + "-" + UUID.randomUUID();
        organizations.publish(id, new OrganizationRegistered(id, "组织 " + id, tier, sector, parentId),
                OffsetDateTime.now());
        return id;
    }

    private static JsonNode record(String org) {
        return record(org, campaign);
    }

    private static JsonNode record(String org, String campaignId) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                uri("/api/organizations/" + org + "/record?campaignId=" + campaignId)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static double duplicates(MeterRegistry meters) {
        return meters.find("jingzhun.inbox.events").tag("status", "DUPLICATE").counters().stream()
                .mapToDouble(io.micrometer.core.instrument.Counter::count).sum();
    }

    private static void assertProblem(HttpResponse<String> response, int status, String code, String field) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("errors").findValuesAsText("field")).as(response.body()).contains(field);
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(http, request, TestHttp.basic("admin", PASSWORD));
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
