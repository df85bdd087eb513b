package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.jingzhun.platform.StopWhenInputEnds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The whole suite as a user starts it: embedded PostgreSQL and Kafka, the four services in their own
 * JVMs. Commands over HTTP reach the county totals; a restart on the same data directory keeps them.
 */
class SuiteIntegrationTest {

    private static final ObjectMapper json = new ObjectMapper();
    private final HttpClient http = HttpClient.newHttpClient();
    private Suite suite;
    private PrintStream log;

    @AfterEach
    void stop() {
        if (suite != null) {
            suite.close();
        }
        if (log != null) {
            log.close();
        }
    }

    @Test
    void commandsReachTheCountyTotalsAndSurviveARestart() throws Exception {
        Path dataDir = Files.createTempDirectory("jingzhun-suite-it");
        // The services' own output, for when this test fails.
        Files.createDirectories(Path.of("target"));
        log = new PrintStream(Files.newOutputStream(Path.of("target", "suite-integration-test.log")), true,
                StandardCharsets.UTF_8);
        SuiteOptions options = SuiteOptions.parse("--data-dir=" + dataDir, "--reporting-port=0",
                "--organization-port=0", "--checklist-port=0", "--rectification-port=0", "--postgres-port=0",
                "--kafka-port=0", "--kafka-controller-port=0", "--service-jvm-options=-Xmx384m -XX:TieredStopAtLevel=1 -XX:+UseSerialGC");
        suite = new Suite(options, log);
        suite.start();
        // Kafka has a JVM of its own, a child of the launcher's (here: this test's) with the broker's options.
        assertThat(brokerJvms()).singleElement().satisfies(line -> assertThat(line).contains("-XX:+UseSerialGC"));
        // From the services' jars (the reactor's verify), each starts with the bean definitions generated at
        // build time (AheadOfTimeTest: they are there), so what follows runs them in AOT mode.
        String started = Files.readString(Path.of("target", "suite-integration-test.log"), StandardCharsets.UTF_8);
        for (ServiceKind kind : ServiceKind.values()) {
            String simpleName = kind.mainClass.substring(kind.mainClass.lastIndexOf('.') + 1);
            if (ServiceLaunch.processedAheadOfTime(kind)) {
                assertThat(started).as(kind.name()).contains("Starting AOT-processed " + simpleName);
            } else {
                assertThat(started).as(kind.name()).contains("Starting " + simpleName)
                        .doesNotContain("Starting AOT-processed " + simpleName);
            }
        }
        // Each service reaches PostgreSQL through its Unix socket (EmbeddedPostgresServerTest: that such a URL
        // does), and is healthy on it.
        assertThat(started).containsPattern("\\[suite\\] PostgreSQL on port \\d+ \\(services through /.+/\\.s\\.PGSQL\\.\\d+\\)");
        assertThat(serviceCommandLines()).hasSize(4).allSatisfy(line -> assertThat(line)
                .contains("--spring.datasource.url=jdbc:postgresql://localhost/")
                .contains("socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg"));
        // Each service stops by itself when this JVM is gone (StopWhenInputEndsTest in platform: how).
        assertThat(serviceEnvironments()).hasSize(4).allSatisfy(environment ->
                assertThat(environment).contains(StopWhenInputEnds.ENV + "=true"));

        String campaign = id(post(ServiceKind.ORGANIZATION, "/api/campaigns",
                "{\"name\":\"第二批主题教育\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}", 201));
        String county = id(post(ServiceKind.ORGANIZATION, "/api/organizations",
                "{\"name\":\"县委常委会\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}", 201));
        String section = id(post(ServiceKind.ORGANIZATION, "/api/organizations",
                "{\"name\":\"兴隆镇党委\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\",\"parentId\":\"" + county + "\"}", 201));
        String branch = id(post(ServiceKind.ORGANIZATION, "/api/organizations",
                "{\"name\":\"龙凤村党支部\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\",\"parentId\":\"" + section + "\"}", 201));
        post(ServiceKind.CHECKLIST, "/api/organizations/" + branch + "/honor-room-visits",
                "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-20\",\"visitors\":25}", 202);
        post(ServiceKind.CHECKLIST, "/api/organizations/" + section + "/honor-room-visits",
                "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-21\",\"visitors\":12}", 202);
        post(ServiceKind.CHECKLIST, "/api/organizations/" + branch + "/honor-room-visits",
                "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-25\",\"visitors\":5}", 202);
        String first = id(post(ServiceKind.RECTIFICATION, "/api/problems", problem(branch, campaign), 201));
        id(post(ServiceKind.RECTIFICATION, "/api/problems", problem(section, campaign), 201));
        post(ServiceKind.RECTIFICATION, "/api/problems/" + first + "/rectify",
                "{\"evidence\":\"已补齐帮扶台账\",\"attachments\":[{\"name\":\"台账.jpg\",\"sha256\":\""
                        + "ab".repeat(32) + "\"}]}", 200);
        post(ServiceKind.RECTIFICATION, "/api/problems/" + first + "/rectify", "{\"evidence\":\"again\"}", 409);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTotals(campaign));
        assertEveryMonitoredMetricIsExposed();

