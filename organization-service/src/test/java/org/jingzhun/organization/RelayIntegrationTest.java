package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.embedded.EmbeddedKafkaBroker;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/** The event store is the outbox: what is stored while Kafka is down reaches Kafka once it is back. */
class RelayIntegrationTest {

    private static final String PASSWORD = "relay-secret";
    private final HttpClient http = HttpClient.newHttpClient();
    private EmbeddedPostgresServer postgres;
    private EmbeddedKafkaBroker kafka;
    private ConfigurableApplicationContext app;

    @AfterEach
    void stop() {
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
    void eventsStoredWhileKafkaIsDownReachKafkaOnceItIsBack() throws Exception {
        Path dir = Files.createTempDirectory("jingzhun-relay-it");
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        postgres.createDatabaseIfMissing("organization");
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0);
        int kafkaPort = kafka.port();
        int controllerPort = kafka.controllerPort();
        String bootstrap = kafka.bootstrapServers();
        app = new SpringApplicationBuilder(OrganizationServiceApplication.class)
                .properties("spring.config.name=" + OrganizationServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + postgres.jdbcUrl("organization"),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=",
                        "--jingzhun.kafka.bootstrap-servers=" + bootstrap,
                        "--jingzhun.admin.password=" + PASSWORD);

        String before = launch("before the outage");
        await().atMost(Duration.ofSeconds(30)).until(() -> keysOnTopic(bootstrap).contains(before));

        kafka.close();
        kafka = null;
        String during1 = launch("during the outage 1");
        String during2 = launch("during the outage 2");

        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), kafkaPort, controllerPort);
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofSeconds(1))
                .until(() -> keysOnTopic(bootstrap).containsAll(List.of(before, during1, during2)));
    }

    private String launch(String name) throws Exception {
        int port = ((WebServerApplicationContext) app).getWebServer().getPort();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/campaigns"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"name\":\"" + name + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return new ObjectMapper().readTree(response.body()).get("id").asText();
    }

    private static Set<String> keysOnTopic(String bootstrap) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            var partitions = consumer.partitionsFor(Topics.ORGANIZATION_EVENTS).stream()
                    .map(p -> new org.apache.kafka.common.TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            var end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 5000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        } catch (RuntimeException e) {
            // Kafka not reachable yet: Awaitility asks again.
        }
        return keys;
    }
}
