package org.jingzhun.reporting.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.audit.EventHash;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The audit projection and the NDJSON export, on a fresh database per test of a real PostgreSQL. */
class AuditTrailTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime T1 = OffsetDateTime.parse("2019-09-27T13:00:00Z");
    private static final OffsetDateTime T2 = T1.plusHours(1);
    private static final OffsetDateTime T3 = T1.plusHours(2);
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    private JdbcClient jdbc;
    private AuditTrail trail;
    private AuditExport export;
    private TransactionTemplate transactions;
    private long offsets;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        String database = "audit_" + DATABASES.incrementAndGet();
        DataSource dataSource = MigratedDatabase.of(postgres, database);
        jdbc = JdbcClient.create(dataSource);
        trail = new AuditTrail(jdbc);
        transactions = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        export = new AuditExport(dataSource, new DataSourceTransactionManager(dataSource),
                new JingzhunProperties("reporting-service", COUNTY), new SimpleMeterRegistry());
    }

    @Test
    void writesEachEventWithItsEnvelopeAndPayloadAsOneLine() throws Exception {
        ProblemLogged logged = new ProblemLogged("p-1", "org-a", "c-1", FocusArea.SERVING_THE_MASSES,
                ProblemSource.SELF_INSPECTION, null, "办事难", "王五", Instant.parse("2019-10-31T16:00:00Z"));
        ProjectedEvent event = new ProjectedEvent("jingzhun.rectification.events", 2, 41, "e-1", type(logged), logged,
                EVENT_JSON.writeValueAsString(logged), "p-1", 0, T1, "clerk-7");
        trail.apply(event);

        List<JsonNode> lines = export(AuditQuery.parse(null, null, null, null));

        assertThat(lines).hasSize(1);
        JsonNode line = lines.get(0);
        assertThat(fields(line)).containsExactly("id", "type", "time", "actor", "subject", "sequence",
                "organizationId", "campaignId", "hash", "prevHash", "position", "causationSource", "causationId", "event");
        assertThat(line.get("id").asText()).isEqualTo("e-1");
        assertThat(line.get("type").asText()).isEqualTo("jingzhun.rectification.ProblemLogged.v1");
        assertThat(line.get("time").asText()).isEqualTo("2019-09-27T21:00:00+08:00");
        assertThat(line.get("actor").asText()).isEqualTo("clerk-7");
        assertThat(line.get("subject").asText()).isEqualTo("p-1");
        assertThat(line.get("sequence").asLong()).isZero();
        assertThat(line.get("organizationId").asText()).isEqualTo("org-a");
        assertThat(line.get("campaignId").asText()).isEqualTo("c-1");
        assertThat(line.get("hash").isNull()).isTrue();
        assertThat(line.get("prevHash").isNull()).isTrue();
        assertThat(line.get("position").asLong()).isPositive();
        assertThat(line.get("causationSource").isNull()).isTrue();
        assertThat(line.get("causationId").isNull()).isTrue();
        assertThat(EVENT_JSON.treeToValue(line.get("event"), ProblemLogged.class)).isEqualTo(logged);
        assertThat(jdbc.sql("SELECT topic, partition_no, offset_no FROM audit_event").query().singleRow())
                .containsValues("jingzhun.rectification.events", 2, 41L);
    }

    @Test
    void namesTheInboxCloudEventThatCausedAnEvent() throws Exception {
        HonorRoomVisited visit = new HonorRoomVisited("r-1", "org-a", "c-1", DAY, 3);
        trail.apply(new ProjectedEvent("jingzhun.checklist.events", 0, 1, "e-1", type(visit), visit,
                EVENT_JSON.writeValueAsString(visit), "r-1", 0, T1, "/county/honor-room-kiosk", null, null,
                "/county/honor-room-kiosk", "visit-7"));

        JsonNode line = export(AuditQuery.parse(null, null, null, null)).get(0);

        assertThat(line.get("causationSource").asText()).isEqualTo("/county/honor-room-kiosk");
        assertThat(line.get("causationId").asText()).isEqualTo("visit-7");
        assertThat(jdbc.sql("SELECT causation_source, causation_id FROM audit_event").query().singleRow())
                .containsValues("/county/honor-room-kiosk", "visit-7");
    }

    @Test
    void keepsAndExportsTheHashChainAsItTravelled() throws Exception {
        HonorRoomVisited visit = new HonorRoomVisited("r-1", "org-a", "c-1", DAY, 3);
        String json = EVENT_JSON.writeValueAsString(visit);
        String hash = EventHash.of(EventHash.GENESIS, "e-1", type(visit).cloudEventType(), "r-1", 0, T1.toInstant(),
                json);
        trail.apply(new ProjectedEvent("jingzhun.checklist.events", 0, 1, "e-1", type(visit), visit, json, "r-1", 0, T1,
                "clerk", hash, EventHash.GENESIS));
        trail.apply(new ProjectedEvent("jingzhun.checklist.events", 0, 2, "e-2", type(visit), visit, json, "r-1", 1, T2,
                "clerk", "b".repeat(64), hash));

        List<JsonNode> lines = export(AuditQuery.parse(null, null, null, null));

        assertThat(lines).extracting(line -> line.get("hash").asText()).containsExactly(hash, "b".repeat(64));
        assertThat(lines).extracting(line -> line.get("prevHash").asText()).containsExactly(EventHash.GENESIS, hash);
        assertThat(lines.get(1).get("position").asLong()).isGreaterThan(lines.get(0).get("position").asLong());
    }

    @Test
    void leavesOrganizationAndCampaignEmptyForEventsWithoutThem() throws Exception {
        record(new CampaignLaunched("c-1", "第二批主题教育", DAY, DAY.plusMonths(3)), "c-1", T1);

        JsonNode line = export(AuditQuery.parse(null, null, null, null)).get(0);

        assertThat(line.get("organizationId").isNull()).isTrue();
        assertThat(line.get("campaignId").asText()).isEqualTo("c-1");
    }

    @Test
    void keepsOneRowPerEventId() throws Exception {
        HonorRoomVisited visit = new HonorRoomVisited("r-1", "org-a", "c-1", DAY, 3);
        ProjectedEvent event = event("e-1", visit, "r-1", T1, 0, 1);
        trail.apply(event);
        trail.apply(event);

        assertThat(export(AuditQuery.parse(null, null, null, null))).hasSize(1);
    }

    @Test
    void answersInRecordedOrderThenTopicPartitionAndOffset() throws Exception {
        // Arrival order differs from recorded order: partitions interleave.
        record("e-late", visit("org-a"), T3, 0, 7);
        record("e-tie-p1", visit("org-a"), T2, 1, 3);
        record("e-tie-p0-b", visit("org-b"), T2, 0, 9);
        record("e-tie-p0-a", visit("org-b"), T2, 0, 2);
        record("e-first", visit("org-c"), T1, 2, 50);

        assertThat(ids(export(AuditQuery.parse(null, null, null, null))))
                .containsExactly("e-first", "e-tie-p0-a", "e-tie-p0-b", "e-tie-p1", "e-late");
    }

    @Test
    void filtersByOrganizationTypeAndAnInclusiveTimeRange() throws Exception {
        record("reg-a", new OrganizationRegistered("org-a", "甲支部", Tier.BRANCH, Sector.VILLAGE, null),
                T1.minusMinutes(1), 0, 1);
        record("visit-a1", visit("org-a"), T1, 1, 1);
        record("visit-b", visit("org-b"), T2, 1, 2);
        record("visit-a2", visit("org-a"), T2, 1, 3);
        record("logged-a", new ProblemLogged("p-1", "org-a", "c-1", FocusArea.OTHER, ProblemSource.SUPERVISION, null,
                "问题", "李四", Instant.parse("2019-10-31T16:00:00Z")), T3, 2, 1);
        record("rectified-a", new ProblemRectified("p-1", "org-a", "c-1", "已整改", List.of()), T3.plusMinutes(1), 2, 2);

        assertThat(ids(export(AuditQuery.parse("org-a", null, null, null))))
                .containsExactly("reg-a", "visit-a1", "visit-a2", "logged-a", "rectified-a");
        assertThat(ids(export(AuditQuery.parse(null, "HonorRoomVisited", null, null))))
                .containsExactly("visit-a1", "visit-b", "visit-a2");
        assertThat(ids(export(AuditQuery.parse("org-a", "jingzhun.checklist.HonorRoomVisited.v1", null, null))))
                .containsExactly("visit-a1", "visit-a2");
        assertThat(ids(export(AuditQuery.parse(null, "ProblemLogged,ProblemRectified", null, null))))
                .containsExactly("logged-a", "rectified-a");
        assertThat(ids(export(AuditQuery.parse(null, null, T2.toString(), T3.toString()))))
                .containsExactly("visit-b", "visit-a2", "logged-a");
        // The county's offset, and a '+' that arrived unencoded as a space.
        assertThat(ids(export(AuditQuery.parse(null, null, "2019-09-27T22:00:00 08:00", null))))
                .containsExactly("visit-b", "visit-a2", "logged-a", "rectified-a");
    }

    @Test
    void rejectsBadFiltersNamingTheParameter() {
        assertThatThrownBy(() -> AuditQuery.parse(null, null, "yesterday", null))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.field()).isEqualTo("from"));
        assertThatThrownBy(() -> AuditQuery.parse(null, null, null, "2019-09-27"))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> AuditQuery.parse(null, null, T2.toString(), T1.toString()))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.field()).isEqualTo("to"));
        assertThatThrownBy(() -> AuditQuery.parse(null, "ProblemSolved", null, null))
                .isInstanceOfSatisfying(RuleViolation.class, e -> assertThat(e.field()).isEqualTo("type"));
    }

    @Test
    void streamsAHistoryLargerThanOneFetchWhileTheCursorIsOpen() throws Exception {
        int events = 2_500;
        // One transaction, as the projector writes: a commit per row would only measure fsync.
        transactions.executeWithoutResult(status -> {
            for (int i = 0; i < events; i++) {
                trail.apply(event("e-" + i, visit("org-" + (i % 7)), "subject", T1.plusSeconds(i), i % 3, i));
            }
        });
        CountingStream out = new CountingStream();

        long written = export.write(AuditQuery.parse(null, null, null, null), out);

        assertThat(written).isEqualTo(events);
        assertThat(out.lines).isEqualTo(events);
        // Lines leave in chunks as rows arrive, from inside the cursor's transaction, not after a full read.
        assertThat(out.firstBytesWithinTheQuery).isTrue();
        assertThat(out.writesBeforeTheEnd).isGreaterThan(10);
    }

    private void record(Object payload, String subject, OffsetDateTime time) throws Exception {
        record("e-" + offsets, payload, time, 0, offsets++, subject);
    }

    private void record(String eventId, Object payload, OffsetDateTime time, int partition, long offset)
            throws Exception {
        record(eventId, payload, time, partition, offset, "subject");
    }

    private void record(String eventId, Object payload, OffsetDateTime time, int partition, long offset,
                        String subject) throws Exception {
        trail.apply(event(eventId, payload, subject, time, partition, offset));
    }

    private static ProjectedEvent event(String eventId, Object payload, String subject, OffsetDateTime time,
                                        int partition, long offset) {
        EventType type = type(payload);
        try {
            return new ProjectedEvent(type.topic(), partition, offset, eventId, type, payload,
                    EVENT_JSON.writeValueAsString(payload), subject, 0, time, "test");
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static HonorRoomVisited visit(String org) {
        return new HonorRoomVisited("record-" + org, org, "c-1", DAY, 5);
    }

    private static EventType type(Object payload) {
        return EventCatalog.byClass(payload.getClass()).orElseThrow();
    }

    private List<JsonNode> export(AuditQuery query) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        export.write(query, out);
        String text = out.toString(StandardCharsets.UTF_8);
        List<JsonNode> lines = new ArrayList<>();
        if (!text.isEmpty()) {
            assertThat(text).endsWith("\n");
            for (String line : text.split("\n")) {
                assertThat(line).startsWith("{").endsWith("}");
                lines.add(JSON.readTree(line));
            }
        }
        return lines;
    }

    private static List<String> ids(List<JsonNode> lines) {
        return lines.stream().map(line -> line.get("id").asText()).toList();
    }

    private static List<String> fields(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    /** Counts lines without keeping them, and notes whether they arrive while the query still runs. */
    private static final class CountingStream extends OutputStream {
        long lines;
        int writesBeforeTheEnd;
        Boolean firstBytesWithinTheQuery;

        @Override
        public void write(int b) {
            write(new byte[] {(byte) b}, 0, 1);
        }

        @Override
        public void write(byte[] bytes, int offset, int length) {
            boolean withinTheQuery = TransactionSynchronizationManager.isActualTransactionActive();
            if (firstBytesWithinTheQuery == null) {
                firstBytesWithinTheQuery = withinTheQuery;
            }
            if (withinTheQuery) {
                writesBeforeTheEnd++;
            }
            for (int i = offset; i < offset + length; i++) {
                if (bytes[i] == '\n') {
                    lines++;
                }
            }
        }
    }
}
