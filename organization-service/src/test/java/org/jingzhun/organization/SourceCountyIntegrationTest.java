package org.jingzhun.organization;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.Properties;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.jingzhun.contracts.Topics;
import org.springframework.jdbc.core.JdbcTemplate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.junit.jupiter.api.Test;

/**
 * The source document's county built through the HTTP API: 4 county bodies, 88 section teams,
 * 441 branches and 15,000 members, then counted back by tier and sector from the API.
 */
class SourceCountyIntegrationTest {

    /** Section teams per sector (88 in all) and, for each, the sector of the branches under it. */
    private static final Map<Sector, Integer> SECTIONS = new EnumMap<>(Map.of(Sector.TOWNSHIP, 15, Sector.ORGAN, 40,
            Sector.EDUCATION, 8, Sector.HEALTH, 7, Sector.STATE_OWNED, 8, Sector.NON_PUBLIC, 10));
    private static final int BRANCHES = 441;
    private static final int MEMBERS = 15_000;

    private final ServiceUnderTest service = ServiceUnderTest.get();
    private final String run = UUID.randomUUID().toString().substring(0, 6);

    private String create(String body) {
        HttpResponse<String> response = service.send("POST", "/api/organizations", body);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
        return ServiceUnderTest.json(response).get("id").asText();
    }

    @Test
    void buildsTheSourceCountyAndCountsItBackByTierAndSector() throws Exception {
        List<String> counties = new ArrayList<>();
        for (String name : List.of("县委常委会", "县政府党组", "县人大常委会党组", "县政协党组")) {
            counties.add(create("{\"name\":\"" + name + run + "\",\"tier\":\"COUNTY\",\"sector\":\"COUNTY_LEADERSHIP\"}"));
        }
        List<String[]> sections = new ArrayList<>();
        int n = 0;
        for (var entry : SECTIONS.entrySet()) {
            for (int i = 0; i < entry.getValue(); i++, n++) {
                String id = create("{\"name\":\"科级班子" + n + "\",\"tier\":\"SECTION\",\"sector\":\"" + entry.getKey()
                        + "\",\"parentId\":\"" + counties.get(n % counties.size()) + "\"}");
                sections.add(new String[] {id, entry.getKey().name()});
            }
        }
        assertThat(sections).hasSize(88);

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<String>> branchCalls = new ArrayList<>();
            for (int b = 0; b < BRANCHES; b++) {
                String[] section = sections.get(b % sections.size());
                // Town committees' branches are mostly village branches (村党支部).
                String sector = section[1].equals("TOWNSHIP") && b % 5 != 0 ? "VILLAGE" : section[1];
                String body = "{\"name\":\"党支部" + b + "\",\"tier\":\"BRANCH\",\"sector\":\"" + sector
                        + "\",\"parentId\":\"" + section[0] + "\"}";
                branchCalls.add(() -> create(body));
            }
            List<String> branches = new ArrayList<>();
            for (Future<String> id : pool.invokeAll(branchCalls)) {
                branches.add(id.get());
            }
            List<Callable<Integer>> memberCalls = new ArrayList<>();
            MemberField[] fields = MemberField.values();
            MemberOccupation[] occupations = MemberOccupation.values();
            MemberStatus[] statuses = MemberStatus.values();
            for (int m = 0; m < MEMBERS; m++) {
                String path = "/api/organizations/" + branches.get(m % branches.size()) + "/members";
                String body = "{\"field\":\"" + fields[m % fields.length] + "\",\"occupation\":\""
                        + occupations[m % occupations.length] + "\",\"status\":\"" + statuses[m % statuses.length] + "\"}";
                memberCalls.add(() -> service.send("POST", path, body).statusCode());
            }
            for (Future<Integer> status : pool.invokeAll(memberCalls)) {
                assertThat(status.get()).isEqualTo(201);
            }
        } finally {
            pool.shutdown();
        }

        Map<Tier, Integer> byTier = new EnumMap<>(Tier.class);
        Map<Sector, Integer> bySector = new EnumMap<>(Sector.class);
        long members = 0;
        for (String county : counties) {
            JsonNode subtree;
            int page = 0;
            do {
                subtree = ServiceUnderTest.json(service.send("GET",
                        "/api/organizations/" + county + "/subtree?size=500&page=" + page++, null));
                for (JsonNode organization : subtree.get("items")) {
                    byTier.merge(Tier.valueOf(organization.get("tier").asText()), 1, Integer::sum);
                    bySector.merge(Sector.valueOf(organization.get("sector").asText()), 1, Integer::sum);
                    members += organization.get("members").asLong();
                }
            } while ((long) page * 500 < subtree.get("total").asLong());
        }
        assertThat(byTier).containsEntry(Tier.COUNTY, 4).containsEntry(Tier.SECTION, 88).containsEntry(Tier.BRANCH, 441);
        assertThat(bySector.get(Sector.COUNTY_LEADERSHIP)).isEqualTo(4);
        assertThat(bySector.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(533);
        assertThat(bySector.get(Sector.VILLAGE)).isPositive();
        assertThat(members).isEqualTo(MEMBERS);

        assertEveryStoredEventReachedKafka();

        JsonNode branchPage = ServiceUnderTest.json(service.send("GET",
                "/api/organizations?tier=BRANCH&parentId=" + sections.get(0)[0] + "&size=500", null));
        assertThat(branchPage.get("total").asInt()).isEqualTo(branchPage.get("items").size()).isPositive();
    }

    /**
     * 15,000 commands from 8 clients commit concurrently and out of global-index order: the relay's
     * gap-aware tracking must still publish every committed event (none skipped as a gap).
     */
    private void assertEveryStoredEventReachedKafka() {
        Set<String> stored = new HashSet<>(service.app().getBean(JdbcTemplate.class).queryForList(
                "SELECT event_identifier FROM domain_event_entry WHERE payload_type NOT LIKE '%MemberNamed'",
                String.class));
        Set<String> published = new HashSet<>();
        Properties props = new Properties();
        props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, service.infra().kafka().bootstrapServers());
        props.put(ConsumerConfig.GROUP_ID_CONFIG, "county-check-" + run);
        props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        props.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
        props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(props)) {
            consumer.subscribe(List.of(Topics.ORGANIZATION_EVENTS));
            await().atMost(Duration.ofSeconds(120)).until(() -> {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    published.add(new String(record.headers().lastHeader("ce_id").value(), StandardCharsets.UTF_8));
                }
                return published.containsAll(stored);
            });
        }
        assertThat(stored).hasSizeGreaterThan(MEMBERS);
    }
}
