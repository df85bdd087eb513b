package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jingzhun.reporting.CloudEventRecords.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The service as deployed, against a real PostgreSQL and a real Kafka broker: records are produced by
 * hand in the contract's wire format and the totals read over HTTP. Tests share one broker and
 * database, so each works in its own campaign and measures global counters as differences.
 */
class ProjectorIntegrationTest {

    private static final String PROJECTOR = ReportingUnderTest.PROJECTOR;
    private static final int PARTITIONS = ReportingUnderTest.PARTITIONS;
    private static final Duration BOUND = ReportingUnderTest.BOUND;
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    static JdbcClient database;

    @BeforeAll
    static void start() {
        service = ReportingUnderTest.start(dataDirectory);
        database = service.database();
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
    }

    @Test
    void countsEachEventOnceWhenRedelivered() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        long eventsBefore = eventsProjected();
        double duplicatesBefore = duplicates().count();
        String eventId = id("event");
        HonorRoomVisited visit = new HonorRoomVisited(id("visit"), org, campaign, DAY, 12);

        awaitProjected(send(CloudEventRecords.of(eventId, org, visit, T0)));
        // The relay re-sends after a crash: the same event (same ce_id) twice more, after the first was
        // committed; the two copies may also share one poll, i.e. one transaction.
        send(CloudEventRecords.of(eventId, org, visit, T0));
        send(CloudEventRecords.of(eventId, org, visit, T0));
        awaitProjected(send(CloudEventRecords.of(org, new HonorRoomVisited(id("visit"), org, campaign, DAY, 5), T0)));

