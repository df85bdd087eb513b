package org.jingzhun.rectification.inbox;

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
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.rectification.ServiceUnderTest;
import org.junit.jupiter.api.Test;

/**
 * An inspection system reports problems and their rectification through the rectification inbox, on
 * real PostgreSQL and Kafka: both accepted types recorded through the lifecycle rules, once per
 * (source, id) even when re-published after a restart.
 */
class RectificationInboxIntegrationTest {

    private static final ServiceUnderTest service = ServiceUnderTest.get();
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final URI INSPECTION = URI.create("/county/inspection-system");

    @Test
    void recordsLoggedAndRectifiedProblemsOnceEvenWhenRepublishedAfterARestart() {
        String campaign = service.campaign();
        String town = service.organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String problem = ServiceUnderTest.id("inspection");
        CloudEvent logged = event("jingzhun.rectification.ProblemLogged.v1", Map.of("id", problem, "orgId", town,
                "campaignId", campaign, "focusArea", "POVERTY_ALLEVIATION", "source", "INSPECTION_FEEDBACK",
                "description", "帮扶台账不完整", "owner", "支部书记", "deadline", "2099-10-31"));
        CloudEvent rectified = event("jingzhun.rectification.ProblemRectified.v1", Map.of("orgId", town,
                "problemId", problem, "evidence", "已补齐台账"));

        publish(town, logged, rectified);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(problem)).isEqualTo("RECTIFIED"));

        service.restart(() -> {
        });
        String marker = ServiceUnderTest.id("inspection");
        publish(town, logged, rectified, event("jingzhun.rectification.ProblemLogged.v1", Map.of("id", marker,
                "orgId", town, "campaignId", campaign, "focusArea", "POVERTY_ALLEVIATION", "source",
                "INSPECTION_FEEDBACK", "description", "走访记录缺失", "owner", "支部书记", "deadline", "2099-10-31")));
        // Same partition (one key), so the duplicates were handled before the marker.
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(status(marker)).isEqualTo("LOGGED"));

        JsonNode history = ServiceUnderTest.json(service.send("GET", "/api/problems/" + problem, null)).at("/history");
        assertThat(history).extracting(entry -> entry.at("/type").asText())
                .containsExactly("ProblemLogged", "ProblemRectified");
        assertThat(service.relayedTypes(problem, 2)).containsExactly("jingzhun.rectification.ProblemLogged.v1",
                "jingzhun.rectification.ProblemRectified.v1");
        assertThat(service.jdbc().sql("SELECT recorded_id FROM inbox_received WHERE ce_source = ? AND ce_id = ?")
                .params(INSPECTION.toString(), logged.getId()).query(String.class).single()).isEqualTo(problem);
    }

    @Test
    void refusesToRectifyAnotherOrganizationsProblemOrOneInTheWrongState() throws IOException {
        String campaign = service.campaign();
        String town = service.organization("兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String other = service.organization("红旗镇党委", Tier.SECTION, Sector.TOWNSHIP, null);
        String problem = ServiceUnderTest.id("inspection");
        HttpResponse<String> logged = structured(event("jingzhun.rectification.ProblemLogged.v1", Map.of("id", problem,
                "orgId", town, "campaignId", campaign, "focusArea", "POVERTY_ALLEVIATION", "source", "SUPERVISION",
                "description", "帮扶台账不完整", "owner", "支部书记", "deadline", "2099-10-31")));
        assertThat(logged.statusCode()).as(logged.body()).isEqualTo(202);

        HttpResponse<String> foreign = structured(event("jingzhun.rectification.ProblemRectified.v1",
                Map.of("orgId", other, "problemId", problem, "evidence", "已整改")));
        HttpResponse<String> first = structured(event("jingzhun.rectification.ProblemRectified.v1",
                Map.of("orgId", town, "problemId", problem, "evidence", "已整改")));
        HttpResponse<String> second = structured(event("jingzhun.rectification.ProblemRectified.v1",
                Map.of("orgId", town, "problemId", problem, "evidence", "再次整改")));

        assertThat(foreign.statusCode()).as(foreign.body()).isEqualTo(422);
        assertThat(JSON.readTree(foreign.body()).get("code").asText()).isEqualTo("inbox.problem-of-another-organization");
        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(second.statusCode()).as(second.body()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).get("code").asText()).isEqualTo("problem.illegal-transition");
        assertThat(status(problem)).isEqualTo("RECTIFIED");
    }

    private static String status(String problem) {
        HttpResponse<String> response = service.send("GET", "/api/problems/" + problem, null);
        return response.statusCode() == 200 ? ServiceUnderTest.json(response).at("/status").asText() : "none";
    }

    private static CloudEvent event(String type, Map<String, Object> data) {
        try {
            return CloudEventBuilder.v1().withId(UUID.randomUUID().toString()).withSource(INSPECTION).withType(type)
                    .withData("application/json", JSON.writeValueAsBytes(data)).build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void publish(String key, CloudEvent... events) {
        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                service.app().getEnvironment().getProperty("spring.kafka.bootstrap-servers"));
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            for (CloudEvent event : List.of(events)) {
                producer.send(KafkaMessageFactory.<String>createWriter(Topics.RECTIFICATION_INBOX, key)
                        .writeBinary(event)).get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> structured(CloudEvent event) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + "/api/inbox"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + ServiceUnderTest.PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(new JsonFormat().serialize(event))).build();
        try {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
