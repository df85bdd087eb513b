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
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jingzhun.checklist.ChecklistServiceApplication;
import org.jingzhun.checklist.OrganizationTopic;
import org.jingzhun.checklist.SourcePlan;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.TestHttp;
import org.jingzhun.embedded.TestTokenIssuer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code POST /api/inbox} of the checklist service against real PostgreSQL and Kafka: structured,
 * binary and batch CloudEvents recorded through the same rules as the HTTP commands, once per
 * (source, id), their events relayed with the causing CloudEvent named.
 */
class InboxHttpIntegrationTest {

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
    private static TestTokenIssuer tokens;
    private static ConfigurableApplicationContext app;
    private static OrganizationTopic organizations;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String campaign;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(dataDirectory);
        infra.postgres().createDatabaseIfMissing("checklist");
        organizations = new OrganizationTopic(infra.kafka().bootstrapServers());
        tokens = TestTokenIssuer.start();
        app = new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=" + ChecklistServiceApplication.CONFIG_NAME)
                .run("--server.port=0", tokens.serviceArguments()[0], tokens.serviceArguments()[1],
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
        if (tokens != null) {
            tokens.close();
        }
    }

    @Test
    void recordsAStructuredVisitOnceAndAnswersARedeliveryDuplicate() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        CloudEvent visit = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 25));

        HttpResponse<String> first = structured(visit);
        HttpResponse<String> again = structured(visit);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(json(first).get("id").asText()).isEqualTo(visit.getId());
        assertThat(json(first).get("status").asText()).isEqualTo("RECORDED");
        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(json(again).get("status").asText()).isEqualTo("DUPLICATE");
        assertThat(record(town).at("/honorRoom/visits").asInt()).isEqualTo(1);
        assertThat(record(town).at("/honorRoom/personVisits").asInt()).isEqualTo(25);
    }

    @Test
    void recordsABinaryModeSessionAndRelaysItWithItsCausation() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        String id = UUID.randomUUID().toString();
        String body = "{\"orgId\":\"" + town + "\",\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-30\","
                + "\"days\":1,\"format\":\"CONCENTRATED\",\"readings\":[\"《摘编》\"],\"attendees\":12}";

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/json")
                .header("ce-specversion", "1.0").header("ce-id", id).header("ce-source", "/county/study-platform")
                .header("ce-type", "jingzhun.checklist.StudySessionHeld.v1")
                .POST(HttpRequest.BodyPublishers.ofString(body)));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(json(response).get("status").asText()).isEqualTo("RECORDED");
        assertThat(record(town).at("/study/sessionCount").asInt()).isEqualTo(1);
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "checklist-inbox-it")) {
            consumer.subscribe(List.of(Topics.CHECKLIST_EVENTS));
            List<ConsumerRecord<String, byte[]>> caused = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.headers().lastHeader("jingzhun_causation_id") != null
                            && header(record, "jingzhun_causation_id").equals(id)) {
                        caused.add(record);
                    }
                });
                return !caused.isEmpty();
            });
            assertThat(caused).hasSize(1);
            assertThat(header(caused.get(0), "ce_type")).isEqualTo("jingzhun.checklist.StudySessionHeld.v1");
            assertThat(header(caused.get(0), "jingzhun_causation_source")).isEqualTo("/county/study-platform");
            assertThat(header(caused.get(0), "jingzhun_actor")).isEqualTo("admin");
        }
    }

    @Test
    void rejectsUnknownTypesInvalidDataAndRuleViolationsAsProblemsRecordingNothing() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);

        assertProblem(structured(event("jingzhun.checklist.StudyAbandoned.v1", Map.of("orgId", town))),
                422, "inbox.unknown-type", "type");
        assertProblem(structured(event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 0))),
                400, "invalid-request", "visitors");
        assertProblem(structured(event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("campaignId", campaign, "date", "2019-09-20", "visitors", 3))),
                400, "invalid-request", "orgId");
        assertProblem(structured(event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 3, "colour", "red"))),
                400, "invalid-request", "colour");
        // The plan: only branches keep the ten ones.
        assertProblem(structured(event("jingzhun.checklist.ChecklistItemCompleted.v1",
                Map.of("orgId", town, "item", "PLAN", "campaignId", campaign, "date", "2019-09-03"))),
                422, "checklist.branches-only", "orgId");
        HttpResponse<String> notACloudEvent = send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"type\":\"x\"}")));
        assertProblem(notACloudEvent, 400, "inbox.invalid-cloudevent", "cloudevent");

        assertThat(record(town).at("/honorRoom/visits").asInt()).isZero();
    }

    @Test
    void answersEachEventOfABatchOnItsOwn() throws IOException {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        CloudEvent plan = event("jingzhun.checklist.ChecklistItemCompleted.v1",
                Map.of("orgId", village, "item", "PLAN", "campaignId", campaign, "date", "2019-09-03"));
        CloudEvent planAgain = event("jingzhun.checklist.ChecklistItemCompleted.v1",
                Map.of("orgId", village, "item", "PLAN", "campaignId", campaign, "date", "2019-09-10"));
        CloudEvent research = event("jingzhun.checklist.ResearchSubmitted.v1", Map.of("orgId", town,
                "campaignId", campaign, "kind", "PROBLEM_BRIEF", "title", "关于基层治理的调研", "date", "2019-10-10"));
        CloudEvent unknown = event("jingzhun.checklist.Nothing.v1", Map.of("orgId", town));
        StringBuilder batch = new StringBuilder("[");
        for (CloudEvent event : List.of(plan, plan, planAgain, research, unknown)) {
            batch.append(batch.length() > 1 ? "," : "").append(new String(FORMAT.serialize(event), StandardCharsets.UTF_8));
        }
        batch.append("]");

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.toString())));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response).get("results");
        assertThat(java.util.stream.StreamSupport.stream(results.spliterator(), false).map(result -> result.get("status").asText()).toList())
                .containsExactly("RECORDED", "DUPLICATE", "REJECTED", "RECORDED", "REJECTED");
        assertThat(java.util.stream.StreamSupport.stream(results.spliterator(), false).map(result -> result.get("id").asText()).toList()).containsExactly(plan.getId(), plan.getId(), planAgain.getId(),
                research.getId(), unknown.getId());
        assertThat(results.get(2).at("/problem/code").asText()).isEqualTo("checklist.already-done");
        assertThat(results.get(2).at("/problem/errors/0/field").asText()).isEqualTo("item");
        assertThat(results.get(4).at("/problem/code").asText()).isEqualTo("inbox.unknown-type");
        assertThat(record(village).at("/checklist/completions").asInt()).isEqualTo(1);
        assertThat(record(town).at("/research/byKind/PROBLEM_BRIEF").asInt()).isEqualTo(1);

        String tooMany = "[" + String.join(",", java.util.Collections.nCopies(1_001, "{}")) + "]";
        assertProblem(send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(tooMany))), 413, "inbox.batch-too-large", "body");
    }

    @Test
    void recordsABatchInOneTransactionUnlessTheRulesRefuseAnEventInsideIt() throws Exception {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        List<CloudEvent> batch = List.of(
                visit(town, "2019-09-20"), visit(village, "2019-09-20"),
                event("jingzhun.checklist.ChecklistItemCompleted.v1",
                        Map.of("orgId", village, "item", "PLAN", "campaignId", campaign, "date", "2019-09-03")),
                // Refused inside the transaction, by what the event before it recorded in the same transaction.
                event("jingzhun.checklist.ChecklistItemCompleted.v1",
                        Map.of("orgId", village, "item", "PLAN", "campaignId", campaign, "date", "2019-09-10")),
                visit(town, "2019-09-21"), visit(village, "2019-09-21"));

        HttpResponse<String> response = send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString(batch.stream()
                        .map(event -> new String(FORMAT.serialize(event), StandardCharsets.UTF_8))
                        .collect(java.util.stream.Collectors.joining(",", "[", "]")))));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode results = json(response).get("results");
        assertThat(java.util.stream.StreamSupport.stream(results.spliterator(), false)
                .map(result -> result.get("status").asText()).toList()).as(response.body())
                .containsExactly("RECORDED", "RECORDED", "RECORDED", "REJECTED", "RECORDED", "RECORDED");
        assertThat(results.get(3).at("/problem/code").asText()).isEqualTo("checklist.already-done");
        // The dedup rows tell the transactions: the three before the refused one committed together, the two
        // after it together, the refused one left no row.
        Map<String, String> transactionOf = new java.util.HashMap<>();
        try (var connection = java.sql.DriverManager.getConnection(infra.postgres().jdbcUrl("checklist"),
                infra.postgres().username(), "");
             var statement = connection.prepareStatement("SELECT ce_id, xmin::text FROM inbox_received WHERE ce_id = ANY (?)")) {
            statement.setArray(1, connection.createArrayOf("text", batch.stream().map(CloudEvent::getId).toArray()));
            try (var rows = statement.executeQuery()) {
                while (rows.next()) {
                    transactionOf.put(rows.getString(1), rows.getString(2));
                }
            }
        }
        List<String> transactions = batch.stream().map(event -> transactionOf.get(event.getId())).toList();
        assertThat(transactions.get(3)).isNull();
        assertThat(transactions.subList(0, 3)).containsOnly(transactions.get(0)).doesNotContainNull();
        assertThat(transactions.subList(4, 6)).containsOnly(transactions.get(4)).doesNotContainNull();
        assertThat(transactions.get(4)).isNotEqualTo(transactions.get(0));
        assertThat(record(village).at("/checklist/completions").asInt()).isEqualTo(1);
        assertThat(record(village).at("/honorRoom/visits").asInt()).isEqualTo(2);
        assertThat(record(town).at("/honorRoom/visits").asInt()).isEqualTo(2);
    }

    @Test
    void aPublisherBoundToAnOrganizationReportsFactsOfItsSubtreeOnly() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        String otherTown = organization(Tier.SECTION, Sector.TOWNSHIP);
        String kiosk = tokens.bearer("town-kiosk", "PUBLISHER", town);
        CloudEvent inside = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", village, "campaignId", campaign, "date", "2019-09-20", "visitors", 9));
        CloudEvent outside = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", otherTown, "campaignId", campaign, "date", "2019-09-20", "visitors", 4));
        // The service learns the new organizations from the registry topic: until then the village is outside too.
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(send(structuredRequest(inside), kiosk).statusCode()).isEqualTo(202));

        assertProblem(send(structuredRequest(outside), kiosk), 403, "forbidden", "orgId");
        CloudEvent insideToo = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-21", "visitors", 2));
        HttpResponse<String> batch = send(HttpRequest.newBuilder(uri("/api/inbox"))
                .header("Content-Type", "application/cloudevents-batch+json")
                .POST(HttpRequest.BodyPublishers.ofString("[" + new String(FORMAT.serialize(outside),
                        StandardCharsets.UTF_8) + "," + new String(FORMAT.serialize(insideToo), StandardCharsets.UTF_8)
                        + "]")), kiosk);

        assertThat(batch.statusCode()).as(batch.body()).isEqualTo(200);
        JsonNode results = json(batch).get("results");
        assertThat(results.get(0).get("status").asText()).isEqualTo("REJECTED");
        assertThat(results.get(0).at("/problem/status").asInt()).isEqualTo(403);
        assertThat(results.get(0).at("/problem/code").asText()).isEqualTo("forbidden");
        assertThat(results.get(0).at("/problem/errors/0/field").asText()).isEqualTo("orgId");
        assertThat(results.get(1).get("status").asText()).as(batch.body()).isEqualTo("RECORDED");
        assertThat(record(village).at("/honorRoom/personVisits").asInt()).isEqualTo(9);
        assertThat(record(town).at("/honorRoom/personVisits").asInt()).isEqualTo(2);
        assertThat(record(otherTown).at("/honorRoom/visits").asInt()).isZero();
        // Refused, not claimed: a county-wide publisher may still report the same CloudEvent.
        assertThat(json(structured(outside)).get("status").asText()).isEqualTo("RECORDED");
    }

    @Test
    void servesTheJsonSchemaOfEveryPublishedEventType() throws IOException {
        HttpResponse<String> schema = send(HttpRequest.newBuilder(
                uri("/schemas/jingzhun.checklist.HonorRoomVisited.v1.json")).GET());
        HttpResponse<String> unknown = send(HttpRequest.newBuilder(uri("/schemas/jingzhun.checklist.Nothing.v1.json")).GET());

        assertThat(schema.statusCode()).as(schema.body()).isEqualTo(200);
        assertThat(schema.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/schema+json"));
        try (var in = getClass().getClassLoader().getResourceAsStream("schemas/checklist/HonorRoomVisited.v1.json")) {
            assertThat(JSON.readTree(schema.body())).isEqualTo(JSON.readTree(in));
        }
        assertProblem(unknown, 404, "schema.not-found", "type");
    }

    @Test
    void aRecordItsSchemaAndTheAsyncApiDocumentAgree() throws IOException {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP);
        CloudEvent visit = event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", town, "campaignId", campaign, "date", "2019-09-20", "visitors", 7));
        assertThat(structured(visit).statusCode()).isEqualTo(202);
        ConsumerRecord<String, byte[]> record = relayedFor(visit.getId());
        HttpResponse<String> asyncApi = send(HttpRequest.newBuilder(uri("/asyncapi.json")).GET());
        assertThat(asyncApi.statusCode()).as(asyncApi.body()).isEqualTo(200);
        JsonNode document = json(asyncApi);

        assertThat(document.get("asyncapi").asText()).isEqualTo("3.0.0");
        assertThat(document.at("/channels/events/address").asText()).isEqualTo(record.topic());
        assertThat(document.at("/channels/inbox/address").asText()).isEqualTo(Topics.CHECKLIST_INBOX);
        assertThat(document.at("/channels/inboxDeadLetters/address").asText()).isEqualTo(Topics.CHECKLIST_INBOX + ".dlt");
        JsonNode message = document.at("/components/messages/HonorRoomVisited");
        assertThat(message.get("name").asText()).isEqualTo(header(record, "ce_type"));
        JsonNode declared = message.at("/headers/properties");
        for (org.apache.kafka.common.header.Header header : record.headers()) {
            assertThat(declared.has(header.key())).as("header %s declared", header.key()).isTrue();
            JsonNode constant = declared.get(header.key()).get("const");
            if (constant != null) {
                assertThat(header(record, header.key())).as(header.key()).isEqualTo(constant.asText());
            }
        }
        message.at("/headers/required").forEach(name ->
                assertThat(record.headers().lastHeader(name.asText())).as("header %s", name.asText()).isNotNull());
        JsonNode served = json(send(HttpRequest.newBuilder(uri("/schemas/" + header(record, "ce_type") + ".json")).GET()));
        assertThat(header(record, "ce_dataschema")).isEqualTo(served.get("$id").asText());
        assertThat(message.at("/payload/schema")).isEqualTo(served);
        JsonNode value = JSON.readTree(record.value());
        var schema = com.networknt.schema.JsonSchemaFactory.getInstance(
                com.networknt.schema.SpecVersion.VersionFlag.V202012).getSchema(served);
        assertThat(schema.validate(value)).as(value.toString()).isEmpty();
        assertThat(document.at("/components/messages").size()).isEqualTo(5 + 5 + 1);
        try (var kept = getClass().getClassLoader().getResourceAsStream("asyncapi/checklist-service.json")) {
            assertThat(document).as("the document kept in contracts").isEqualTo(JSON.readTree(kept));
        }
    }

    // --- helpers

    private static ConsumerRecord<String, byte[]> relayedFor(String causationId) {
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "checklist-inbox-it")) {
            consumer.subscribe(List.of(Topics.CHECKLIST_EVENTS));
            List<ConsumerRecord<String, byte[]>> caused = new ArrayList<>();
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(record -> {
                    if (record.headers().lastHeader("jingzhun_causation_id") != null
                            && header(record, "jingzhun_causation_id").equals(causationId)) {
                        caused.add(record);
                    }
                });
                return !caused.isEmpty();
            });
            return caused.get(0);
        }
    }

    private static CloudEvent event(String type, Map<String, Object> data) {
        try {
            return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(KIOSK).withType(type)
                    .withTime(OffsetDateTime.now()).withData("application/json", JSON.writeValueAsBytes(data)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CloudEvent visit(String org, String date) {
        return event("jingzhun.checklist.HonorRoomVisited.v1",
                Map.of("orgId", org, "campaignId", campaign, "date", date, "visitors", 5));
    }

    private static HttpResponse<String> structured(CloudEvent event) {
        return send(structuredRequest(event));
    }

    private static HttpRequest.Builder structuredRequest(CloudEvent event) {
        return HttpRequest.newBuilder(uri("/api/inbox")).header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(FORMAT.serialize(event)));
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
        HttpResponse<String> response = send(HttpRequest.newBuilder(
                uri("/api/organizations/" + org + "/record?campaignId=" + campaign)).GET());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
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
        return send(request, TestHttp.basic("admin", PASSWORD));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request, String authorization) {
        return TestHttp.send(http, request, authorization);
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
