package org.jingzhun.checklist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.jingzhun.embedded.TestTopics.consumer;
import static org.jingzhun.embedded.TestTopics.header;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.TestHttp;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The checklist service as deployed: real PostgreSQL and Kafka (embedded), its registry replica fed
 * from {@code jingzhun.organization.events} by records produced in the wire format, and checked
 * through its public HTTP API only. Every test registers organizations of its own and records for
 * them right away, as scripts do, without waiting for the replica.
 */
class ChecklistServiceIntegrationTest {

    private static final String PASSWORD = "it-secret";
    private static final OffsetDateTime ENROLLED = OffsetDateTime.parse("2019-08-01T09:00:00+08:00");
    private static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    private static final LocalDate ENDS_ON = LocalDate.of(2019, 11, 30);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int SNAPSHOT_THRESHOLD = 3;

    @TempDir
    static Path dataDirectory;
    private static EmbeddedInfrastructure infra;
    private static ConfigurableApplicationContext app;
    private static OrganizationTopic organizations;
    private static final HttpClient http = HttpClient.newHttpClient();
    private static String campaign;

    @BeforeAll
    static void start() {
        infra = EmbeddedInfrastructure.start(dataDirectory);
        infra.postgres().createDatabaseIfMissing("checklist");
        organizations = new OrganizationTopic(infra.kafka().bootstrapServers());
        app = new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=" + ChecklistServiceApplication.CONFIG_NAME)
                .run("--server.port=0",
                        "--spring.datasource.url=" + infra.postgres().jdbcUrl("checklist"),
                        "--spring.datasource.username=" + infra.postgres().username(),
                        "--spring.datasource.password=",
                        "--jingzhun.kafka.bootstrap-servers=" + infra.kafka().bootstrapServers(),
                        "--jingzhun.kafka.partitions=3",
                        // Long enough for the replica to catch up on a busy machine, short enough for refusals.
                        "--jingzhun.registry.await-timeout=4s",
                        "--jingzhun.admin.password=" + PASSWORD,
                        // Snapshots every few events: every test below also loads aggregates from snapshots.
                        "--jingzhun.snapshots.threshold=" + SNAPSHOT_THRESHOLD);
        campaign = "campaign-" + UUID.randomUUID();
        organizations.publish(campaign, new CampaignLaunched(campaign, "第二批主题教育", STARTS_ON, ENDS_ON), ENROLLED);
        organizations.publish(campaign, new GuidancePlanIssued(campaign, 1, STARTS_ON, ENDS_ON, SourcePlan.plan()),
                ENROLLED);
    }

    @AfterAll
    static void stop() {
        if (organizations != null) {
            organizations.close();
        }
        if (app != null) {
            app.close();
        }
        if (infra != null) {
            infra.close();
        }
    }

    @Test
    void refusesResearchKindsThePlanDoesNotGiveTheTierWithTheReason() {
        String county = organization(Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);
        String town = organization(Tier.SECTION, Sector.TOWNSHIP, county);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        String otherVillage = organization(Tier.BRANCH, Sector.VILLAGE, town);
        String member = member(village, ENROLLED);
        String otherMember = member(otherVillage, ENROLLED);

        assertThat(research(county, "RESEARCH_REPORT", null).statusCode()).isEqualTo(201);
        assertRefused(research(county, "GOLDEN_IDEA", null), 422, "research.kind-not-allowed", "kind",
                "The campaign's guidance plan lets COUNTY/COUNTY_LEADERSHIP organizations file RESEARCH_REPORT,"
                        + " not GOLDEN_IDEA");
        assertThat(research(town, "PROBLEM_BRIEF", null).statusCode()).isEqualTo(201);
        assertThat(research(town, "RESEARCH_REPORT", null).statusCode()).isEqualTo(201);
        assertRefused(research(town, "GOLDEN_IDEA", null), 422, "research.kind-not-allowed", "kind",
                "The campaign's guidance plan lets SECTION/TOWNSHIP organizations file RESEARCH_REPORT, PROBLEM_BRIEF,"
                        + " not GOLDEN_IDEA");
        assertThat(research(village, "GOLDEN_IDEA", member).statusCode()).isEqualTo(201);
        assertRefused(research(village, "RESEARCH_REPORT", null), 422, "research.kind-not-allowed", "kind", null);
        assertRefused(research(village, "GOLDEN_IDEA", otherMember), 422, "research.author-not-a-member", "memberId",
                null);

        assertThat(record(town).at("/research/byKind/PROBLEM_BRIEF").asInt()).isEqualTo(1);
        assertThat(record(town).at("/research/count").asInt()).isEqualTo(2);
        assertThat(record(village).at("/research/entries/0/memberId").asText()).isEqualTo(member);
        assertThat(record(village).at("/research/mayFile").toString()).isEqualTo("[\"GOLDEN_IDEA\"]");
    }

