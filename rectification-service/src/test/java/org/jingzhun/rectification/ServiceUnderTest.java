package org.jingzhun.rectification;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.TestHttp;
import org.jingzhun.embedded.TestTokenIssuer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The rectification service on real embedded PostgreSQL and Kafka, started once per test JVM and
 * shared by the integration tests (each uses ids of its own). Organizations and campaigns reach it as
 * the organization service would send them: records of the contract's wire format on
 * {@code jingzhun.organization.events}. It can be stopped and started again on the same data.
 */
public final class ServiceUnderTest {

    public static final String PASSWORD = "it-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper EVENTS = EventJson.newMapper();
    private static ServiceUnderTest instance;

    private final EmbeddedInfrastructure infra;
    private final KafkaProducer<String, byte[]> producer;
    private final HttpClient http = HttpClient.newHttpClient();
    /** Signs bearer tokens as the organization service would; the service fetches its keys over HTTP. */
    private final TestTokenIssuer issuer = TestTokenIssuer.start();
    private volatile ConfigurableApplicationContext app;

    private ServiceUnderTest(EmbeddedInfrastructure infra) {
        this.infra = infra;
        // Topics exist, with leaders, before anything is produced (KAFKA-15591, see ARCHITECTURE.md).
        new TopicProvisioner(new KafkaSettings(infra.kafka().bootstrapServers(), 3, (short) 1, Duration.ofSeconds(30)))
                .ensureTopics(List.of(Topics.ORGANIZATION_EVENTS, Topics.RECTIFICATION_EVENTS));
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        this.producer = new KafkaProducer<>(props);
        this.app = startApp();
    }

    public static synchronized ServiceUnderTest get() {
        if (instance == null) {
            try {
                EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(Files.createTempDirectory("jingzhun-rect"));
                infra.postgres().createDatabaseIfMissing("rectification");
                instance = new ServiceUnderTest(infra);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    instance.producer.close();
                    instance.app.close();
                    infra.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    private ConfigurableApplicationContext startApp() {
        return new SpringApplicationBuilder(RectificationServiceApplication.class)
                .properties("spring.config.name=" + RectificationServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + infra.postgres().jdbcUrl("rectification"),
                        "--spring.datasource.username=" + infra.postgres().username(),
                        "--spring.datasource.password=",
                        "--jingzhun.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                        "--jingzhun.kafka.partitions=3",
                        "--jingzhun.admin.password=" + PASSWORD,
                        // Snapshots every other event: the tests also load aggregates from snapshots.
                        "--jingzhun.snapshots.threshold=2",
                        // Long enough for the replica to catch up on a busy 2-core machine (2 s was not,
                        // with two builds beside it), short enough to keep the refusal tests quick.
                        "--jingzhun.registry.await-timeout=6s",
                        "--jingzhun.deadlines.polling-interval=500ms",
                        "--logging.level.org.apache.kafka=WARN",
                        issuer.serviceArguments()[0], issuer.serviceArguments()[1]);
    }

    public TestTokenIssuer issuer() {
        return issuer;
    }

    /** Sends with the given {@code Authorization} header ({@code null}: none). */
    public HttpResponse<String> sendAs(String authorization, String method, String path, String body) {
        return sendAs(authorization, method, path, body, "application/json");
    }

    /** Posts a structured CloudEvent to the inbox with the given {@code Authorization} header. */
    public HttpResponse<String> sendCloudEvent(String authorization, String event) {
        return sendAs(authorization, "POST", "/api/inbox", event, "application/cloudevents+json");
    }

    private HttpResponse<String> sendAs(String authorization, String method, String path, String body, String type) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", type)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        return TestHttp.send(http, request, authorization);
    }

    /** The {@code Authorization} header of the bootstrap admin. */
    public static String admin() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Stops the service, runs {@code whileDown}, and starts it again on the same database and topics. */
    public synchronized void restart(Runnable whileDown) {
        app.close();
        try {
            whileDown.run();
        } finally {
            // Up again even when a check made while it was down failed, so later tests still have a service.
            app = startApp();
        }
    }

    public ConfigurableApplicationContext app() {
        return app;
    }

    public JdbcClient jdbc() {
        return app.getBean(JdbcClient.class);
    }

    /** The service's database through a connection of its own: readable while the service is down. */
    public JdbcClient database() {
        return JdbcClient.create(infra.postgres().dataSource("rectification"));
    }

    public int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    /** A fresh id with a readable prefix, so that tests sharing the service never meet. */
    public static String id(String prefix) {
        return prefix + "-" + UUID.randomUUID();
    }

    /** Registers an organization as the organization service would announce it; returns its id. */
    public String organization(String name, Tier tier, Sector sector, String parentId) {
        String id = id("org");
        publish(id, 0, new OrganizationRegistered(id, name, tier, sector, parentId));
        return id;
    }

    public void dissolve(String organizationId, String name) {
        publish(organizationId, 1, new OrganizationDissolved(organizationId, name));
    }

    /** Launches a campaign as the organization service would announce it; returns its id. */
    public String campaign() {
        String id = id("campaign");
        publish(id, 0, new CampaignLaunched(id, "第二批主题教育", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)));
        return id;
    }

    /** One record of the wire format of CONTRACT.md on the event's topic, acknowledged. */
    public void publish(String aggregateId, long sequence, Object event) {
        EventType type = EventCatalog.byClass(event.getClass()).orElseThrow();
        byte[] value;
        try {
            value = EVENTS.writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(type.topic(), aggregateId, value);
        Headers headers = record.headers();
        header(headers, "ce_specversion", "1.0");
        header(headers, "ce_id", UUID.randomUUID().toString());
        header(headers, "ce_source", "/jingzhun/organization-service");
        header(headers, "ce_type", type.cloudEventType());
        header(headers, "ce_time", OffsetDateTime.now().toString());
        header(headers, "ce_subject", aggregateId);
        header(headers, "content-type", "application/json");
        header(headers, "jingzhun_sequence", Long.toString(sequence));
        header(headers, "jingzhun_actor", "integration-test");
        try {
            producer.send(record).get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Kafka did not take " + type.name(), e);
        }
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The CloudEvents types of the records the service relayed for one aggregate, in partition order,
     * read from the beginning of {@code jingzhun.rectification.events} until {@code expected} are there.
     */
    public List<String> relayedTypes(String aggregateId, int expected) {
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infra.kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, id("relay-check"));
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        List<String> types = new java.util.ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.RECTIFICATION_EVENTS));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (types.size() < expected && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (aggregateId.equals(record.key())) {
                        types.add(new String(record.headers().lastHeader("ce_type").value(), StandardCharsets.UTF_8));
                    }
                }
            }
        }
        return types;
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return send(method, path, body, "application/json");
    }

    public HttpResponse<String> send(String method, String path, String body, String accept) {
        HttpRequest request = request(method, path, body, accept);
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public HttpResponse<byte[]> bytes(String path, String accept) {
        try {
            return http.send(request("GET", path, null, accept), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path, String body, String accept) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/json")
                .header("Accept", accept)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                .build();
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
