package org.jingzhun.organization;

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
import java.util.Base64;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The organization service on real embedded PostgreSQL and Kafka, started once per test JVM and
 * shared by the integration tests that only add data (each uses names of its own).
 */
public final class ServiceUnderTest {

    public static final String PASSWORD = "it-secret";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static ServiceUnderTest instance;

    private final EmbeddedInfrastructure infra;
    private final ConfigurableApplicationContext app;
    private final HttpClient http = HttpClient.newHttpClient();

    private ServiceUnderTest(EmbeddedInfrastructure infra, ConfigurableApplicationContext app) {
        this.infra = infra;
        this.app = app;
    }

    public static synchronized ServiceUnderTest get() {
        if (instance == null) {
            try {
                EmbeddedInfrastructure infra = EmbeddedInfrastructure.start(Files.createTempDirectory("jingzhun-org"));
                infra.postgres().createDatabaseIfMissing("organization");
                ConfigurableApplicationContext app = new SpringApplicationBuilder(OrganizationServiceApplication.class)
                        .properties("spring.config.name=" + OrganizationServiceApplication.CONFIG_NAME)
                        .run("--server.port=0",
                                "--spring.datasource.url=" + infra.postgres().jdbcUrl("organization"),
                                "--spring.datasource.username=" + infra.postgres().username(),
                                "--spring.datasource.password=",
                                "--spring.datasource.hikari.maximum-pool-size=20",
                                "--jingzhun.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                                "--jingzhun.admin.password=" + PASSWORD,
                                // Snapshots every other event: the tests also load aggregates from snapshots.
                                "--jingzhun.snapshots.threshold=2",
                                // A retry after a lost answer waits this long before running again.
                                "--jingzhun.web.idempotency-wait=1s");
                instance = new ServiceUnderTest(infra, app);
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    app.close();
                    infra.close();
                }));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return instance;
    }

    public EmbeddedInfrastructure infra() {
        return infra;
    }

    public ConfigurableApplicationContext app() {
        return app;
    }

    public int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    public HttpResponse<String> send(String method, String path, String body) {
        return sendAs(basic("admin", PASSWORD), method, path, body);
    }

    /** The {@code Authorization} header of HTTP Basic. */
    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** Creates an account as admin (201 expected) and returns {@code Authorization: Bearer …} for it. */
    public String account(String username, String role, String orgId) {
        String password = "pw-" + username + "-0123456789";
        HttpResponse<String> created = send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"" + password + "\",\"role\":\"" + role + "\""
                + (orgId == null ? "" : ",\"orgId\":\"" + orgId + "\"") + "}");
        if (created.statusCode() != 201) {
            throw new IllegalStateException("account " + username + ": " + created.statusCode() + " " + created.body());
        }
        return "Bearer " + json(token(username, password)).get("access_token").asText();
    }

    /** {@code POST /oauth2/token} with client credentials. */
    public HttpResponse<String> token(String username, String password) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/oauth2/token"))
                .header("Authorization", basic(username, password))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        return exchange(request);
    }

    /** Sends with the given {@code Authorization} header ({@code null}: none). */
    public HttpResponse<String> sendAs(String authorization, String method, String path, String body) {
        return sendAs(authorization, method, path, body, "application/json");
    }

    /** Posts a structured CloudEvent to the inbox with the given {@code Authorization} header. */
    public HttpResponse<String> sendCloudEvent(String authorization, String event) {
        return sendAs(authorization, "POST", "/api/inbox", event, "application/cloudevents+json");
    }

    /** Posts a batch of structured CloudEvents (a JSON array) to the inbox as the admin. */
    public HttpResponse<String> sendCloudEvents(String batch) {
        return sendCloudEvents(batch, null);
    }

    /** The same with an {@code Idempotency-Key} ({@code null}: none). */
    public HttpResponse<String> sendCloudEvents(String batch, String idempotencyKey) {
        return sendAs(basic("admin", PASSWORD), "POST", "/api/inbox", batch, "application/cloudevents-batch+json",
                idempotencyKey);
    }

    private HttpResponse<String> sendAs(String authorization, String method, String path, String body, String type) {
        return sendAs(authorization, method, path, body, type, null);
    }

    private HttpResponse<String> sendAs(String authorization, String method, String path, String body, String type,
                                        String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", type)
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return exchange(request.build());
    }

    private HttpResponse<String> exchange(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
