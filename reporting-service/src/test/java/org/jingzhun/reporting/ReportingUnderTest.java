package org.jingzhun.reporting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.FreePorts;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The reporting service as deployed, for integration tests: a real PostgreSQL and a real Kafka broker
 * (embedded), the topics created with leaders before anything is produced (KAFKA-15591, as in
 * production), the service on a free port, and a producer writing records in the contract's wire format.
 */
public final class ReportingUnderTest implements AutoCloseable {

    /** The live projector's name: its stored offsets tell what is projected. */
    public static final String PROJECTOR = "reporting-live";
    public static final String PASSWORD = "integration-secret";
    public static final int PARTITIONS = 3;
    public static final Duration BOUND = Duration.ofSeconds(30);

    private final EmbeddedInfrastructure infrastructure;
    private final JdbcClient database;
    private final KafkaProducer<String, byte[]> producer;
    private final List<String> arguments;
    private final HttpClient http = HttpClient.newHttpClient();
    private ConfigurableApplicationContext app;

    private ReportingUnderTest(Path dataDirectory, String... extraArguments) {
        infrastructure = EmbeddedInfrastructure.start(dataDirectory);
        infrastructure.postgres().createDatabaseIfMissing("reporting");
        database = JdbcClient.create(infrastructure.postgres().dataSource("reporting"));
        List<String> topics = new ArrayList<>(Topics.ALL);
        Topics.ALL.forEach(topic -> topics.add(Topics.deadLetter(topic)));
        new TopicProvisioner(new KafkaSettings(bootstrapServers(), PARTITIONS, (short) 1, BOUND)).ensureTopics(topics);
        producer = new KafkaProducer<>(producerProperties());
        arguments = new ArrayList<>(List.of(
                "--server.port=0",
                "--spring.main.banner-mode=off",
                "--spring.datasource.url=" + infrastructure.postgres().jdbcUrl("reporting"),
                "--spring.datasource.username=" + infrastructure.postgres().username(),
                "--spring.datasource.password=",
                "--jingzhun.kafka.bootstrap-servers=" + bootstrapServers(),
                "--jingzhun.kafka.partitions=" + PARTITIONS,
                "--jingzhun.admin.password=" + PASSWORD));
        // The services the dashboard forwards to (ledgers, logins) at a port nothing listens on, unless a test names
        // its own: their defaults (localhost:8083, :8081) would reach a developer's running suite instead.
        for (String upstream : List.of("--jingzhun.dashboard.rectification-url=", "--jingzhun.dashboard.organization-url=")) {
            if (Arrays.stream(extraArguments).noneMatch(argument -> argument.startsWith(upstream))) {
                arguments.add(upstream + "http://127.0.0.1:" + FreePorts.orFree(0));
            }
        }
        arguments.addAll(List.of(extraArguments));
        app = ReportingServiceApplication.application().run(arguments.toArray(String[]::new));
    }

    /** Starts the infrastructure under {@code dataDirectory} and the service with the extra arguments. */
    public static ReportingUnderTest start(Path dataDirectory, String... extraArguments) {
        return new ReportingUnderTest(dataDirectory, extraArguments);
    }

    /** Stops the service only, leaving its database and topics (see {@link #startService()}). */
    public void stopService() {
        app.close();
    }

    /** Starts the service again with the same arguments, on the same database and topics. */
    public void startService() {
        app = ReportingServiceApplication.application().run(arguments.toArray(String[]::new));
    }

    public ConfigurableApplicationContext app() {
        return app;
    }

    /** The service's database through a connection of its own. */
    public JdbcClient database() {
        return database;
    }

    public String bootstrapServers() {
        return infrastructure.kafka().bootstrapServers();
    }

    public int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port() + path);
    }

    /** The {@code Authorization} header of the admin. */
    public static String basic() {
        return "Basic " + Base64.getEncoder().encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    }

    /** Sends a record and waits for the broker's acknowledgement. */
    public RecordMetadata send(ProducerRecord<String, byte[]> record) {
        try {
            return producer.send(record).get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce to " + record.topic(), e);
        }
    }

    /** Sends records without waiting for each acknowledgement in turn, then waits for them all. */
    public List<RecordMetadata> sendAll(List<ProducerRecord<String, byte[]>> records) {
        List<Future<RecordMetadata>> acks = new ArrayList<>();
        records.forEach(record -> acks.add(producer.send(record)));
        List<RecordMetadata> sent = new ArrayList<>();
        try {
            for (Future<RecordMetadata> ack : acks) {
                sent.add(ack.get(30, TimeUnit.SECONDS));
            }
        } catch (Exception e) {
            throw new IllegalStateException("Cannot produce " + records.size() + " records", e);
        }
        return sent;
    }

    /** Waits until the live projector has stored an offset past each record, i.e. committed it. */
    public void awaitProjected(RecordMetadata... records) {
        await().atMost(BOUND).untilAsserted(() -> {
            for (RecordMetadata record : records) {
                assertThat(database.sql("""
                                SELECT next_offset FROM projector_offset
                                WHERE projector = ? AND topic = ? AND partition_no = ?""")
                        .params(PROJECTOR, record.topic(), record.partition())
                        .query(Long.class).optional().orElse(0L)).isGreaterThan(record.offset());
            }
        });
    }

    /** A request as the admin; {@code accept} may be null. */
    public HttpResponse<String> request(String method, String path, String accept) {
        return request(method, path, accept, basic(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the given {@code Authorization} header; {@code accept} may be null. */
    public HttpResponse<String> request(String method, String path, String accept, String authorization) {
        return request(method, path, accept, authorization, HttpResponse.BodyHandlers.ofString());
    }

    /** A request as the admin, its body read by {@code body} (e.g. bytes); {@code accept} may be null. */
    public <T> HttpResponse<T> request(String method, String path, String accept, HttpResponse.BodyHandler<T> body) {
        return request(method, path, accept, basic(), body);
    }

    /** A request with the given {@code Authorization} header, its body read by {@code body}. */
    public <T> HttpResponse<T> request(String method, String path, String accept, String authorization,
                                       HttpResponse.BodyHandler<T> body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .method(method, HttpRequest.BodyPublishers.noBody())
                .header("Authorization", authorization)
                .timeout(Duration.ofSeconds(30));
        if (accept != null) {
            request.header("Accept", accept);
        }
        try {
            return http.send(request.build(), body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The service first, then the servers it uses. */
    @Override
    public void close() {
        if (app != null) {
            app.close();
        }
        producer.close();
        infrastructure.close();
    }

    private Properties producerProperties() {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }
}
