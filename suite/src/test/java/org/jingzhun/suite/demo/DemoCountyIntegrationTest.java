package org.jingzhun.suite.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.suite.Suite;
import org.jingzhun.suite.demo.County.Activities;
import org.jingzhun.suite.demo.County.Completion;
import org.jingzhun.suite.demo.County.Org;
import org.jingzhun.suite.demo.County.Problem;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code --demo} as a user runs it: the whole suite on a fresh data directory loads the demo county
 * through the services' public APIs; the county totals then show every figure of the source document
 * (and of the generated data set, exactly). A second load on the same data records nothing.
 */
class DemoCountyIntegrationTest {

    private static final ObjectMapper json = new ObjectMapper();
    /**
     * The reporting service projects ~23,000 commands' events; on 2 busy cores that takes a while, and the
     * inboxes record them faster than it projects them, so most of the backlog is left for after the load.
     */
    private static final Duration PROJECTION_TIMEOUT = Duration.ofMinutes(10);

    private final HttpClient http = HttpClient.newHttpClient();
    private final County county = CountyGenerator.generate();
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
    void loadsTheSourceDocumentsCountyThroughTheApisAndASecondLoadAddsNothing() throws Exception {
        Path dataDir = Files.createTempDirectory("jingzhun-demo-it");
        // The services' output and the loader's progress, for when this test fails (and for timing).
        Files.createDirectories(Path.of("target"));
        log = new PrintStream(Files.newOutputStream(Path.of("target", "demo-county-integration-test.log")), true,
                StandardCharsets.UTF_8);
        // The default service JVM options with C1 for all four (the default gives checklist and rectification
        // C2): in the build the demo shares two cores with the fault suite, and C2's compiling cost more than it
        // saved (docs/benchmarks.md, "Build time"). What the test proves does not depend on the JIT.
        suite = Suite.create(log, "--data-dir=" + dataDir, "--reporting-port=0", "--organization-port=0",
                "--checklist-port=0", "--rectification-port=0", "--postgres-port=0", "--kafka-port=0",
                "--kafka-controller-port=0", "--demo",
                "--service-jvm-options=" + Suite.defaultServiceJvmOptions() + " -XX:TieredStopAtLevel=1");
        suite.start();

        String campaignId = campaignOfTheLoadedProblems();
        JsonNode first = awaitFiguresWhileIdle(campaignId);
        assertWhoIsBehind(campaignId);

        DemoCounty.Result again = DemoCounty.load(suite.demoTarget(), log, false);
        assertThat(again.campaignId()).isEqualTo(campaignId);
        assertThat(again.created()).as("commands recorded by the second load").isZero();
        assertThat(again.replayed()).isEqualTo(county.commands());

        JsonNode second = awaitFiguresWhileIdle(campaignId);
        assertThat(second.get("eventsProjected").asLong()).isEqualTo(first.get("eventsProjected").asLong());
        assertThat(withoutAsOf(second)).isEqualTo(withoutAsOf(first));
    }

    /** Waits until the totals show the demo county and the projection is idle (no new event between two polls). */
    private JsonNode awaitFiguresWhileIdle(String campaignId) {
        AtomicLong previousEvents = new AtomicLong(-1);
        AtomicReference<JsonNode> idle = new AtomicReference<>();
        await().atMost(PROJECTION_TIMEOUT).pollInterval(Duration.ofSeconds(3)).untilAsserted(() -> {
            JsonNode totals = json.readTree(get(suite.demoTarget().reporting(), "/api/totals?campaignId=" + campaignId));
            long events = totals.get("eventsProjected").asLong();
            long before = previousEvents.getAndSet(events);
            assertFigures(totals);
            assertThat(events).as("eventsProjected unchanged since the last poll").isEqualTo(before);
            idle.set(totals);
        });
        return idle.get();
    }

