package org.jingzhun.organization.campaign;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jingzhun.embedded.TestTopics.consumer;
import static org.jingzhun.embedded.TestTopics.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jingzhun.contracts.Topics;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** The guidance plan over HTTP, against real PostgreSQL and Kafka. */
class GuidancePlanIntegrationTest {

    private static final String PASSWORD = ServiceUnderTest.PASSWORD;
    private static final String PERIOD = "\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"";
    private static final int DEFAULT_ENTRIES =
            SourceDocumentPlan.forPeriod(LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)).requirements().size();
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

    @Test
    void servesTheSourceDocumentPlanAsVersionOneOfANewCampaign() throws Exception {
        String id = launch();
        HttpResponse<String> response = send("GET", "/api/campaigns/" + id + "/plan", null);
        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode issued = json.readTree(response.body());
        assertThat(issued.get("version").asInt()).isEqualTo(1);
        assertThat(issued.get("issuedBy").asText()).isEqualTo("admin");
        assertThat(issued.get("issuedAt").asText()).endsWith("+08:00");

        JsonNode county = entry(issued.get("plan"), "COUNTY", null);
        assertThat(county.at("/study/consecutive")).hasSize(1);
        assertThat(county.at("/study/consecutive/0/month").asText()).isEqualTo("2019-09");
        assertThat(county.at("/study/consecutive/0/days").asInt()).isEqualTo(5);
        assertThat(county.at("/research/0/kinds/0").asText()).isEqualTo("RESEARCH_REPORT");
        JsonNode section = entry(issued.get("plan"), "SECTION", null);
        assertThat(section.at("/study/totalDays").asInt()).isEqualTo(6);
        assertThat(section.at("/study/perMonthDays").asInt()).isEqualTo(2);
        assertThat(section.at("/specialRectification/minimum").asInt()).isEqualTo(1);
        assertThat(section.at("/specialRectification/maximum").asInt()).isEqualTo(2);

        JsonNode township = json.readTree(send("GET",
                "/api/campaigns/" + id + "/plan/requirements?tier=SECTION&sector=TOWNSHIP", null).body());
        assertThat(township.at("/study/totalDays").asInt()).isEqualTo(6);
        assertThat(township.at("/study/perMonthDays").asInt()).isEqualTo(2);
        assertThat(township.get("readings").toString()).contains("《中国共产党农村工作条例》");
        assertThat(township.get("focusAreas").toString()).contains("POVERTY_ALLEVIATION", "SOCIAL_GOVERNANCE");
    }

    @Test
    void issuesANewVersionOnPutAndKeepsEveryVersion() throws Exception {
        String id = launch();
        ObjectNode plan = (ObjectNode) json.readTree(send("GET", "/api/campaigns/" + id + "/plan", null).body()).get("plan");
        ((ObjectNode) entry(plan, "SECTION", null).get("study")).put("perMonthDays", 3);

        HttpResponse<String> put = send("PUT", "/api/campaigns/" + id + "/plan", plan.toString());
        assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
        assertThat(json.readTree(put.body()).get("version").asInt()).isEqualTo(2);
        assertThat(put.headers().firstValue("Content-Location")).hasValue("/api/campaigns/" + id + "/plan?version=2");

        JsonNode latest = json.readTree(send("GET", "/api/campaigns/" + id + "/plan", null).body());
        assertThat(latest.get("version").asInt()).isEqualTo(2);
        assertThat(entry(latest.get("plan"), "SECTION", null).at("/study/perMonthDays").asInt()).isEqualTo(3);
        assertThat(latest.get("plan")).isEqualTo(plan);
        JsonNode first = json.readTree(send("GET", "/api/campaigns/" + id + "/plan?version=1", null).body());
        assertThat(entry(first.get("plan"), "SECTION", null).at("/study/perMonthDays").asInt()).isEqualTo(2);
        JsonNode versions = json.readTree(send("GET", "/api/campaigns/" + id + "/plan/versions", null).body());
        assertThat(versions.get("versions")).extracting(v -> v.get("version").asInt()).containsExactly(1, 2);
        assertThat(send("GET", "/api/campaigns/" + id + "/plan?version=3", null).statusCode()).isEqualTo(404);
    }

    @Test
    void publishesEachVersionOnTheOrganizationTopic() throws Exception {
        String id = launch();
        List<ConsumerRecord<String, byte[]>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "plan-it")) {
            consumer.subscribe(List.of(Topics.ORGANIZATION_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
                return records.stream().filter(r -> id.equals(r.key())).count() == 2;
            });
        }
        ConsumerRecord<String, byte[]> issued = records.stream().filter(r -> id.equals(r.key())).toList().get(1);
        assertThat(header(issued, "ce_type")).isEqualTo("jingzhun.organization.GuidancePlanIssued.v1");
        assertThat(header(issued, "jingzhun_sequence")).isEqualTo("1");
        JsonNode value = json.readTree(issued.value());
        assertThat(value.get("version").asInt()).isEqualTo(1);
        assertThat(value.get("startsOn").asText()).isEqualTo("2019-09-01");
        assertThat(value.at("/plan/requirements")).hasSizeGreaterThan(3);
    }

    @Test
    void refusesAnInvalidPlanWithAProblemNamingTheFieldAndRecordsNothing() throws Exception {
        String id = launch();
        refuses(id, plan -> ((ObjectNode) entry(plan, "SECTION", null).get("study")).put("perMonthDays", -1),
                "requirements[1].study.perMonthDays", "plan.negative-number");
        refuses(id, plan -> ((ObjectNode) entry(plan, "COUNTY", null).at("/study/consecutive/0")).put("month", "2020-09"),
                "requirements[0].study.consecutive[0].month", "plan.month-outside-campaign");
        refuses(id, plan -> ((ObjectNode) entry(plan, "COUNTY", null).at("/study/consecutive/0")).put("days", 31),
                "requirements[0].study.consecutive[0].days", "plan.too-many-days");
        refuses(id, plan -> ((ObjectNode) entry(plan, "SECTION", null)).putObject("specialRectification")
                        .put("minimum", 3).put("maximum", 2),
                "requirements[1].specialRectification.minimum", "plan.min-above-max");
        refuses(id, plan -> ((ArrayNode) plan.get("requirements")).add(entry(plan, "BRANCH", "VILLAGE").deepCopy()),
                "requirements[" + DEFAULT_ENTRIES + "]", "plan.duplicate-entry");
        refuses(id, plan -> ((ObjectNode) plan.get("requirements").get(0)).put("tier", "PLATOON"),
                "requirements[0].tier", "invalid-request");
        refuses(id, plan -> ((ObjectNode) plan.get("requirements").get(3)).put("sector", "ARMY"),
                "requirements[3].sector", "invalid-request");
        refuses(id, plan -> ((ObjectNode) entry(plan, "BRANCH", null).at("/checklist/0")).put("item", "ELEVENTH_ONE"),
                "requirements[2].checklist[0].item", "invalid-request");
        refuses(id, plan -> ((ArrayNode) entry(plan, "SECTION", "TOWNSHIP").get("focusAreas")).add("WEATHER"),
                "requirements[3].focusAreas[4]", "invalid-request");
        refuses(id, plan -> ((ObjectNode) entry(plan, "SECTION", null).get("study")).put("perMonth", 2),
                "requirements[1].study.perMonth", "invalid-request");
        assertThat(json.readTree(send("GET", "/api/campaigns/" + id + "/plan", null).body()).get("version").asInt())
                .isEqualTo(1);
    }

    @Test
    void launchesWithThePlanOfItsRequestAndRefusesAnInvalidOne() throws Exception {
        String plan = "{\"requirements\":[{\"tier\":\"SECTION\",\"study\":{\"totalDays\":8,\"perMonthDays\":-3}}]}";
        long before = storedEvents();
        HttpResponse<String> refused = send("POST", "/api/campaigns",
                "{\"name\":\"自定方案\"," + PERIOD + ",\"plan\":" + plan + "}");
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(json.readTree(refused.body()).at("/errors/0/field").asText())
                .isEqualTo("plan.requirements[0].study.perMonthDays");
        assertThat(storedEvents()).isEqualTo(before);

        HttpResponse<String> created = send("POST", "/api/campaigns",
                "{\"name\":\"自定方案\"," + PERIOD + ",\"plan\":" + plan.replace("-3", "3") + "}");
        assertThat(created.statusCode()).isEqualTo(201);
        String id = json.readTree(created.body()).get("id").asText();
        JsonNode issued = json.readTree(send("GET", "/api/campaigns/" + id + "/plan", null).body());
        assertThat(issued.get("version").asInt()).isEqualTo(1);
        assertThat(issued.at("/plan/requirements")).hasSize(1);
        assertThat(issued.at("/plan/requirements/0/study/totalDays").asInt()).isEqualTo(8);
    }

    @Test
    void answersNotFoundForAnUnknownCampaign() throws Exception {
        String unknown = "/api/campaigns/" + UUID.randomUUID() + "/plan";
        assertThat(send("GET", unknown, null).statusCode()).isEqualTo(404);
        assertThat(send("GET", unknown + "/versions", null).statusCode()).isEqualTo(404);
        long before = storedEvents();
        HttpResponse<String> put = send("PUT", unknown, "{\"requirements\":[]}");
        assertThat(put.statusCode()).isEqualTo(404);
        assertThat(put.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(storedEvents()).isEqualTo(before);
    }

    private static void refuses(String id, Consumer<ObjectNode> change, String field, String code) throws Exception {
        ObjectNode plan = (ObjectNode) json.readTree(send("GET", "/api/campaigns/" + id + "/plan", null).body()).get("plan");
        change.accept(plan);
        long before = storedEvents();
        HttpResponse<String> response = send("PUT", "/api/campaigns/" + id + "/plan", plan.toString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json.readTree(response.body());
        assertThat(problem.at("/errors/0/field").asText()).as(response.body()).isEqualTo(field);
        assertThat(problem.get("code").asText()).isEqualTo(code);
        assertThat(storedEvents()).isEqualTo(before);
    }

    /** The entry of a tier (and sector, or the tier-wide one) in a plan's JSON. */
    private static JsonNode entry(JsonNode plan, String tier, String sector) {
        for (JsonNode entry : plan.get("requirements")) {
            JsonNode entrySector = entry.get("sector");
            boolean sameSector = sector == null ? entrySector == null || entrySector.isNull()
                    : entrySector != null && sector.equals(entrySector.asText());
            if (tier.equals(entry.get("tier").asText()) && sameSector) {
                return entry;
            }
        }
        throw new AssertionError("no entry " + tier + "/" + sector + " in " + plan);
    }

    private static String launch() throws Exception {
        HttpResponse<String> created = send("POST", "/api/campaigns", "{\"name\":\"第二批主题教育\"," + PERIOD + "}");
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        return json.readTree(created.body()).get("id").asText();
    }

    private static HttpResponse<String> send(String method, String path, String body) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port() + path))
                .header("Content-Type", "application/json")
                .header("Authorization", "Basic " + Base64.getEncoder()
                        .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body))
                .build();
        return http.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private static int port() {
        return ((WebServerApplicationContext) app).getWebServer().getPort();
    }

    private static long storedEvents() {
        return app.getBean(JdbcTemplate.class).queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