        JsonNode totals = totals(campaign);
        assertThat(totals.at("/honorRoom/units").asLong()).isEqualTo(1);
        assertThat(totals.at("/honorRoom/personVisits").asLong()).isEqualTo(17);
        assertThat(totals.get("eventsProjected").asLong()).isEqualTo(eventsBefore + 2);
        assertThat(duplicates().count() - duplicatesBefore).isEqualTo(2);
    }

    @Test
    void resumesFromStoredOffsetsAfterRestart() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String problem = id("problem");
        awaitProjected(send(CloudEventRecords.of(org, new HonorRoomVisited(id("visit"), org, campaign, DAY, 3), T0)),
                send(CloudEventRecords.of(org, new HonorRoomVisited(id("visit"), org, campaign, DAY, 4), T0)));
        long eventsBefore = eventsProjected();

        service.stopService();
        RecordMetadata visited = send(CloudEventRecords.of(org,
                new HonorRoomVisited(id("visit"), org, campaign, DAY, 5), T0));
        RecordMetadata logged = send(CloudEventRecords.of(problem, new ProblemLogged(problem, org, campaign,
                FocusArea.SERVING_THE_MASSES, ProblemSource.SOLICITED_OPINION, null, "办事难", "王五",
                T0.plusDays(30).toInstant()), T0));
        RecordMetadata rectified = send(CloudEventRecords.of(problem,
                new ProblemRectified(problem, org, campaign, "已设立便民窗口", List.of()), T0.plusHours(1)));
        service.startService();
        awaitProjected(visited, logged, rectified);

        JsonNode totals = totals(campaign);
        assertThat(totals.at("/honorRoom/personVisits").asLong()).isEqualTo(12);
        assertThat(totals.at("/problems/found").asLong()).isEqualTo(1);
        assertThat(totals.at("/problems/rectified").asLong()).isEqualTo(1);
        assertThat(totals.at("/problems/inProgress").asLong()).isZero();
        assertThat(totals.get("eventsProjected").asLong()).isEqualTo(eventsBefore + 3);
        TransactionalProjector projector = service.app().getBean(TransactionalProjector.class);
        await().atMost(BOUND).untilAsserted(() -> assertThat(projector.projectedSinceStart()).isEqualTo(3));
        // Had it re-read the topics from the start, every earlier event would have come back as a duplicate.
        assertThat(duplicates().count()).isZero();
    }

    @Test
    void sendsPoisonRecordsToTheDeadLetterTopic() throws Exception {
        String campaign = id("campaign");
        String org = id("org");
        String visitType = EventCatalog.byClass(HonorRoomVisited.class).orElseThrow().cloudEventType();
        String badJson = id("bad-json");
        String unknownType = id("unknown-type");
        String schemaInvalid = id("schema-invalid");
        String orphan = id("orphan");

        // All on one key, hence one partition, ahead of a good record.
        RecordMetadata first = send(CloudEventRecords.raw(Topics.CHECKLIST_EVENTS, badJson, visitType, org,
                "{\"recordId\": ".getBytes(StandardCharsets.UTF_8), T0));
        send(CloudEventRecords.raw(Topics.CHECKLIST_EVENTS, unknownType, "jingzhun.checklist.SomethingNew.v1", org,
                "{}".getBytes(StandardCharsets.UTF_8), T0));
        // Jackson would map a visit of nobody without complaint; only the schema forbids it.
        send(CloudEventRecords.of(schemaInvalid, org, new HonorRoomVisited(id("visit"), org, campaign, DAY, 0), T0));
        RecordMetadata good = send(CloudEventRecords.of(org,
                new HonorRoomVisited(id("visit"), org, campaign, DAY, 7), T0));
        String problem = id("problem");
        RecordMetadata neverLogged = send(CloudEventRecords.of(orphan, problem,
                new ProblemRectified(problem, org, campaign, "已整改", List.of()), T0));
        assertThat(good.partition()).isEqualTo(first.partition());

        awaitProjected(good, neverLogged);
        assertThat(totals(campaign).at("/honorRoom/personVisits").asLong()).isEqualTo(7);

        Map<String, ConsumerRecord<String, byte[]>> letters = deadLetters(Set.of(badJson, unknownType, schemaInvalid, orphan));
        assertThat(reason(letters.get(badJson))).startsWith("not JSON");
        assertThat(reason(letters.get(unknownType))).isEqualTo("unknown event type jingzhun.checklist.SomethingNew.v1");
        assertThat(reason(letters.get(schemaInvalid)))
                .startsWith("invalid against schema schemas/checklist/HonorRoomVisited.v1.json").contains("visitors");
        assertThat(reason(letters.get(orphan))).startsWith("projection failed").contains("problem " + problem + " is unknown");
        for (String eventId : List.of(badJson, unknownType, schemaInvalid)) {
            ConsumerRecord<String, byte[]> letter = letters.get(eventId);
            assertThat(letter.topic()).isEqualTo(Topics.deadLetter(Topics.CHECKLIST_EVENTS));
            assertThat(letter.key()).isEqualTo(org);
            assertThat(header(letter, "jingzhun_dlt_origin"))
                    .startsWith(Topics.CHECKLIST_EVENTS + "-" + first.partition() + "@");
        }
        assertThat(letters.get(orphan).topic()).isEqualTo(Topics.deadLetter(Topics.RECTIFICATION_EVENTS));
    }

    @Test
    void answersTotalsOverHttpWithBasicAuthInTheContractShape() throws Exception {
        HttpResponse<String> response = get("/api/totals?campaignId=&asOf=", true);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/json"));
        JsonNode totals = JSON.readTree(response.body());
        assertThat(fields(totals)).containsExactly("campaignId", "asOf", "eventsProjected", "organizations",
                "members", "study", "honorRoom", "research", "checklist", "problems");
        assertThat(totals.get("campaignId").isNull()).isTrue();
        assertThat(totals.get("asOf").asText()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d(:\\d\\d(\\.\\d+)?)?\\+08:00");
        assertThat(totals.get("eventsProjected").isIntegralNumber()).isTrue();
        assertThat(fields(totals.get("organizations"))).containsExactly("total", "byTier", "bySector");
        assertThat(fields(totals.at("/organizations/byTier"))).containsExactlyElementsOf(names(Tier.class));
        assertThat(fields(totals.at("/organizations/bySector"))).containsExactlyElementsOf(names(Sector.class));
        assertThat(fields(totals.get("members"))).containsExactly("total", "byField", "byOccupation", "byStatus");
        assertThat(fields(totals.at("/members/byField"))).containsExactlyElementsOf(names(MemberField.class));
        assertThat(fields(totals.at("/members/byOccupation"))).containsExactlyElementsOf(names(MemberOccupation.class));
        assertThat(fields(totals.at("/members/byStatus"))).containsExactlyElementsOf(names(MemberStatus.class));
        assertThat(fields(totals.get("study"))).containsExactly("sessions", "days", "notes");
        assertThat(totals.at("/study/days").isFloatingPointNumber()).isTrue();
        assertThat(fields(totals.get("honorRoom"))).containsExactly("units", "personVisits");
        assertThat(fields(totals.get("research"))).containsExactlyElementsOf(names(ResearchKind.class));
        assertThat(fields(totals.get("checklist"))).containsExactly("itemsCompleted", "completions", "branchesComplete");
        JsonNode problems = totals.get("problems");
        assertThat(fields(problems)).containsExactly("found", "rectified", "inProgress", "overdue",
                "bySector", "byTier", "bySource", "bySpecialRectification");
        assertThat(fields(problems.get("bySector"))).containsExactlyElementsOf(names(Sector.class));
        assertThat(fields(problems.get("byTier"))).containsExactlyElementsOf(names(Tier.class));
        assertThat(fields(problems.get("bySource"))).containsExactlyElementsOf(names(ProblemSource.class));
        assertThat(problems.get("bySpecialRectification").isObject()).isTrue();
        assertThat(problems.get("found").asLong())
                .isEqualTo(problems.get("rectified").asLong() + problems.get("inProgress").asLong());
    }

    @Test
    void refusesTotalsWithoutCredentials() throws Exception {
        HttpResponse<String> response = get("/api/totals", false);

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("WWW-Authenticate")).hasValueSatisfying(
                challenge -> assertThat(challenge).startsWith("Basic"));
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("status").asInt()).isEqualTo(401);
    }

    @Test
    void answersHealthWithoutCredentials() throws Exception {
        HttpResponse<String> response = get("/actuator/health", false);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(JSON.readTree(response.body()).get("status").asText()).isEqualTo("UP");
    }

    private static String bootstrapServers() {
        return service.bootstrapServers();
    }

    private static RecordMetadata send(ProducerRecord<String, byte[]> record) {
        return service.send(record);
    }

    private static void awaitProjected(RecordMetadata... records) {
        service.awaitProjected(records);
    }

    private static Counter duplicates() {
        return service.app().getBean(MeterRegistry.class).get("jingzhun.projection.duplicates").tag("projector", PROJECTOR).counter();
    }

    private static long eventsProjected() throws Exception {
        return totals(null).get("eventsProjected").asLong();
    }

    private static JsonNode totals(String campaignId) throws Exception {
        String query = campaignId == null ? "" : "?campaignId=" + URLEncoder.encode(campaignId, StandardCharsets.UTF_8);
        HttpResponse<String> response = get("/api/totals" + query, true);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(service.uri(path)).timeout(Duration.ofSeconds(10));
        if (authenticated) {
            request.header("Authorization", ReportingUnderTest.basic());
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Reads both dead-letter topics from the start until every given event id has turned up. */
    private static Map<String, ConsumerRecord<String, byte[]>> deadLetters(Set<String> eventIds) {
        Map<String, ConsumerRecord<String, byte[]>> found = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(consumerProperties())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : List.of(Topics.CHECKLIST_EVENTS, Topics.RECTIFICATION_EVENTS)) {
                for (int partition = 0; partition < PARTITIONS; partition++) {
                    partitions.add(new TopicPartition(Topics.deadLetter(topic), partition));
                }
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            // A consumer belongs to one thread: poll it from the test's own.
            await().atMost(BOUND).pollInSameThread().until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    String eventId = header(record, "ce_id");
                    if (eventIds.contains(eventId)) {
                        found.put(eventId, record);
                    }
                }
                return found.keySet().containsAll(eventIds);
            });
        }
        return found;
    }

    private static String reason(ConsumerRecord<String, byte[]> letter) {
        return header(letter, "jingzhun_dlt_reason");
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static List<String> names(Class<? extends Enum<?>> type) {
        return Arrays.stream(type.getEnumConstants()).map(Enum::name).toList();
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static Properties consumerProperties() {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        return props;
    }
}
