package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.JingzhunProperties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The totals as of an instant at the size of a county: about 10^5 recorded events over a two-month
 * campaign (533 organizations, 15,000 members, 60,000 study notes, problems and their lifecycle),
 * written straight into the audit trail. Answers at any instant must agree with a replay of the whole
 * history. The time each answer took is logged, not asserted: speed is measured by
 * {@code benchmarks/AsOfTotals.java} against a running suite (a timed test fails on a busy machine and
 * proves nothing on a quiet one).
 */
class AsOfCountyScaleTest {

    private static final Logger log = LoggerFactory.getLogger(AsOfCountyScaleTest.class);
    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime START = OffsetDateTime.parse("2019-09-01T00:00:00+08:00");
    private static final Duration CAMPAIGN = Duration.ofDays(60);

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
    void answersAsOfAnyInstantOfACountyAsAReplayOfTheWholeHistoryWould() {
        postgres.createDatabaseIfMissing("county");
        DataSource dataSource = postgres.dataSource("county");
        Flyway.configure().dataSource(dataSource)
                .locations("classpath:db/jingzhun-platform", "classpath:db/reporting-service").load().migrate();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        DataSourceTransactionManager transactions = new DataSourceTransactionManager(dataSource);
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        long loading = System.nanoTime();
        long events = loadCounty(jdbc);
        log.info("County history: {} events written in {} ms", events, millis(loading));
        assertThat(events).isGreaterThan(90_000);

        AsOfSettings settings = new AsOfSettings(5000, Duration.ofSeconds(5), Duration.ofSeconds(2));
        TotalsCheckpoints checkpoints = new TotalsCheckpoints(jdbc, dataSource, transactions, settings, meters);
        long building = System.nanoTime();
        while (checkpoints.catchUp() > 0) {
            // until the history after the last checkpoint is shorter than one interval
        }
        long checkpointCount = jdbc.sql("SELECT count(*) FROM totals_checkpoint").query(Long.class).single();
        long largest = jdbc.sql("SELECT max(pg_column_size(state)) FROM totals_checkpoint").query(Long.class).single();
        log.info("{} checkpoints built in {} ms; largest {} KiB stored", checkpointCount, millis(building),
                largest / 1024);
        assertThat(checkpointCount).isGreaterThanOrEqualTo(events / 5000 - 1);

        AsOfTotals asOf = new AsOfTotals(checkpoints, dataSource, transactions,
                new JingzhunProperties("reporting-service", COUNTY), meters);
        List<Long> timings = new ArrayList<>();
        for (int step = 0; step <= 40; step++) {
            OffsetDateTime instant = START.plus(CAMPAIGN.multipliedBy(step).dividedBy(40)).plusMinutes(7 * step);
            String campaign = step % 2 == 0 ? null : "campaign-1";
            long started = System.nanoTime();
            Totals answer = asOf.totals(campaign, instant);
            timings.add(millis(started));
            if (step % 13 == 0) {
                // Between checkpoints too, the answer is what a replay up to that instant gives.
                TotalsModel upTo = new TotalsModel();
                new TransactionTemplate(transactions).executeWithoutResult(status ->
                        new RecordedEvents(dataSource).replay(upTo, null, instant));
                assertThat(answer).as("as of %s", instant).isEqualTo(upTo.totals(campaign, COUNTY, instant));
            }
        }
        long started = System.nanoTime();
        Totals end = asOf.totals(null, START.plusYears(1));
        timings.add(millis(started));
        List<Long> sorted = new ArrayList<>(timings);
        Collections.sort(sorted);
        log.info("As-of answers over {} events: median {} ms, 90th percentile {} ms, max {} ms", events,
                sorted.get(sorted.size() / 2), sorted.get(sorted.size() * 9 / 10), sorted.get(sorted.size() - 1));

        // The checkpoints change nothing: a replay of the whole history answers the same.
        TotalsModel whole = new TotalsModel();
        new TransactionTemplate(transactions).executeWithoutResult(status ->
                new RecordedEvents(dataSource).replay(whole, null, START.plusYears(1)));
        assertThat(end).isEqualTo(whole.totals(null, COUNTY, START.plusYears(1)));
        assertThat(end.eventsProjected()).isEqualTo(events);
        assertThat(end.organizations().total()).isGreaterThan(400);
        assertThat(end.members().total()).isGreaterThan(10_000);
        assertThat(end.problems().found()).isEqualTo(2000);
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
        String member = "md5('member' || (i % 15000))";
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
        total += load(jdbc, insert, "organization", "MemberEnrolled", 15000, """
                SELECT md5('member' || i) AS subject,
                       timestamptz '2019-09-02T00:00:00+08:00' + i * interval '10 seconds' AS at,
                       jsonb_build_object('memberId', md5('member' || i), 'organizationId', %s,
                           'field', (ARRAY['ORGAN_INSTITUTION','RURAL','ENTERPRISE','OTHER'])[1 + i %% 4],
                           'occupation', (ARRAY['PUBLIC_SERVANT','NO_POST','OTHER'])[1 + i %% 3],
                           'status', (ARRAY['REGULAR','MOBILE','ELDERLY_INFIRM'])[1 + i %% 3]) AS payload"""
                .formatted(org));
        for (String kind : List.of("MemberTransferred", "MemberLeft", "MemberRecategorized")) {
            total += load(jdbc, insert, "organization", kind, 1000, """
                    SELECT %s AS subject, timestamptz '2019-09-05T00:00:00+08:00' + random() * interval '50 days' AS at,
                           jsonb_build_object('memberId', %s, 'organizationId', %s, 'previousOrganizationId', 'org-1',
                               'field', 'RURAL', 'occupation', 'OTHER', 'status', 'MOBILE') AS payload"""
                    .formatted(member, member, org));
        }
        total += load(jdbc, insert, "checklist", "HonorRoomVisited", 1600, """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'organizationId', %s, 'campaignId', %s,
                           'date', '2019-09-20', 'visitors', 1 + i %% 40) AS payload"""
                .formatted(anytime, org, campaign));
        total += load(jdbc, insert, "checklist", "StudySessionHeld", 6000, """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'sessionId', md5('session' || i),
                           'organizationId', %s, 'campaignId', %s, 'date', '2019-09-20', 'days', 0.5 * (1 + i %% 4),
                           'format', 'CONCENTRATED', 'readings', jsonb_build_array('《学习纲要》'), 'attendees', 20,
                           'attendeeIds', jsonb_build_array()) AS payload"""
                .formatted(anytime, org, campaign));
        total += load(jdbc, insert, "checklist", "StudyNoteRecorded", 60000, """
                SELECT 'record-' || i %% 533 AS subject, %s AS at,
                       jsonb_build_object('recordId', 'record-' || i %% 533, 'noteId', md5('note' || i),
                           'organizationId', %s, 'campaignId', %s, 'memberId', %s, 'kind', 'NOTES',
                           'date', '2019-09-20') AS payload"""
                .formatted(anytime, org, campaign, member));
        total += load(jdbc, insert, "checklist", "ResearchSubmitted", 3000, """
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

    private static long millis(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }
}