        // A reclassification reaches the county totals too: the village branch becomes an organ branch.
        patch(ServiceKind.ORGANIZATION, "/api/organizations/" + branch, "{\"sector\":\"ORGAN\"}");
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode totals = json.readTree(get(ServiceKind.REPORTING, "/api/totals?campaignId=" + campaign));
            assertThat(totals.at("/organizations/bySector/VILLAGE").asInt()).isZero();
            assertThat(totals.at("/organizations/bySector/ORGAN").asInt()).isEqualTo(1);
        });

        // An account of organization-service signs in there and is believed by the other services,
        // within its subtree only (the town's secretary: the village yes, the county above it no).
        post(ServiceKind.ORGANIZATION, "/api/accounts", "{\"username\":\"xinglong\",\"password\":\"a-long-password\","
                + "\"role\":\"SECRETARY\",\"orgId\":\"" + section + "\"}", 201);
        HttpResponse<String> token = http.send(HttpRequest.newBuilder(URI.create("http://localhost:"
                        + suite.port(ServiceKind.ORGANIZATION) + "/oauth2/token"))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        "xinglong:a-long-password".getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(token.statusCode()).as(token.body()).isEqualTo(200);
        String bearer = "Bearer " + json.readTree(token.body()).get("access_token").asText();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(status(ServiceKind.CHECKLIST,
                "/api/organizations/" + branch + "/record?campaignId=" + campaign, bearer)).isEqualTo(200));
        assertThat(status(ServiceKind.CHECKLIST, "/api/organizations/" + county + "/record?campaignId=" + campaign,
                bearer)).isEqualTo(403);
        assertThat(status(ServiceKind.RECTIFICATION, "/api/organizations/" + branch + "/ledger", bearer)).isEqualTo(200);
        assertThat(status(ServiceKind.REPORTING, "/api/totals?campaignId=" + campaign, bearer)).isEqualTo(200);

        suite.close();
        assertThat(brokerJvms()).isEmpty();
        // Stopped by SIGTERM with their pipes left open: what they log while they shut down still reaches the
        // launcher's output, and none takes the end of its input for the launcher's death.
        String output = Files.readString(Path.of("target", "suite-integration-test.log"), StandardCharsets.UTF_8);
        String stopping = output.substring(output.lastIndexOf("[suite] stopping"));
        assertThat(stopping.lines()).anySatisfy(line -> assertThat(line).startsWith("[kafka] ")
                .contains("Kafka broker stopped in"));
        assertThat(output).doesNotContain("Standard input ended");
        suite = new Suite(options, log);
        suite.start();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertTotals(campaign));
        // The signing key is kept: a token issued before the restart is still good.
        assertThat(status(ServiceKind.CHECKLIST, "/api/organizations/" + branch + "/record?campaignId=" + campaign,
                bearer)).isEqualTo(200);

        // A CloudEvent into the checklist inbox: the audit trail names it as the cause of what it recorded.
        String eventId = "kiosk-" + System.nanoTime();
        HttpResponse<String> inbox = http.send(request(ServiceKind.CHECKLIST, "/api/inbox")
                .header("Content-Type", "application/cloudevents+json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"specversion\":\"1.0\",\"id\":\"" + eventId
                        + "\",\"source\":\"/county/honor-room-kiosk\",\"type\":\"jingzhun.checklist.HonorRoomVisited.v1\","
                        + "\"datacontenttype\":\"application/json\",\"data\":{\"orgId\":\"" + branch
                        + "\",\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-26\",\"visitors\":3}}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(inbox.statusCode()).as(inbox.body()).isEqualTo(202);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                get(ServiceKind.REPORTING, "/api/audit/events?type=HonorRoomVisited&organizationId=" + branch).lines()
                        .map(SuiteIntegrationTest::readLine)
                        .filter(line -> eventId.equals(line.path("causationId").asText(null))))
                .singleElement().satisfies(line -> {
                    assertThat(line.get("causationSource").asText()).isEqualTo("/county/honor-room-kiosk");
                    assertThat(line.get("actor").asText()).isEqualTo("admin");
                    assertThat(line.at("/event/visitors").asInt()).isEqualTo(3);
                }));
    }

    /** The command lines of this JVM's children running Kafka's broker. */
    private static List<String> brokerJvms() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(child -> {
            try {
                return KafkaProcessTest.commandLine(child.pid());
            } catch (java.io.IOException gone) {
                return "";
            }
        }).filter(line -> line.contains("org.jingzhun.embedded.KafkaBrokerMain")).toList();
    }

    /** The command lines of this JVM's children running a service. */
    private static List<String> serviceCommandLines() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(child -> {
            try {
                return KafkaProcessTest.commandLine(child.pid());
            } catch (java.io.IOException gone) {
                return "";
            }
        }).filter(line -> line.contains("--server.port=")).toList();
    }

    /** The environments of this JVM's children running a service (Kafka's broker is the fifth child). */
    private static List<List<String>> serviceEnvironments() {
        return ProcessHandle.current().children().filter(ProcessHandle::isAlive).map(child -> {
            try {
                if (KafkaProcessTest.commandLine(child.pid()).contains("org.jingzhun.embedded.KafkaBrokerMain")) {
                    return List.<String>of();
                }
                return List.of(new String(Files.readAllBytes(Path.of("/proc", Long.toString(child.pid()), "environ")),
                        StandardCharsets.UTF_8).split("\0"));
            } catch (java.io.IOException gone) {
                return List.<String>of();
            }
        }).filter(environment -> !environment.isEmpty()).toList();
    }

    private static JsonNode readLine(String line) {
        try {
            return json.readTree(line);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private int status(ServiceKind service, String path, String authorization) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + suite.port(service) + path))
                .header("Authorization", authorization).GET().build(), HttpResponse.BodyHandlers.discarding())
                .statusCode();
    }

    /**
     * What Grafana's dashboards and Prometheus's alert rules in {@code docker/} ask for is what the
     * services' {@code /actuator/prometheus} really answer (each scrape is kept in {@code target/}).
     */
    private void assertEveryMonitoredMetricIsExposed() throws Exception {
        StringBuilder exposed = new StringBuilder();
        for (ServiceKind kind : ServiceKind.values()) {
            String scrape = get(kind, "/actuator/prometheus");
            Files.writeString(Path.of("target", "metrics-" + kind.shortName + ".txt"), scrape);
            exposed.append(scrape);
        }
        java.util.Set<String> names = MonitoringFiles.exposedMetricNames(exposed.toString());
        assertThat(names).as("metrics the dashboards and alert rules use").containsAll(MonitoringFiles.usedMetricNames());
        assertThat(names).as("Axon's timers and counters, without its capacity gauges (platform AxonMessageMetrics)")
                .contains("commandBus_allTimer_seconds_count", "commandBus_successCounter_total")
                .noneMatch(name -> name.endsWith("_capacity"));
    }

    private void assertTotals(String campaign) throws Exception {
        JsonNode totals = json.readTree(get(ServiceKind.REPORTING, "/api/totals?campaignId=" + campaign));
        assertThat(totals.get("campaignId").asText()).isEqualTo(campaign);
        assertThat(totals.at("/organizations/total").asInt()).isEqualTo(3);
        assertThat(totals.at("/organizations/byTier/COUNTY").asInt()).isEqualTo(1);
        assertThat(totals.at("/organizations/byTier/SECTION").asInt()).isEqualTo(1);
        assertThat(totals.at("/organizations/byTier/BRANCH").asInt()).isEqualTo(1);
        assertThat(totals.at("/organizations/bySector/VILLAGE").asInt() + totals.at("/organizations/bySector/ORGAN").asInt())
                .isEqualTo(1);
        assertThat(totals.at("/honorRoom/units").asInt()).isEqualTo(2);
        assertThat(totals.at("/honorRoom/personVisits").asInt()).isEqualTo(42);
        assertThat(totals.at("/problems/found").asInt()).isEqualTo(2);
        assertThat(totals.at("/problems/rectified").asInt()).isEqualTo(1);
        assertThat(totals.at("/problems/inProgress").asInt()).isEqualTo(1);
        assertThat(totals.at("/eventsProjected").asInt()).isGreaterThanOrEqualTo(11);
    }

    private static String problem(String org, String campaign) {
        return "{\"orgId\":\"" + org + "\",\"campaignId\":\"" + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\","
                + "\"source\":\"SELF_INSPECTION\",\"description\":\"帮扶台账不完整\",\"owner\":\"支部书记\","
                + "\"deadline\":\"2019-10-31\"}";
    }

    private static String id(String body) throws Exception {
        return json.readTree(body).get("id").asText();
    }

    private String post(ServiceKind service, String path, String body, int expectedStatus) throws Exception {
        HttpResponse<String> response = http.send(request(service, path)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("POST %s → %s", path, response.body()).isEqualTo(expectedStatus);
        return response.body();
    }

    private void patch(ServiceKind service, String path, String body) throws Exception {
        HttpResponse<String> response = http.send(request(service, path)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("PATCH %s → %s", path, response.body()).isEqualTo(200);
    }

    private String get(ServiceKind service, String path) throws Exception {
        HttpResponse<String> response = http.send(request(service, path).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s → %s", path, response.body()).isEqualTo(200);
        return response.body();
    }

    private HttpRequest.Builder request(ServiceKind service, String path) {
        return HttpRequest.newBuilder(URI.create("http://localhost:" + suite.port(service) + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        ("admin:" + suite.adminPassword()).getBytes(StandardCharsets.UTF_8)));
    }
}
