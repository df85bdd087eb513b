package org.jingzhun.organization.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.cloudevents.CloudEvent;
import io.cloudevents.core.builder.CloudEventBuilder;
import io.cloudevents.jackson.JsonFormat;
import io.cloudevents.kafka.KafkaMessageFactory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
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

/** A study platform enrols members through the organization inbox, on real PostgreSQL and Kafka. */
class OrganizationInboxIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void enrolsAMemberFromKafkaOnceAndAnswersTheSameEventOverHttpDuplicate() throws Exception {
        String branch = ServiceUnderTest.json(service.send("POST", "/api/organizations", "{\"name\":\"收件支部-"
                + UUID.randomUUID() + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}")).get("id").asText();
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
}
