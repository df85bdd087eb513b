package org.jingzhun.organization.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

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
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;

/** A study platform enrols members through the organization inbox, on real PostgreSQL and Kafka. */
class OrganizationInboxIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void enrolsAMemberFromKafkaOnceAndAnswersTheSameEventOverHttpDuplicate() throws Exception {
        String branch = branch("收件支部-");
        String member = "platform-member-" + UUID.randomUUID();
        CloudEvent enrolled = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                .withSource(URI.create("/county/study-platform")).withType("jingzhun.organization.MemberEnrolled.v1")
                .withData("application/json", JSON.writeValueAsBytes(Map.of("orgId", branch, "id", member,
                        "field", "RURAL", "occupation", "NO_POST", "status", "REGULAR")))
                .build();

        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, service.infra().kafka().bootstrapServers());
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            producer.send(KafkaMessageFactory.<String>createWriter(Topics.ORGANIZATION_INBOX, branch)
                    .writeBinary(enrolled)).get();
        }
        await().atMost(Duration.ofSeconds(60)).until(() ->
                service.send("GET", "/api/members/" + member, null).statusCode() == 200);

        HttpResponse<String> again = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + service.port() + "/api/inbox"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ServiceUnderTest.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new JsonFormat().serialize(enrolled))).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(again.statusCode()).as(again.body()).isEqualTo(202);
        assertThat(JSON.readTree(again.body()).get("status").asText()).isEqualTo("DUPLICATE");
        JsonNode view = ServiceUnderTest.json(service.send("GET", "/api/members/" + member, null));
        assertThat(view.toString()).contains(branch);
        JsonNode members = ServiceUnderTest.json(service.send("GET", "/api/organizations/" + branch + "/members", null));
        assertThat(members.toString()).contains(member);
        assertThat(members.findValuesAsText("id")).containsOnlyOnce(member);
    }

    @Test
    void enrolsABatchInOneUnitOfWorkAndPinsAConflictFoundOnlyWhenItCommitsOnItsEvent() throws Exception {
        String branch = branch("批量支部-");
        String taken = enrolled(branch, "taken-member-" + UUID.randomUUID());
        MeterRegistry meters = service.app().getBean(MeterRegistry.class);
        double committed = shared(meters, "jingzhun.inbox.shared.units", "committed");
        double commands = shared(meters, "jingzhun.inbox.shared.commands", "committed");
        double failed = shared(meters, "jingzhun.inbox.shared.units", "failed");

        // Three new members: their commands share one unit of work, their six events one append.
        List<String> fresh = List.of("batch-a-" + UUID.randomUUID(), "batch-b-" + UUID.randomUUID(),
                "batch-c-" + UUID.randomUUID());
        JsonNode clean = ServiceUnderTest.json(service.sendCloudEvents(batch(branch, fresh)));
        assertThat(statuses(clean)).containsExactly("RECORDED", "RECORDED", "RECORDED");
        assertThat(shared(meters, "jingzhun.inbox.shared.units", "committed")).isEqualTo(committed + 1);
        assertThat(shared(meters, "jingzhun.inbox.shared.commands", "committed")).isEqualTo(commands + 3);

        // A member enrolled before, and one enrolled twice within the batch: the shared unit's append collides,
        // no event can be named for it, so the batch is recorded again one command at a time — each conflict on
        // its own event, as without sharing, and everything else recorded once.
        String d = "batch-d-" + UUID.randomUUID();
        String e = "batch-e-" + UUID.randomUUID();
        JsonNode conflicting = ServiceUnderTest.json(service.sendCloudEvents(batch(branch, List.of(d, taken, e, e))));
        assertThat(statuses(conflicting)).as(conflicting.toString())
                .containsExactly("RECORDED", "REJECTED", "RECORDED", "REJECTED");
        assertThat(conflicting.at("/results/1/problem/code").asText()).isEqualTo("id.taken");
        assertThat(conflicting.at("/results/3/problem/code").asText()).isEqualTo("id.taken");
        assertThat(shared(meters, "jingzhun.inbox.shared.units", "failed")).isEqualTo(failed + 1);

        for (String member : List.of(fresh.get(0), fresh.get(1), fresh.get(2), d, e)) {
            JsonNode view = ServiceUnderTest.json(service.send("GET", "/api/members/" + member, null));
            assertThat(view.get("organizationId").asText()).as(member).isEqualTo(branch);
            assertThat(view.get("displayName").asText()).as(member).isEqualTo("成员 " + member);
            assertThat(eventsOf(member)).as(member).containsExactly("MemberEnrolled", "MemberNamed");
        }
        assertThat(eventsOf(taken)).containsExactly("MemberEnrolled");
        // The tests' services snapshot every other event: each new member's snapshot is taken once the batch's
        // transaction has committed (asked for while it ran, the snapshotter found no committed event to read).
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            for (String member : List.of(fresh.get(0), fresh.get(1), fresh.get(2), d, e)) {
                assertThat(snapshotAt(member)).as(member).isEqualTo(1L);
            }
        });
    }

    /** The sequence number of the member's latest snapshot, null when it has none. */
    private static Long snapshotAt(String member) {
        return jdbc().queryForObject("SELECT max(sequence_number) FROM snapshot_event_entry WHERE aggregate_identifier = ?",
                Long.class, member);
    }

    /**
     * A keyed batch whose transaction is rolled back after a command (an id taken, refused late in the group) and
     * recorded again without it: the key is claimed by the transaction that commits, so the answer is kept and a
     * retry replays it.
     */
    @Test
    void aKeyedBatchRecordedAgainAfterARefusalKeepsItsAnswerForARetry() throws Exception {
        String branch = branch("钥匙支部-");
        String taken = enrolled(branch, "keyed-taken-" + UUID.randomUUID());
        String batch = batch(branch, List.of("keyed-f-" + UUID.randomUUID(), taken, "keyed-g-" + UUID.randomUUID()));
        String key = "keyed-batch-" + UUID.randomUUID();

        HttpResponse<String> first = service.sendCloudEvents(batch, key);
        assertThat(first.statusCode()).as(first.body()).isEqualTo(200);
        assertThat(statuses(ServiceUnderTest.json(first))).containsExactly("RECORDED", "REJECTED", "RECORDED");
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc().queryForObject(
                "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ? AND status IS NOT NULL",
                Long.class, key) == 1);

        HttpResponse<String> retry = service.sendCloudEvents(batch, key);
        assertThat(retry.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(retry.body()).isEqualTo(first.body());
    }

    private static String batch(String branch, List<String> members) throws IOException {
        StringBuilder batch = new StringBuilder("[");
        for (String member : members) {
            CloudEvent event = CloudEventBuilder.v1().withId(UUID.randomUUID().toString())
                    .withSource(URI.create("/county/study-platform")).withType("jingzhun.organization.MemberEnrolled.v1")
                    .withData("application/json", JSON.writeValueAsBytes(Map.of("orgId", branch, "id", member,
                            "field", "RURAL", "occupation", "NO_POST", "status", "REGULAR",
                            "displayName", "成员 " + member)))
                    .build();
            batch.append(batch.length() > 1 ? "," : "")
                    .append(new String(new JsonFormat().serialize(event), StandardCharsets.UTF_8));
        }
        return batch.append("]").toString();
    }

    private static List<String> statuses(JsonNode answer) {
        List<String> statuses = new ArrayList<>();
        answer.get("results").forEach(result -> statuses.add(result.get("status").asText()));
        return statuses;
    }

    private static double shared(MeterRegistry meters, String name, String outcome) {
        Counter counter = meters.find(name).tag("inbox", Topics.ORGANIZATION_INBOX).tag("outcome", outcome).counter();
        return counter == null ? 0 : counter.count();
    }

    /** The member's events in the store, in order, by their simple type name. */
    private static List<String> eventsOf(String member) {
        return jdbc().queryForList("SELECT payload_type FROM domain_event_entry WHERE aggregate_identifier = ?"
                        + " ORDER BY sequence_number", String.class, member).stream()
                .map(type -> type.substring(type.lastIndexOf('.') + 1)).toList();
    }

    /** A new branch, named {@code prefix} and a random suffix. */
    private static String branch(String prefix) {
        return ServiceUnderTest.json(service.send("POST", "/api/organizations", "{\"name\":\"" + prefix
                + UUID.randomUUID() + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}")).get("id").asText();
    }

    /** Enrols {@code member} into {@code branch} over HTTP (201 expected) and returns its id. */
    private static String enrolled(String branch, String member) {
        assertThat(service.send("POST", "/api/organizations/" + branch + "/members", "{\"id\":\"" + member
                + "\",\"field\":\"RURAL\",\"occupation\":\"NO_POST\",\"status\":\"REGULAR\"}").statusCode())
                .isEqualTo(201);
        return member;
    }

    private static JdbcTemplate jdbc() {
        return service.app().getBean(JdbcTemplate.class);
    }
}
