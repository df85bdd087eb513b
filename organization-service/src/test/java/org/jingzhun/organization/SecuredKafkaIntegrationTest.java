package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
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

/**
 * A Kafka listener that requires SASL, as a secured cluster has: the service provisions its topic and
 * relays its events with nothing but Spring Boot's {@code spring.kafka.*} settings.
 */
class SecuredKafkaIntegrationTest {

    private static final String PASSWORD = "it-secret";
    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"organization-service\" password=\"kafka-secret\";";

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
    void relaysEventsToAKafkaThatRequiresSaslByConfigurationAlone() throws Exception {
        Path dir = Files.createTempDirectory("jingzhun-sasl-it");
        postgres = EmbeddedPostgresServer.start(dir.resolve("postgres"), 0);
        postgres.createDatabaseIfMissing("organization");
        kafka = EmbeddedKafkaBroker.start(dir.resolve("kafka"), 0, 0, Map.of("organization-service", "kafka-secret"));
        String bootstrap = kafka.bootstrapServers();

        try (Admin anonymous = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 3000, AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 2000))) {
            assertThatThrownBy(() -> anonymous.listTopics().names().get(5, TimeUnit.SECONDS))
                    .as("the listener refuses clients that do not authenticate").isNotNull();
        }

        app = new SpringApplicationBuilder(OrganizationServiceApplication.class)
                .properties("spring.config.name=" + OrganizationServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + postgres.jdbcUrl("organization"),
                        "--spring.datasource.username=" + postgres.username(),
                        "--spring.datasource.password=",
                        "--spring.kafka.bootstrap-servers=" + bootstrap,
                        "--spring.kafka.security.protocol=SASL_PLAINTEXT",
                        "--spring.kafka.properties.sasl.mechanism=PLAIN",
                        "--spring.kafka.properties.sasl.jaas.config=" + JAAS,
                        "--jingzhun.admin.password=" + PASSWORD);

        String campaign = launch("over SASL");
        await().atMost(Duration.ofSeconds(60)).until(() -> keysOnTopic(bootstrap).contains(campaign));
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
        Map<String, Object> props = new HashMap<>();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        props.put("security.protocol", "SASL_PLAINTEXT");
        props.put("sasl.mechanism", "PLAIN");
        props.put("sasl.jaas.config", JAAS);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        props.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5000);
        Set<String> keys = new HashSet<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            List<TopicPartition> partitions = consumer.partitionsFor(Topics.ORGANIZATION_EVENTS).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.currentTimeMillis() + 5000;
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))
                    && System.currentTimeMillis() < deadline) {
                consumer.poll(Duration.ofMillis(200)).forEach(r -> keys.add(r.key()));
            }
        }
        return keys;
    }
}