    private void assertFigures(JsonNode totals) {
        // The source document's reference figures.
        assertThat(totals.at("/organizations/total").asInt()).isEqualTo(533);
        assertThat(totals.at("/organizations/byTier/COUNTY").asInt()).isEqualTo(4);
        assertThat(totals.at("/organizations/byTier/SECTION").asInt()).isEqualTo(88);
        assertThat(totals.at("/organizations/byTier/BRANCH").asInt()).isEqualTo(441);
        assertThat(totals.at("/organizations/bySector/TOWNSHIP").asInt()).isEqualTo(15);
        assertThat(totals.at("/members/total").asInt()).isEqualTo(15_000);
        assertThat(totals.at("/honorRoom/units").asInt()).isEqualTo(66);
        assertThat(totals.at("/honorRoom/personVisits").asInt()).isEqualTo(1_630);
        assertThat(totals.at("/problems/found").asInt()).isEqualTo(178);
        assertThat(totals.at("/problems/rectified").asInt()).isEqualTo(157);
        assertThat(totals.at("/problems/inProgress").asInt()).isEqualTo(21);
        assertThat(totals.at("/problems/overdue").asInt()).isPositive().isEqualTo(CountyGenerator.OVERDUE);
        for (ResearchKind kind : ResearchKind.values()) {
            assertThat(totals.at("/research/" + kind).asInt()).as(kind.name()).isPositive();
        }
        assertThat(totals.at("/checklist/itemsCompleted").asInt()).isPositive();
        assertThat(totals.at("/checklist/completions").asInt()).isPositive();
        assertThat(totals.at("/checklist/branchesComplete").asInt()).isPositive();

        // The rest of the generated data set, exactly: nothing lost, nothing counted twice.
        Map<Sector, Long> bySector = count(Org::sector);
        for (Sector sector : Sector.values()) {
            assertThat(totals.at("/organizations/bySector/" + sector).asLong()).as(sector.name())
                    .isEqualTo(bySector.getOrDefault(sector, 0L));
        }
        county.members().stream().collect(Collectors.groupingBy(County.Member::status,
                Collectors.counting())).forEach((status, count) ->
                assertThat(totals.at("/members/byStatus/" + status).asLong()).as(status.name()).isEqualTo(count));
        county.members().stream().collect(Collectors.groupingBy(County.Member::occupation,
                Collectors.counting())).forEach((occupation, count) ->
                assertThat(totals.at("/members/byOccupation/" + occupation).asLong()).isEqualTo(count));
        long sessions = activities(a -> (long) a.sessions().size());
        double days = county.activities().stream().flatMap(a -> a.sessions().stream())
                .mapToDouble(County.Session::days).sum();
        assertThat(totals.at("/study/sessions").asLong()).isEqualTo(sessions);
        assertThat(totals.at("/study/days").asDouble()).isCloseTo(days, within(0.001));
        assertThat(totals.at("/study/notes").asLong()).isEqualTo(activities(a -> (long) a.notes().size()));
        for (ResearchKind kind : ResearchKind.values()) {
            assertThat(totals.at("/research/" + kind).asLong()).as(kind.name()).isEqualTo(activities(a ->
                    a.research().stream().filter(r -> r.kind() == kind).count()));
        }
        assertThat(totals.at("/checklist/completions").asLong()).isEqualTo(activities(a -> (long) a.checklist().size()));
        assertThat(totals.at("/checklist/itemsCompleted").asLong()).isEqualTo(activities(a -> (long) items(a).size()));
        assertThat(totals.at("/checklist/branchesComplete").asLong())
                .isEqualTo(activities(a -> items(a).size() == ChecklistItem.values().length ? 1L : 0L));
        long underSpecial = county.problems().stream().filter(p -> p.special() >= 0).count();
        long bySpecial = 0;
        for (JsonNode count : totals.at("/problems/bySpecialRectification")) {
            bySpecial += count.asLong();
        }
        assertThat(totals.at("/problems/bySpecialRectification").size()).isEqualTo(3);
        assertThat(bySpecial).isEqualTo(underSpecial);
        Map<Tier, Long> problemsByTier = new EnumMap<>(Tier.class);
        for (Problem problem : county.problems()) {
            problemsByTier.merge(county.organizations().get(problem.org()).tier(), 1L, Long::sum);
        }
        problemsByTier.forEach((tier, count) ->
                assertThat(totals.at("/problems/byTier/" + tier).asLong()).as(tier.name()).isEqualTo(count));
    }

