package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jingzhun.embedded.TestTopics.consumer;
import static org.jingzhun.embedded.TestTopics.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.audit.ChainVerifier;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

class OrganizationServiceIntegrationTest {

    private static final String PASSWORD = ServiceUnderTest.PASSWORD;
    private static EmbeddedInfrastructure infra;
    private static ConfigurableApplicationContext app;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static final ObjectMapper json = new ObjectMapper();

    @BeforeAll
    static void start() {
        ServiceUnderTest service = ServiceUnderTest.get();
        infra = service.infra();
        app = service.app();
    }

    private static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static HttpResponse<String> post(String path, String body, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static long storedEvents() {
        return app.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }

    @Test
    void publishesACommandsEventToKafkaWithCloudEventsHeaders() throws Exception {
        HttpResponse<String> created = post("/api/campaigns",
                "{\"name\":\"第二批主题教育\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", true);
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asText();
        assertThat(created.headers().firstValue("Location")).hasValue("/api/campaigns/" + id);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "organization-it")) {
            consumer.subscribe(List.of(Topics.ORGANIZATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().anyMatch(r -> id.equals(r.key()));
            });
        }
        ConsumerRecord<String, byte[]> record = records.stream().filter(r -> id.equals(r.key())).findFirst().orElseThrow();
        assertThat(header(record, "ce_specversion")).isEqualTo("1.0");
        assertThat(header(record, "ce_type")).isEqualTo("jingzhun.organization.CampaignLaunched.v1");
        assertThat(header(record, "ce_source")).isEqualTo("/jingzhun/organization-service");
        assertThat(header(record, "ce_subject")).isEqualTo(id);
        assertThat(header(record, "ce_id")).isNotBlank();
        assertThat(header(record, "ce_time")).endsWith("+08:00");
        assertThat(header(record, "jingzhun_sequence")).isEqualTo("0");
        assertThat(header(record, "jingzhun_actor")).isEqualTo("admin");
        assertThat(header(record, "content-type")).isEqualTo("application/json");
        JsonNode value = json.readTree(record.value());
        assertThat(value.get("campaignId").asText()).isEqualTo(id);
        assertThat(value.get("startsOn").asText()).isEqualTo("2019-09-01");
    }

    @Test
    void keepsAMembersDisplayNameOutOfThePublishedEvents() throws Exception {
        String branch = json.readTree(post("/api/organizations", "{\"name\":\"隐私支部-" + UUID.randomUUID()
                + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}", true).body()).get("id").asText();
        String name = "张三-" + UUID.randomUUID();
        HttpResponse<String> enrolled = post("/api/organizations/" + branch + "/members", "{\"field\":\"RURAL\","
                + "\"occupation\":\"NO_POST\",\"status\":\"REGULAR\",\"displayName\":\"" + name + "\"}", true);
        assertThat(enrolled.statusCode()).as(enrolled.body()).isEqualTo(201);
        String member = json.readTree(enrolled.body()).get("id").asText();

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "organization-it")) {
            consumer.subscribe(List.of(Topics.ORGANIZATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().anyMatch(r -> member.equals(r.key()));
            });
        }
        List<ConsumerRecord<String, byte[]>> ofMember = records.stream().filter(r -> member.equals(r.key())).toList();
        assertThat(ofMember).extracting(r -> header(r, "ce_type"))
                .containsExactly("jingzhun.organization.MemberEnrolled.v1");
        assertThat(records).noneSatisfy(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains(name));
        assertThat(json.readTree(get("/api/members/" + member, true).body()).toString()).contains(name);
    }

    @Test
    void chainsAMembersPublicEventsAcrossItsPrivateOneWithHashesAnyoneCanRecompute() throws Exception {
        String branch = json.readTree(post("/api/organizations", "{\"name\":\"链支部-" + UUID.randomUUID()
                + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}", true).body()).get("id").asText();
        String member = json.readTree(post("/api/organizations/" + branch + "/members", "{\"field\":\"RURAL\","
                + "\"occupation\":\"NO_POST\",\"status\":\"REGULAR\",\"displayName\":\"李四\"}", true).body())
                .get("id").asText();
        // A second command, so the chain continues from the stored events (MemberEnrolled, then the private
        // MemberNamed at sequence 1).
        await().atMost(Duration.ofSeconds(30)).until(() -> post("/api/members/" + member + "/leave", "", true)
                .statusCode() == 200);

        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "organization-it")) {
            consumer.subscribe(List.of(Topics.ORGANIZATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().filter(r -> member.equals(r.key())).count() == 2;
            });
        }
        List<ConsumerRecord<String, byte[]>> chain = records.stream().filter(r -> member.equals(r.key())).toList();
        assertThat(chain).extracting(r -> header(r, "jingzhun_sequence")).containsExactly("0", "2");
        assertThat(header(chain.get(0), EventHash.PREV_HASH)).isEqualTo(EventHash.GENESIS);
        assertThat(header(chain.get(1), EventHash.PREV_HASH)).isEqualTo(header(chain.get(0), EventHash.HASH));
        ChainVerifier verifier = new ChainVerifier(false);
        for (ConsumerRecord<String, byte[]> record : chain) {
            String recomputed = EventHash.of(header(record, EventHash.PREV_HASH), header(record, "ce_id"),
                    header(record, "ce_type"), header(record, "ce_subject"),
                    Long.parseLong(header(record, "jingzhun_sequence")),
                    OffsetDateTime.parse(header(record, "ce_time")).toInstant(),
                    new String(record.value(), StandardCharsets.UTF_8));
            assertThat(header(record, EventHash.HASH)).isEqualTo(recomputed);
            verifier.accept(new ChainVerifier.Link(header(record, "ce_id"), header(record, "ce_type"), member,
                    Long.parseLong(header(record, "jingzhun_sequence")),
                    OffsetDateTime.parse(header(record, "ce_time")).toInstant(),
                    new String(record.value(), StandardCharsets.UTF_8), header(record, EventHash.HASH),
                    header(record, EventHash.PREV_HASH)));
        }
        assertThat(verifier.broken()).isEmpty();
    }

    @Test
    void takesAnIdTheClientSuppliesAndRefusesItTwiceOrMalformed() throws Exception {
        String campaign = "campaign-2019-2nd-" + UUID.randomUUID();
        HttpResponse<String> launched = post("/api/campaigns", "{\"id\":\"" + campaign
                + "\",\"name\":\"第二批\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", true);
        assertThat(launched.statusCode()).as(launched.body()).isEqualTo(201);
        assertThat(launched.headers().firstValue("Location")).hasValue("/api/campaigns/" + campaign);
        assertThat(json.readTree(get("/api/campaigns/" + campaign, true).body()).get("name").asText()).isEqualTo("第二批");

        long before = storedEvents();
        HttpResponse<String> again = post("/api/campaigns", "{\"id\":\"" + campaign
                + "\",\"name\":\"又一批\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", true);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(409);
        String org = "org-xinglong-" + UUID.randomUUID();
        assertThat(post("/api/organizations", "{\"id\":\"" + org
                + "\",\"name\":\"兴隆镇党委-" + org + "\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\"}", true)
                .statusCode()).isEqualTo(201);
        before = storedEvents();
        assertThat(post("/api/organizations", "{\"id\":\"" + org
                + "\",\"name\":\"另一个-" + org + "\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\"}", true)
                .statusCode()).isEqualTo(409);
        HttpResponse<String> malformed = post("/api/organizations",
                "{\"id\":\"has spaces\",\"name\":\"某支部\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\"}", true);
        assertThat(malformed.statusCode()).isEqualTo(400);
        assertThat(json.readTree(malformed.body()).at("/errors/0/field").asText()).isEqualTo("id");
        assertThat(storedEvents()).as("nothing recorded by the refused commands").isEqualTo(before);
    }

    @Test
    void listsCampaignsPagedLatestStartFirst() throws Exception {
        String older = json.readTree(post("/api/campaigns",
                "{\"name\":\"第一批主题教育\",\"startsOn\":\"2019-06-01\",\"endsOn\":\"2019-08-31\"}", true).body())
                .get("id").asText();
        String newer = json.readTree(post("/api/campaigns",
                "{\"name\":\"第三批主题教育\",\"startsOn\":\"2099-09-01\",\"endsOn\":\"2099-11-30\"}", true).body())
                .get("id").asText();

        JsonNode first = json.readTree(get("/api/campaigns?size=1", true).body());
        assertThat(first.get("total").asLong()).isGreaterThanOrEqualTo(2);
        assertThat(first.at("/items/0/id").asText()).isEqualTo(newer);
        assertThat(first.at("/items/0/startsOn").asText()).isEqualTo("2099-09-01");
        JsonNode all = json.readTree(get("/api/campaigns?size=500", true).body());
        assertThat(all.get("items")).extracting(item -> item.get("id").asText()).contains(older, newer);

        HttpResponse<String> tooLarge = get("/api/campaigns?size=501", true);
        assertThat(tooLarge.statusCode()).isEqualTo(400);
        assertThat(tooLarge.body()).contains("size");
    }

    @Test
    void refusesAnUnknownEnumValueWithAProblemNamingTheFieldAndRecordsNothing() throws Exception {
        long before = storedEvents();
        HttpResponse<String> response = post("/api/organizations",
                "{\"name\":\"某支部\",\"tier\":\"PLATOON\",\"sector\":\"TOWNSHIP\"}", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.get("errors").get(0).get("field").asText()).isEqualTo("tier");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesAMissingFieldWithAProblemNamingIt() throws Exception {
        long before = storedEvents();
        HttpResponse<String> response = post("/api/organizations", "{\"name\":\"某支部\",\"tier\":\"BRANCH\"}", true);
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(json.readTree(response.body()).get("errors").get(0).get("field").asText()).isEqualTo("sector");
        assertThat(storedEvents()).isEqualTo(before);
    }

    @Test
    void refusesARequestWithoutCredentials() throws Exception {
        HttpResponse<String> response = post("/api/campaigns",
                "{\"name\":\"x\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", false);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @Test
    void answersARetriedIdempotentRequestWithTheFirstAnswerAndRecordsNothingNew() throws Exception {
        String body = "{\"name\":\"幂等\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}";
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + "/api/campaigns"))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", "k-" + System.nanoTime())
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .POST(HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> first = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        long after = storedEvents();
        HttpResponse<String> second = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        assertThat(first.statusCode()).isEqualTo(201);
        assertThat(second.statusCode()).isEqualTo(201);
        assertThat(second.body()).isEqualTo(first.body());
        assertThat(second.headers().firstValue("Location")).isEqualTo(first.headers().firstValue("Location"));
        assertThat(storedEvents()).isEqualTo(after);
    }

    /**
     * A crash between a command's commit and the keeping of its answer (what the fault suite's kill -9
     * found): the key is claimed, the events are stored, the answer is not. A retry must get the answer
     * the first attempt would have given (the same id, the same plan version) and record nothing.
     */
    @Test
    void rebuildsTheAnswerOfACommandWhoseAnswerWasLostAndRecordsNothingNew() throws Exception {
        String key = "lost-" + System.nanoTime();
        HttpResponse<String> campaign = keyed("POST", "/api/campaigns", key,
                "{\"name\":\"丢失的回答\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}");
        assertThat(campaign.statusCode()).as(campaign.body()).isEqualTo(201);
        String campaignId = json.readTree(campaign.body()).get("id").asText();
        String planKey = key + "-plan";
        String plan = "{}";
        HttpResponse<String> issued = keyed("PUT", "/api/campaigns/" + campaignId + "/plan", planKey, plan);
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        long stored = storedEvents();

        for (String lost : List.of(key, planKey)) {
            awaitAnswerKept(lost);
            assertThat(app.getBean(JdbcTemplate.class).update("""
                    UPDATE idempotency_record SET status = NULL, content_type = NULL, location = NULL, body = NULL
                    WHERE idempotency_key = ?""", lost)).isEqualTo(1);
        }
        HttpResponse<String> campaignAgain = keyed("POST", "/api/campaigns", key,
                "{\"name\":\"丢失的回答\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}");
        HttpResponse<String> issuedAgain = keyed("PUT", "/api/campaigns/" + campaignId + "/plan", planKey, plan);

        assertThat(campaignAgain.statusCode()).as(campaignAgain.body()).isEqualTo(201);
        assertThat(campaignAgain.body()).isEqualTo(campaign.body());
        assertThat(campaignAgain.headers().firstValue("Location")).isEqualTo(campaign.headers().firstValue("Location"));
        assertThat(issuedAgain.statusCode()).as(issuedAgain.body()).isEqualTo(200);
        assertThat(json.readTree(issuedAgain.body()).get("version")).isEqualTo(json.readTree(issued.body()).get("version"));
        assertThat(storedEvents()).isEqualTo(stored);
        // The rebuilt answers are kept: the next retry replays them at once.
        HttpResponse<String> third = keyed("POST", "/api/campaigns", key,
                "{\"name\":\"丢失的回答\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}");
        assertThat(third.headers().firstValue("Idempotency-Replayed")).hasValue("true");
        assertThat(third.body()).isEqualTo(campaign.body());
    }

    /** A key claimed before command results were kept (or by the inbox) cannot be rebuilt: 409, nothing recorded. */
    @Test
    void answersAKeyWhoseCommandsKeptNoResults409AndRecordsNothing() throws Exception {
        String key = "legacy-" + System.nanoTime();
        String body = "{\"name\":\"旧的钥匙\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}";
        assertThat(keyed("POST", "/api/campaigns", key, body).statusCode()).isEqualTo(201);
        long stored = storedEvents();
        awaitAnswerKept(key);
        app.getBean(JdbcTemplate.class).update("""
                UPDATE idempotency_record SET status = NULL, body = NULL, command_results = '[]'
                WHERE idempotency_key = ?""", key);

        HttpResponse<String> retry = keyed("POST", "/api/campaigns", key, body);

        assertThat(retry.statusCode()).as(retry.body()).isEqualTo(409);
        assertThat(retry.body()).contains("idempotency-key-in-use");
        assertThat(storedEvents()).isEqualTo(stored);
    }

    /** The answer is written behind the request (IdempotencyAnswers): a test that loses it waits until it is there. */
    private static void awaitAnswerKept(String key) {
        await().atMost(Duration.ofSeconds(10)).until(() -> app.getBean(JdbcTemplate.class).queryForObject(
                "SELECT count(*) FROM idempotency_record WHERE idempotency_key = ? AND status IS NOT NULL",
                Long.class, key) == 1);
    }

    private static HttpResponse<String> keyed(String method, String path, String key, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", "application/json")
                .header("Idempotency-Key", key)
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void exposesHealthOpenlyAndMetricsAndApiDocsToAuthenticatedUsers() throws Exception {
        assertThat(get("/actuator/health", false).statusCode()).isEqualTo(200);
        assertThat(get("/actuator/prometheus", false).statusCode()).isEqualTo(401);
        HttpResponse<String> metrics = get("/actuator/prometheus", true);
        assertThat(metrics.statusCode()).isEqualTo(200);
        assertThat(metrics.body()).contains("jingzhun_relay_sent_total", "jingzhun_relay_failures_total");
        HttpResponse<String> docs = get("/v3/api-docs", true);
        assertThat(docs.statusCode()).isEqualTo(200);
        assertThat(docs.body()).contains("/api/campaigns", "/api/organizations");
        assertThat(get("/actuator/env", true).statusCode()).isEqualTo(404);
    }

    private static HttpResponse<String> get(String path, boolean authenticated) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path)).GET();
        if (authenticated) {
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