    @Test
    void completesOnceOnlyItemsOnceAndRepeatsAtLeastOnceItemsOfBranchesOnly() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP, null);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);

        assertThat(complete(village, "PLAN", "2019-09-03").statusCode()).isEqualTo(201);
        assertRefused(complete(village, "PLAN", "2019-09-10"), 409, "checklist.already-done", "item",
                "PLAN was done on 2019-09-03; the plan asks for it once");
        assertThat(complete(village, "VOLUNTEER_SERVICE", "2019-09-15").statusCode()).isEqualTo(201);
        assertThat(complete(village, "VOLUNTEER_SERVICE", "2019-10-15").statusCode()).isEqualTo(201);
        assertThat(complete(village, "EXPERIENCE_EXCHANGE", "2019-09-16").statusCode()).isEqualTo(201);
        assertThat(complete(village, "EXPERIENCE_EXCHANGE", "2019-09-17").statusCode()).isEqualTo(201);
        assertRefused(complete(town, "PLAN", "2019-09-03"), 422, "checklist.branches-only", "orgId", null);

        JsonNode checklist = record(village).get("checklist");
        assertThat(checklist.get("kept").asBoolean()).isTrue();
        assertThat(checklist.get("itemsDone").asInt()).isEqualTo(3);
        assertThat(checklist.get("completions").asInt()).isEqualTo(5);
        assertThat(checklist.get("complete").asBoolean()).isFalse();
        assertThat(checklist.at("/items/0/item").asText()).isEqualTo("PLAN");
        assertThat(checklist.at("/items/0/frequency").asText()).isEqualTo("ONCE");
        assertThat(checklist.at("/items/0/firstDoneOn").asText()).isEqualTo("2019-09-03");
        assertThat(checklist.at("/items/1/done").asBoolean()).isFalse();
        assertThat(checklist.at("/items/7/item").asText()).isEqualTo("VOLUNTEER_SERVICE");
        assertThat(checklist.at("/items/7/frequency").asText()).isEqualTo("AT_LEAST_ONCE");
        assertThat(checklist.at("/items/7/completions")).hasSize(2);
        assertThat(record(town).at("/checklist/kept").asBoolean()).isFalse();
    }

    @Test
    void recordViewShowsStudyByMonthNotesVisitsResearchAndTheTenOnes() {
        String town = organization(Tier.SECTION, Sector.TOWNSHIP, null);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        String member = member(village, ENROLLED);
        String newcomer = member(village, OffsetDateTime.now());
        String stranger = member(organization(Tier.BRANCH, Sector.VILLAGE, town), ENROLLED);

        // 2.5 concentrated days from 30 September: 1 day in September, 1.5 in October.
        assertThat(session(town, "2019-09-30", "2.5", "CONCENTRATED").statusCode()).isEqualTo(201);
        assertRefused(session(town, "2019-10-02", "1", "CONCENTRATED"), 409, "study.concentrated-day-taken", "date",
                null);
        assertThat(session(town, "2019-10-02", "0.5", "ONLINE").statusCode()).isEqualTo(201);
        assertThat(session(town, "2019-10-09", "1", "CONCENTRATED").statusCode()).isEqualTo(201);
        assertThat(post("/api/organizations/" + town + "/honor-room-visits",
                "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-20\",\"visitors\":25}").statusCode())
                .isEqualTo(202);
        assertThat(note(village, member, "NOTES", "2019-09-21").statusCode()).isEqualTo(201);
        assertThat(note(village, member, "ANNOTATION", null).statusCode()).isEqualTo(201);
        // Enrolled just now: a member today, not on a day of 2019.
        assertThat(note(village, newcomer, "REFLECTION", null).statusCode()).isEqualTo(201);
        assertRefused(note(village, newcomer, "REFLECTION", "2019-09-21"), 422, "note.not-a-member", "memberId", null);
        assertRefused(note(village, stranger, "NOTES", "2019-09-21"), 422, "note.not-a-member", "memberId", null);

        JsonNode townRecord = record(town);
        assertThat(townRecord.at("/organization/tier").asText()).isEqualTo("SECTION");
        assertThat(townRecord.at("/study/sessionCount").asInt()).isEqualTo(3);
        assertThat(townRecord.at("/study/days").asDouble()).isEqualTo(4.0);
        assertThat(townRecord.at("/study/daysByMonth").toString()).isEqualTo("{\"2019-09\":1.0,\"2019-10\":3.0}");
        assertThat(townRecord.at("/study/countedFormats").toString()).isEqualTo("[\"CONCENTRATED\"]");
        assertThat(townRecord.at("/study/countedDaysByMonth").toString())
                .isEqualTo("{\"2019-09\":1.0,\"2019-10\":2.5}");
        assertThat(townRecord.at("/study/sessions/0/recordedBy").asText()).isEqualTo("admin");
        assertThat(townRecord.at("/honorRoom/personVisits").asInt()).isEqualTo(25);
        JsonNode villageRecord = record(village);
        assertThat(villageRecord.at("/notes/count").asInt()).isEqualTo(3);
        assertThat(villageRecord.at("/notes/members").asInt()).isEqualTo(2);
        assertThat(villageRecord.at("/notes/byKind/REFLECTION").asInt()).isEqualTo(1);
    }

    @Test
    void refusesUnknownAndDissolvedOrganizationsAndUnknownCampaignsAfterWaitingForThem() {
        String dissolved = organization(Tier.BRANCH, Sector.HEALTH, null);
        organizations.publish(dissolved, new OrganizationDissolved(dissolved, "支部"), OffsetDateTime.now());
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(record(dissolved).at("/organization/dissolved").asBoolean()).isTrue());

        assertRefused(session(dissolved, "2019-09-20", "1", "THEMED_PARTY_DAY"), 422, "organization.dissolved", "orgId",
                null);
        assertRefused(session("no-such-org", "2019-09-20", "1", "THEMED_PARTY_DAY"), 422, "organization.unknown",
                "orgId", null);
        String branch = organization(Tier.BRANCH, Sector.HEALTH, null);
        assertRefused(post("/api/organizations/" + branch + "/checklist/PLAN",
                        "{\"campaignId\":\"no-such-campaign\",\"date\":\"2019-09-20\"}"),
                422, "campaign.unknown", "campaignId", null);
        assertRefused(note(branch, "no-such-member", "NOTES", null), 422, "member.unknown", "memberId", null);
        assertThat(get("/api/organizations/no-such-org/record?campaignId=" + campaign).statusCode()).isEqualTo(404);
    }

    @Test
    void answersBadInputWithA400NamingTheFieldAndRecordsNothing() {
        String town = organization(Tier.SECTION, Sector.ORGAN, null);

        assertRefused(session(town, "2019-09-20", "1.3", "CONCENTRATED"), 400, "study.invalid-days", "days", null);
        assertRefused(session(town, "2019-09-20", "0", "CONCENTRATED"), 400, "invalid-request", "days", null);
        assertRefused(session(town, "2019-09-20", "1", "LECTURE"), 400, "invalid-request", "format", null);
        assertRefused(session(town, "20.09.2019", "1", "ONLINE"), 400, "invalid-request", "date", null);
        assertRefused(post("/api/organizations/" + town + "/study-sessions", "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"2019-09-20\",\"days\":1,\"format\":\"ONLINE\",\"attendees\":0}"),
                400, "invalid-request", "attendees", null);
        assertRefused(post("/api/organizations/" + town + "/study-sessions", "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"2019-09-20\",\"days\":1,\"format\":\"ONLINE\",\"attendees\":1,"
                + "\"attendeeIds\":[\"m1\",\"m2\"]}"), 400, "study.too-many-attendee-ids", "attendeeIds", null);
        assertRefused(note(town, "m1", "DIARY", null), 400, "invalid-request", "kind", null);
        assertRefused(research(town, "ESSAY", null), 400, "invalid-request", "kind", null);
        assertRefused(post("/api/organizations/" + town + "/research", "{\"campaignId\":\"" + campaign
                + "\",\"kind\":\"PROBLEM_BRIEF\",\"title\":\" \"}"), 400, "invalid-request", "title", null);
        assertRefused(complete(town, "TEN", "2019-09-20"), 400, "invalid-request", "item", null);
        assertRefused(post("/api/organizations/" + town + "/checklist/PLAN", "{\"campaignId\":\"" + campaign + "\"}"),
                400, "invalid-request", "date", null);
        assertRefused(get("/api/organizations/" + town + "/record"), 400, "invalid-request", "campaignId", null);
        assertRefused(post("/api/organizations/" + town + "/honor-room-visits", "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"2019-09-20\",\"visitors\":0}"), 400, "invalid-request", "visitors", null);
        assertRefused(post("/api/organizations/" + town + "/honor-room-visits", "{\"campaignId\":\"" + campaign
                + "\",\"visitors\":3}"), 400, "invalid-request", "date", null);

        JsonNode record = record(town);
        assertThat(record.at("/study/sessionCount").asInt()).isZero();
        assertThat(record.at("/research/count").asInt()).isZero();
        assertThat(record.at("/honorRoom/visits").asInt()).isZero();
    }

    /** A command of the service: where it goes, a valid body for some text, its text and date fields. */
    record Command(String name, String path, java.util.function.Function<String, String> body, String textField,
                   String dateField, String validDate) {
        @Override
        public String toString() {
            return name;
        }
    }

    static java.util.stream.Stream<Command> commands() {
        return java.util.stream.Stream.of(
                new Command("study session", "/study-sessions", text -> "{\"campaignId\":\"" + campaign
                        + "\",\"date\":\"2019-09-20\",\"days\":1,\"format\":\"ONLINE\",\"readings\":["
                        + quote(text) + "],\"attendees\":12}", "readings[0]", "date", "2019-09-20"),
                new Command("study note", "/study-notes", text -> "{\"campaignId\":\"" + campaign + "\",\"memberId\":"
                        + quote(text) + ",\"kind\":\"NOTES\",\"date\":\"2019-09-21\"}", "memberId", "date", "2019-09-21"),
                new Command("honor room visit", "/honor-room-visits", text -> "{\"campaignId\":" + quote(campaign + text)
                        + ",\"date\":\"2019-09-22\",\"visitors\":3}", "campaignId", "date", "2019-09-22"),
                new Command("research", "/research", text -> "{\"campaignId\":\"" + campaign
                        + "\",\"kind\":\"PROBLEM_BRIEF\",\"title\":" + quote(text) + ",\"date\":\"2019-09-23\"}",
                        "title", "date", "2019-09-23"),
                new Command("checklist item", "/checklist/PLAN", text -> "{\"campaignId\":\"" + campaign
                        + "\",\"date\":\"2019-09-24\",\"note\":" + quote(text) + "}", "note", "date", "2019-09-24"));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.MethodSource("commands")
    void refusesOversizeBodiesControlCharactersAndFarDatesAndRecordsNothing(Command command) {
        String town = organization(Tier.SECTION, Sector.ORGAN, null);
        String path = "/api/organizations/" + town + command.path();
        long events = storedEvents();

        byte[] huge = command.body().apply("很".repeat(1024 * 1024 / 3 + 1)).getBytes(StandardCharsets.UTF_8);
        assertRefused(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge))), 413, "body-too-large", "body", null);
        assertRefused(send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(huge)))),
                413, "body-too-large", "body", null);
        for (String text : List.of("a\u0000b", "a\u0002b", "\u001f")) {
            assertRefused(post(path, command.body().apply(text)), 400, "invalid-request", command.textField(), null);
        }
        // The last is beyond what java.time can hold: a parse failure, still a 400 naming the field.
        for (String date : List.of("+999999999-12-31", "1899-12-31", "2200-01-01", "+9999999999-12-31")) {
            String body = command.body().apply("x").replace(command.validDate(), date);
            assertRefused(post(path, body), 400, "invalid-request", command.dateField(), null);
        }
        assertThat(storedEvents()).isEqualTo(events);
    }

    /** Under the body limit but over a field's: a 1 MB title, 10,000 attendee ids. */
    @Test
    void refusesOversizeFieldsAndListsNamingThem() {
        String branch = organization(Tier.BRANCH, Sector.VILLAGE, null);
        long events = storedEvents();

        assertRefused(post("/api/organizations/" + branch + "/research", "{\"campaignId\":\"" + campaign
                + "\",\"kind\":\"GOLDEN_IDEA\",\"title\":\"" + "t".repeat(1_000_000) + "\"}"), 400,
                "invalid-request", "title", null);
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < 10_000; i++) {
            ids.append(i == 0 ? "" : ",").append("\"m-").append(i).append('"');
        }
        assertRefused(post("/api/organizations/" + branch + "/study-sessions", "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"2019-09-20\",\"days\":1,\"format\":\"ONLINE\",\"attendees\":10000,"
                + "\"attendeeIds\":[" + ids + "]}"), 400, "invalid-request", "attendeeIds", null);
        assertThat(storedEvents()).isEqualTo(events);
    }

    /**
     * Keyed requests used to hold a pooled connection while they waited for the registry, so that the
     * registry's own update could not get one and the waiters gave up with a false 422 (or, on one
     * aggregate, read it before the previous request's transaction committed: a false 409).
     */
    @Test
    void keyedRequestsWaitingForTheRegistryOutnumberingThePoolAllGetTheirAnswer() throws Exception {
        com.zaxxer.hikari.HikariDataSource pool = app.getBean(javax.sql.DataSource.class)
                .unwrap(com.zaxxer.hikari.HikariDataSource.class);
        String late = "section-" + UUID.randomUUID();
        List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> waiting = new ArrayList<>();
        for (int i = 0; i < pool.getMaximumPoolSize() + 5; i++) {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri("/api/organizations/" + late + "/research"))
                    .header("Content-Type", "application/json").header("Idempotency-Key", UUID.randomUUID().toString())
                    .POST(HttpRequest.BodyPublishers.ofString("{\"campaignId\":\"" + campaign
                            + "\",\"kind\":\"PROBLEM_BRIEF\",\"title\":\"问题清单 " + i + "\",\"date\":\"2019-10-10\"}"));
            request.header("Authorization", "Basic " + Base64.getEncoder()
                    .encodeToString(("admin:" + PASSWORD).getBytes(StandardCharsets.UTF_8)));
            waiting.add(http.sendAsync(request.build(), HttpResponse.BodyHandlers.ofString()));
        }

        // Every request is in a servlet thread, waiting for the registry, before the organization arrives.
        org.apache.tomcat.util.threads.ThreadPoolExecutor servlets = (org.apache.tomcat.util.threads.ThreadPoolExecutor)
                ((org.springframework.boot.web.embedded.tomcat.TomcatWebServer) ((WebServerApplicationContext) app)
                        .getWebServer()).getTomcat().getConnector().getProtocolHandler().getExecutor();
        await().atMost(Duration.ofSeconds(3)).until(() -> servlets.getActiveCount() >= waiting.size());
        organizations.publish(late, new OrganizationRegistered(late, "迟到的组织", Tier.SECTION, Sector.ORGAN, null),
                OffsetDateTime.now());

        for (var answer : waiting) {
            HttpResponse<String> response = answer.get(30, java.util.concurrent.TimeUnit.SECONDS);
            assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        }
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(record(late).at("/research/count").asInt()).isEqualTo(waiting.size()));
    }

    private static long storedEvents() {
        return app.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
                .sql("SELECT count(*) FROM domain_event_entry").query(Long.class).single();
    }

    private static String quote(String text) {
        return JSON.getNodeFactory().textNode(text).toString();
    }

    @Test
    void publishesWhatItRecordsOnTheChecklistTopicInTheWireFormat() throws IOException {
        String village = organization(Tier.BRANCH, Sector.VILLAGE, null);
        String id = json(complete(village, "SUMMARY", "2019-11-28")).get("id").asText();

        List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(infra.kafka().bootstrapServers(), "checklist-it")) {
            consumer.subscribe(List.of(Topics.CHECKLIST_EVENTS));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id));
            });
        }
        ConsumerRecord<String, byte[]> completed = seen.stream()
                .filter(r -> new String(r.value(), StandardCharsets.UTF_8).contains(id)).findFirst().orElseThrow();
        assertThat(header(completed, "ce_type")).isEqualTo("jingzhun.checklist.ChecklistItemCompleted.v1");
        assertThat(header(completed, "ce_subject")).isEqualTo(completed.key());
        JsonNode event = JSON.readTree(completed.value());
        assertThat(event.get("organizationId").asText()).isEqualTo(village);
        assertThat(event.get("campaignId").asText()).isEqualTo(campaign);
        assertThat(event.get("item").asText()).isEqualTo("SUMMARY");
        assertThat(event.get("recordId").asText()).isEqualTo(completed.key());
    }

    @Test
    void anOrganizationsRecordRestoredFromASnapshotKeepsItsGuardsAndSurvivesAnUnreadableSnapshot() throws Exception {
        // Ours, on a thread of its own: Axon's default takes snapshots on the committing thread, which still
        // holds the aggregate's lock while it waits for a pooled connection.
        assertThat(app.getBeanFactory().getBeanDefinition("aggregateSnapshotter").getFactoryBeanName())
                .isEqualTo(org.jingzhun.platform.axon.SnapshotConfiguration.class.getName());
        String town = organization(Tier.SECTION, Sector.TOWNSHIP, null);
        String village = organization(Tier.BRANCH, Sector.VILLAGE, town);
        assertThat(session(village, "2019-09-02", "2", "CONCENTRATED").statusCode()).isEqualTo(201);
        assertThat(complete(village, "PLAN", "2019-09-03").statusCode()).isEqualTo(201);
        for (int day = 10; day < 10 + 4 * SNAPSHOT_THRESHOLD; day++) {
            assertThat(visit(village, "2019-09-" + day).statusCode()).isEqualTo(202);
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> snapshots(village) > 0);
        // As after a restart, or on another instance: nothing in memory, the record is read from the store.
        aggregateCache().removeAll();

        // The guards depend on state before the snapshot: a concentrated day taken, a once-only item done.
        assertRefused(session(village, "2019-09-03", "1", "CONCENTRATED"), 409, "study.concentrated-day-taken", "date",
                null);
        assertRefused(complete(village, "PLAN", "2019-09-20"), 409, "checklist.already-done", "item", null);
        assertThat(session(village, "2019-09-04", "1", "CONCENTRATED").statusCode()).isEqualTo(201);

        // A snapshot that cannot be read is passed over: the record is rebuilt from its events. (The commands above
        // may have started another snapshot, taken on a thread of its own: while it replaces the row, an update
        // finds none, so it is tried again until it spoils the snapshot that is there.)
        await().atMost(Duration.ofSeconds(30)).until(() -> spoilSnapshots(village) > 0);
        aggregateCache().removeAll();
        assertRefused(session(village, "2019-09-02", "0.5", "CONCENTRATED"), 409, "study.concentrated-day-taken",
                "date", null);
        assertRefused(complete(village, "PLAN", "2019-09-21"), 409, "checklist.already-done", "item", null);
        assertThat(record(village).at("/honorRoom/personVisits").asInt()).isEqualTo(3 * 4 * SNAPSHOT_THRESHOLD);
    }

    @Test
    void aRecordKeptInMemoryIsHandedToTheNextCommandOnlyWhileTheStoreHasNothingNewer() throws Exception {
        String village = organization(Tier.BRANCH, Sector.VILLAGE, organization(Tier.SECTION, Sector.TOWNSHIP, null));
        assertThat(complete(village, "PLAN", "2019-09-03").statusCode()).isEqualTo(201);
        double hits = aggregateCacheCount("hit");
        double stale = aggregateCacheCount("stale");

        assertThat(visit(village, "2019-09-10").statusCode()).isEqualTo(202);
        assertThat(aggregateCacheCount("hit")).isEqualTo(hits + 1);
        assertThat(aggregateCacheCount("stale")).isEqualTo(stale);

        // Another instance of the service appends to the same record: the copy in this one's memory is behind.
        appendBehindThisInstance(village);
        assertThat(visit(village, "2019-09-11").statusCode()).isEqualTo(202);
        assertThat(aggregateCacheCount("stale")).isEqualTo(stale + 1);
        assertRefused(complete(village, "PLAN", "2019-09-12"), 409, "checklist.already-done", "item", null);
        assertThat(aggregateCacheCount("hit")).isEqualTo(hits + 2);
        try (Connection db = database(); Statement query = db.createStatement();
             ResultSet events = query.executeQuery("SELECT sequence_number, payload_type FROM domain_event_entry"
                     + " WHERE aggregate_identifier IN (" + recordOf(village) + ") ORDER BY sequence_number")) {
            List<String> stored = new ArrayList<>();
            while (events.next()) {
                stored.add(events.getLong(1) + " " + events.getString(2).replaceFirst(".*\\.", ""));
            }
            // The visit after the other instance's event went after it, not onto its sequence number.
            assertThat(stored).containsExactly("0 ChecklistItemCompleted", "1 HonorRoomVisited", "2 HonorRoomVisited",
                    "3 HonorRoomVisited");
        }
    }

    /**
     * What another instance of the service would leave in the shared store: one more event on the organization's
     * record (a copy of its last one, under a new id and the next sequence number), written without this
     * instance hearing of it.
     */
    private static void appendBehindThisInstance(String organization) throws Exception {
        try (Connection db = database(); Statement insert = db.createStatement()) {
            assertThat(insert.executeUpdate("""
                    INSERT INTO domain_event_entry (event_identifier, aggregate_identifier, sequence_number, type,
                        time_stamp, payload_type, payload_revision, payload, meta_data)
                    SELECT gen_random_uuid()::text, aggregate_identifier, sequence_number + 1, type, time_stamp,
                        payload_type, payload_revision, payload, meta_data
                    FROM domain_event_entry WHERE aggregate_identifier IN (%s)
                    ORDER BY sequence_number DESC LIMIT 1""".formatted(recordOf(organization)))).isEqualTo(1);
        }
    }

    private static org.axonframework.common.caching.Cache aggregateCache() {
        return app.getBean(org.jingzhun.platform.axon.SnapshotConfiguration.CACHE,
                org.axonframework.common.caching.Cache.class);
    }

    private static double aggregateCacheCount(String result) {
        return app.getBean(io.micrometer.core.instrument.MeterRegistry.class).get("jingzhun.aggregates.cache")
                .tag("result", result).functionCounter().count();
    }

    private static HttpResponse<String> visit(String org, String date) {
        return post("/api/organizations/" + org + "/honor-room-visits", "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"" + date + "\",\"visitors\":3}");
    }

    /** Overwrites the organization's record's snapshots with bytes no serializer reads; how many it overwrote. */
    private static int spoilSnapshots(String organization) throws Exception {
        try (Connection db = database(); Statement update = db.createStatement()) {
            return update.executeUpdate("UPDATE snapshot_event_entry SET payload = 'not json'::bytea"
                    + " WHERE aggregate_identifier IN (" + recordOf(organization) + ")");
        }
    }

    private static int snapshots(String organization) throws Exception {
        try (Connection db = database(); Statement query = db.createStatement();
             ResultSet count = query.executeQuery("SELECT count(*) FROM snapshot_event_entry"
                     + " WHERE aggregate_identifier IN (" + recordOf(organization) + ") AND payload_revision = '1'")) {
            count.next();
            return count.getInt(1);
        }
    }

    /** SQL selecting the id of the organization's campaign record, found through its events. */
    private static String recordOf(String organization) {
        return "SELECT aggregate_identifier FROM domain_event_entry WHERE convert_from(payload, 'UTF8') LIKE '%\""
                + organization + "\"%'";
    }

    private static Connection database() throws Exception {
        return DriverManager.getConnection(infra.postgres().jdbcUrl("checklist"), infra.postgres().username(), "");
    }

    // --- the organization service's side, as records on its topic

    private static String organization(Tier tier, Sector sector, String parentId) {
        String id = tier.name().toLowerCase() + "-" + UUID.randomUUID();
        organizations.publish(id, new OrganizationRegistered(id, "组织 " + id, tier, sector, parentId),
                OffsetDateTime.now());
        return id;
    }

    private static String member(String branch, OffsetDateTime enrolled) {
        String id = "member-" + UUID.randomUUID();
        organizations.publish(id, new MemberEnrolled(id, branch, MemberField.RURAL, MemberOccupation.PUBLIC_SERVANT,
                MemberStatus.REGULAR), enrolled);
        return id;
    }

    // --- the checklist service's public API

    private static HttpResponse<String> session(String org, String date, String days, String format) {
        return post("/api/organizations/" + org + "/study-sessions", "{\"campaignId\":\"" + campaign + "\",\"date\":\""
                + date + "\",\"days\":" + days + ",\"format\":\"" + format + "\",\"readings\":[\"《摘编》\"],"
                + "\"attendees\":12}");
    }

    private static HttpResponse<String> note(String org, String member, String kind, String date) {
        return post("/api/organizations/" + org + "/study-notes", "{\"campaignId\":\"" + campaign + "\",\"memberId\":\""
                + member + "\",\"kind\":\"" + kind + "\"" + (date == null ? "" : ",\"date\":\"" + date + "\"") + "}");
    }

    private static HttpResponse<String> research(String org, String kind, String member) {
        return post("/api/organizations/" + org + "/research", "{\"campaignId\":\"" + campaign + "\",\"kind\":\"" + kind
                + "\",\"title\":\"关于基层治理的调研\"" + (member == null ? "" : ",\"memberId\":\"" + member + "\"")
                + ",\"date\":\"2019-10-10\"}");
    }

    private static HttpResponse<String> complete(String org, String item, String date) {
        return post("/api/organizations/" + org + "/checklist/" + item, "{\"campaignId\":\"" + campaign
                + "\",\"date\":\"" + date + "\",\"note\":\"已完成\"}");
    }

    private static JsonNode record(String org) {
        HttpResponse<String> response = get("/api/organizations/" + org + "/record?campaignId=" + campaign);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return json(response);
    }

    private static void assertRefused(HttpResponse<String> response, int status, String code, String field,
                                      String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(type ->
                assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = json(response);
        assertThat(problem.get("code").asText()).as(response.body()).isEqualTo(code);
        assertThat(problem.get("errors").findValuesAsText("field")).as(response.body()).contains(field);
        if (detail != null) {
            assertThat(problem.get("detail").asText()).isEqualTo(detail);
        }
    }

    private static HttpResponse<String> post(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    private static HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        return TestHttp.send(http, request, TestHttp.basic("admin", PASSWORD));
    }

    private static URI uri(String path) {
        return URI.create("http://localhost:" + ((WebServerApplicationContext) app).getWebServer().getPort() + path);
    }

    private static JsonNode json(HttpResponse<String> response) {
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
