package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.reporting.MigratedDatabase;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The totals as of an instant at the size of a county: a two-month campaign (533 organizations, members,
 * study notes, problems and their lifecycle; about 30,000 events by default, 100,000 with
 * {@code -Djingzhun.asof.scale=1}), generated into an audit trail and projected twice through the real
 * totals read model: once as Kafka would deliver it across topics (a whole topic before the next, so far
 * out of recorded order) in batches written set-based as the projector writes a backlog, once in recorded
 * order event by event with the live totals read at 41 instants — what a replay up to each instant gives.
 * Every answer as of an instant from the first database must equal the second's at that instant. The time
 * each answer took is logged, not asserted (a timed test fails on a busy machine and proves nothing on a
 * quiet one); {@code benchmarks/AsOfAndReplay.java} measures a running suite.
 */
class AsOfCountyScaleTest {

    private static final Logger log = LoggerFactory.getLogger(AsOfCountyScaleTest.class);
    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime START = OffsetDateTime.parse("2019-09-01T00:00:00+08:00");
    private static final Duration CAMPAIGN = Duration.ofDays(60);
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();
    private static final double SCALE = Double.parseDouble(System.getProperty("jingzhun.asof.scale", "0.2"));
    private static final int MEMBERS = (int) (15000 * SCALE);

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void answersAsOfAnyInstantOfACountyAsAReplayUpToThatInstantDoes() {
        DataSource countyDatabase = database("county");
        JdbcClient county = JdbcClient.create(countyDatabase);
        long loading = System.nanoTime();
        long events = loadCounty(county);
        log.info("County history: {} events written in {} ms", events, millis(loading));
        assertThat(events).isGreaterThan((long) (85_000 * SCALE));

        // As delivered: one topic after the other (rectification first: problems before their organizations),
        // each in its own order — far out of recorded order overall.
        // A backlog that large reaches the projector in full polls: set-based (applyAll), as its bulk path writes.
        List<ProjectedEvent> delivered = events(county, "topic DESC, recorded_at, offset_no");
        Totalled arrived = new Totalled(countyDatabase, true);
        long projecting = System.nanoTime();
        arrived.project(delivered);
        log.info("{} events projected in {} ms", delivered.size(), millis(projecting));

        // In recorded order, reading the live totals at each instant on the way: a replay up to it.
        List<OffsetDateTime> instants = new ArrayList<>();
        for (int step = 0; step <= 40; step++) {
            instants.add(START.plus(CAMPAIGN.multipliedBy(step).dividedBy(40)).plusMinutes(7 * step));
        }
        // Record by record (apply), as the live projector writes small polls: both paths must give the same answers.
        Totalled replay = new Totalled(database("replay"), false);
        Map<OffsetDateTime, Map<String, Totals>> replayed = new LinkedHashMap<>();
        List<ProjectedEvent> inOrder = events(county, "recorded_at, topic, partition_no, offset_no");
        int next = 0;
        for (OffsetDateTime instant : instants) {
            int from = next;
            while (next < inOrder.size() && !inOrder.get(next).time().isAfter(instant)) {
                next++;
            }
            replay.project(inOrder.subList(from, next));
            replayed.put(instant, replay.live());
        }
        replay.project(inOrder.subList(next, inOrder.size()));

        answerAsOf(arrived.query, replayed, events, "a new connection each");
        // As the service answers: over a connection kept open, as its pool keeps them.
        SingleConnectionDataSource kept = new SingleConnectionDataSource(postgres.jdbcUrl("county"),
                postgres.username(), "", true);
        try {
            TotalsQuery pooled = new TotalsQuery(JdbcClient.create(kept), new DataSourceTransactionManager(kept),
                    new JingzhunProperties("reporting-service", COUNTY),
                    Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
            answerAsOf(pooled, replayed, events, "one connection kept open");
        } finally {
            kept.destroy();
        }

        Totals end = arrived.query.totals(null, AsOf.at(START.plusYears(1)));
        assertThat(end).isEqualTo(arrived.query.totals(null)).isEqualTo(replay.query.totals(null))
                .isEqualTo(arrived.query.countedFromRows(null, AsOf.live()));
        assertThat(end.eventsProjected()).isEqualTo(events);
        assertThat(end.organizations().total()).isGreaterThan(400);
        assertThat(end.members().total()).isGreaterThan((long) (MEMBERS * 0.7));
        assertThat(end.problems().found()).isEqualTo(2000);
    }

    /** Every answer as of the instants equals the replay's; their times are logged. */
    private static void answerAsOf(TotalsQuery query, Map<OffsetDateTime, Map<String, Totals>> replayed, long events,
                                   String connections) {
        List<Long> timings = new ArrayList<>();
        replayed.forEach((instant, expected) -> expected.forEach((campaign, totals) -> {
            long started = System.nanoTime();
            Totals answer = query.totals("all".equals(campaign) ? null : campaign, AsOf.at(instant));
            timings.add(millis(started));
            assertThat(answer).as("as of %s, campaign %s", instant, campaign).isEqualTo(totals);
        }));
        Collections.sort(timings);
        log.info("As-of answers over {} events ({}): median {} ms, 90th percentile {} ms, 99th percentile {} ms,"
                        + " max {} ms", events, connections, timings.get(timings.size() / 2),
                timings.get(timings.size() * 9 / 10), timings.get(timings.size() * 99 / 100),
                timings.get(timings.size() - 1));
    }

    private static DataSource database(String name) {
        return MigratedDatabase.of(postgres, name);
    }

    /** The audit trail's events, decoded as the projector decodes them, in the order given. */
    private static List<ProjectedEvent> events(JdbcClient jdbc, String order) {
        return jdbc.sql("SELECT type, topic, partition_no, offset_no, event_id, payload::text, subject, recorded_at"
                        + " FROM audit_event ORDER BY " + order)
                .query((rs, row) -> {
                    EventType type = EventCatalog.byCloudEventType(rs.getString(1)).orElseThrow();
                    try {
                        Object payload = EVENT_JSON.readValue(rs.getString(6), type.eventClass());
                        return new ProjectedEvent(rs.getString(2), rs.getInt(3), rs.getLong(4), rs.getString(5), type,
                                payload, rs.getString(6), rs.getString(7), 0, rs.getObject(8, OffsetDateTime.class),
                                "load");
                    } catch (java.io.IOException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .list();
    }

    /** A database with the totals read model and its query. */
    private static final class Totalled {
        final TotalsQuery query;
        private final TotalsProjection projection;
        private final TransactionTemplate transactions;
        private final boolean inBulk;

        Totalled(DataSource dataSource, boolean inBulk) {
            this.inBulk = inBulk;
            JdbcClient jdbc = JdbcClient.create(dataSource);
            DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
            this.projection = new TotalsProjection(jdbc);
            this.transactions = new TransactionTemplate(transactionManager);
            this.query = new TotalsQuery(jdbc, transactionManager, new JingzhunProperties("reporting-service", COUNTY),
                    Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
        }

        /** In transactions of 1,000 events, as the projector's batches: set-based or event by event. */
        void project(List<ProjectedEvent> events) {
            for (int from = 0; from < events.size(); from += 1000) {
                List<ProjectedEvent> batch = events.subList(from, Math.min(events.size(), from + 1000));
                transactions.executeWithoutResult(status -> {
                    if (inBulk) {
                        projection.applyAll(batch);
                    } else {
                        batch.forEach(projection::apply);
                    }
                });
            }
        }

        /** The live totals counted from the rows; the live answer (from the roll-ups) must equal them. */
        Map<String, Totals> live() {
            Map<String, Totals> totals = new LinkedHashMap<>();
            totals.put("all", query.countedFromRows(null, AsOf.live()));
            totals.put("campaign-1", query.countedFromRows("campaign-1", AsOf.live()));
            assertThat(query.totals(null)).as("live, all campaigns").isEqualTo(totals.get("all"));
            assertThat(query.totals("campaign-1")).as("live, campaign-1").isEqualTo(totals.get("campaign-1"));
            return totals;
        }
    }

    /** Writes a county's history into the audit trail, as the projector would have; returns how many events. */
    private static long loadCounty(JdbcClient jdbc) {
        // Every event at a random instant of the campaign, except that an aggregate's events keep their order.
        String insert = """
                INSERT INTO audit_event (event_id, type, topic, partition_no, offset_no, subject, sequence_no, actor,
                                         recorded_at, organization_id, campaign_id, payload)
                SELECT md5(:kind || i), 'jingzhun.' || :service || '.' || :kind || '.v1', 'jingzhun.' || :service || '.events',
                       i %% 6, i, e.subject, 0, 'load', e.at, e.payload ->> 'organizationId', e.payload ->> 'campaignId',
                       e.payload
                FROM generate_series(1, :count) AS i, LATERAL (%s) AS e""";
        // Fragments passed as arguments of formatted(): a single % is PostgreSQL's modulo.
        String org = "'org-' || (1 + i % 533)";
        String member = "md5('member' || (1 + i % " + MEMBERS + "))";
        String problem = "md5('problem' || (i % 2000))";
        String at = "timestamptz '2019-09-01T00:00:00+08:00' + %s * interval '60 days'";
        String anytime = at.formatted("random()");
        String campaign = "'campaign-' || (1 + i % 2)";
        long total = 0;
        total += load(jdbc, insert, "organization", "OrganizationRegistered", 533, """
                SELECT 'org-' || i AS subject, timestamptz '2019-09-01T00:00:00+08:00' + i * interval '1 second' AS at,
                       jsonb_build_object('organizationId', 'org-' || i, 'name', '支部',
                           'tier', (ARRAY['COUNTY','SECTION','BRANCH','BRANCH','BRANCH'])[1 + i % 5],
                           'sector', (ARRAY['COUNTY_LEADERSHIP','TOWNSHIP','VILLAGE','ORGAN','NON_PUBLIC','STATE_OWNED',
                                            'EDUCATION','HEALTH'])[1 + i % 8]) AS payload""");
        total += load(jdbc, insert, "organization", "MemberEnrolled", MEMBERS, """
                SELECT md5('member' || i) AS subject,
                       timestamptz '2019-09-02T00:00:00+08:00' + i * interval '10 seconds' AS at,
                       jsonb_build_object('memberId', md5('member' || i), 'organizationId', %s,
                           'field', (ARRAY['ORGAN_INSTITUTION','RURAL','ENTERPRISE','OTHER'])[1 + i %% 4],
                           'occupation', (ARRAY['PUBLIC_SERVANT','NO_POST','OTHER'])[1 + i %% 3],
                           'status', (ARRAY['REGULAR','MOBILE','ELDERLY_INFIRM'])[1 + i %% 3]) AS payload"""
                .formatted(org));
        for (String kind : List.of("MemberTransferred", "MemberLeft", "MemberRecategorized")) {
            total += load(jdbc, insert, "organization", kind, scaled(1000), """
                    SELECT %s AS subject, timestamptz '2019-09-05T00:00:00+08:00' + random() * interval '50 days' AS at,
                           jsonb_build_object('memberId', %s, 'organizationId', %s, 'previousOrganizationId', 'org-1',
                               'field', 'RURAL', 'occupation', 'OTHER', 'status', 'MOBILE') AS payload"""
                    .formatted(member, member, org));
        }
        total += load(jdbc, insert, "checklist", "HonorRoomVisited", scaled(1600), """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'organizationId', %s, 'campaignId', %s,
                           'date', '2019-09-20', 'visitors', 1 + i %% 40) AS payload"""
                .formatted(anytime, org, campaign));
        total += load(jdbc, insert, "checklist", "StudySessionHeld", scaled(6000), """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'sessionId', md5('session' || i),
                           'organizationId', %s, 'campaignId', %s, 'date', '2019-09-20', 'days', 0.5 * (1 + i %% 4),
                           'format', 'CONCENTRATED', 'readings', jsonb_build_array('《学习纲要》'), 'attendees', 20,
                           'attendeeIds', jsonb_build_array()) AS payload"""
                .formatted(anytime, org, campaign));
        total += load(jdbc, insert, "checklist", "StudyNoteRecorded", scaled(60000), """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'noteId', md5('note' || i),
                           'organizationId', %s, 'campaignId', %s, 'memberId', %s, 'kind', 'NOTES',
                           'date', '2019-09-20') AS payload"""
                .formatted(anytime, org, campaign, member));
        total += load(jdbc, insert, "checklist", "ResearchSubmitted", scaled(3000), """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'researchId', md5('research' || i),
                           'organizationId', %s, 'campaignId', %s,
                           'kind', (ARRAY['RESEARCH_REPORT','PROBLEM_BRIEF','GOLDEN_IDEA'])[1 + i %% 3],
                           'title', '调研报告', 'date', '2019-09-20') AS payload"""
                .formatted(anytime, org, campaign));
        total += load(jdbc, insert, "checklist", "ChecklistItemCompleted", 4410, """
                SELECT 'record-' || i %% 441 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 441, 'completionId', md5('completion' || i),
                           'organizationId', 'org-' || (1 + i %% 441), 'campaignId', 'campaign-1',
                           'item', (ARRAY['PLAN','DEPLOYMENT','STUDY_SERIES','SECRETARY_TRAINING','PARTY_LECTURE',
                                          'EXPERIENCE_EXCHANGE','RECTIFICATION_LEDGER','VOLUNTEER_SERVICE',
                                          'ORGANIZATIONAL_LIFE_MEETING','SUMMARY'])[1 + (i / 441) %% 10],
                           'date', '2019-09-20') AS payload"""
                .formatted(anytime));
        // A problem's events in order: logged in the first month, each next step later.
        String lifecycle = """
                SELECT %s AS subject, timestamptz '2019-09-01T00:00:00+08:00' + (i %% 2000) * interval '20 minutes'
                           + %s * interval '1 day' AS at,
                       jsonb_build_object('problemId', %s, 'organizationId', %s, 'campaignId', %s,
                           'focusArea', 'SERVING_THE_MASSES',
                           'source', (ARRAY['SELF_INSPECTION','SOLICITED_OPINION','INSPECTION_FEEDBACK','SUPERVISION',
                                            'PUBLIC_REPORT'])[1 + i %% 5],
                           'description', '办事难', 'owner', '王五', 'deadline', '2019-10-31T16:00:00Z',
                           'measures', jsonb_build_array(), 'evidence', '已整改', 'attachments', jsonb_build_array(),
                           'verifiedBy', 'admin', 'reason', '未整改到位') AS payload""";
        String problemOrg = "'org-' || (1 + (i % 2000) % 533)";
        String problemCampaign = "'campaign-' || (1 + (i % 2000) % 2)";
        int step = 0;
        for (String kind : List.of("ProblemLogged", "RectificationMeasuresSet", "ProblemRectified",
                "RectificationVerified", "ProblemReopened", "ProblemOverdue")) {
            int count = switch (kind) {
                case "ProblemLogged" -> 2000;
                case "RectificationMeasuresSet" -> 1800;
                case "ProblemRectified" -> 1500;
                case "RectificationVerified" -> 1000;
                default -> 300;
            };
            total += load(jdbc, insert, "rectification", kind, count,
                    lifecycle.formatted(problem, Integer.toString(5 * step++), problem, problemOrg, problemCampaign));
        }
        return total;
    }

    private static long load(JdbcClient jdbc, String insert, String service, String kind, int count, String select) {
        return jdbc.sql(insert.formatted(select)).param("kind", kind).param("service", service).param("count", count)
                .update();
    }

    private static int scaled(int count) {
        return (int) (count * SCALE);
    }

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