    /** The compliance list names exactly the organizations the data set leaves behind, and why. */
    private void assertWhoIsBehind(String campaignId) throws Exception {
        JsonNode behind = json.readTree(get(suite.demoTarget().reporting(), "/api/compliance?campaignId=" + campaignId))
                .get("behind");
        Map<String, Set<String>> organizations = new java.util.HashMap<>();
        Map<String, Long> entries = new java.util.HashMap<>();
        for (JsonNode entry : behind) {
            String key = entry.get("tier").asText() + " " + entry.get("requirement").asText();
            organizations.computeIfAbsent(key, k -> new HashSet<>()).add(entry.get("organizationId").asText());
            entries.merge(key, 1L, Long::sum);
            assertThat(entry.get("explanation").asText()).as(entry.toString()).isNotBlank();
        }
        // One county body without five consecutive days in September (政协党组); eleven section teams short of
        // two days in some month, three of them of six days in all.
        assertThat(organizations.get("COUNTY STUDY_CONSECUTIVE_DAYS")).hasSize(1);
        Set<String> sectionStudy = new HashSet<>(organizations.getOrDefault("SECTION STUDY_DAYS_PER_MONTH", Set.of()));
        sectionStudy.addAll(organizations.getOrDefault("SECTION STUDY_TOTAL_DAYS", Set.of()));
        assertThat(sectionStudy).hasSize(11);
        assertThat(organizations.get("SECTION STUDY_TOTAL_DAYS")).hasSize(3);
        // One entry per ten-ones item a branch never completed.
        long missingItems = 0;
        for (int i = 0; i < county.organizations().size(); i++) {
            if (county.organizations().get(i).tier() == Tier.BRANCH) {
                missingItems += ChecklistItem.values().length - items(county.activities().get(i)).size();
            }
        }
        assertThat(entries.getOrDefault("BRANCH CHECKLIST_ITEM", 0L)).isEqualTo(missingItems).isPositive();
    }

    private Map<Sector, Long> count(Function<Org, Sector> key) {
        Map<Sector, Long> counts = new EnumMap<>(Sector.class);
        county.organizations().forEach(org -> counts.merge(key.apply(org), 1L, Long::sum));
        return counts;
    }

    private long activities(Function<Activities, Long> count) {
        return county.activities().stream().mapToLong(count::apply).sum();
    }

    private static Set<ChecklistItem> items(Activities activities) {
        Set<ChecklistItem> items = EnumSet.noneOf(ChecklistItem.class);
        for (Completion completion : activities.checklist()) {
            items.add(completion.item());
        }
        return items;
    }

    /** The campaign the demo launched, as rectification-service knows it from the problems it logged. */
    private String campaignOfTheLoadedProblems() throws Exception {
        JsonNode page = json.readTree(get(suite.demoTarget().rectification(), "/api/problems?size=500"));
        Set<String> campaigns = new HashSet<>();
        page.get("items").forEach(problem -> campaigns.add(problem.get("campaignId").asText()));
        assertThat(campaigns).hasSize(1);
        assertThat(page.get("items")).hasSize(178);
        return campaigns.iterator().next();
    }

    private static JsonNode withoutAsOf(JsonNode totals) {
        ObjectNode copy = totals.deepCopy();
        copy.remove("asOf");
        return copy;
    }

    private String get(URI service, String path) throws Exception {
        DemoCounty.Target target = suite.demoTarget();
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(service + path))
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (target.username() + ":" + target.password()).getBytes(StandardCharsets.UTF_8)))
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as("GET %s → %s", path, response.body()).isEqualTo(200);
        return response.body();
    }
}
