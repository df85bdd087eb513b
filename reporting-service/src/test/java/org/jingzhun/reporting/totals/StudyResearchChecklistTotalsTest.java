package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingzhun.reporting.totals.ProjectedEvents.event;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.reporting.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The study, research and checklist counters of the totals: the projection called directly on real PostgreSQL. */
class StudyResearchChecklistTotalsTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T13:12:00Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    private JdbcClient jdbc;
    private TotalsProjection projection;
    private TotalsQuery query;

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
        String database = "checklist_totals_" + DATABASES.incrementAndGet();
        DataSource dataSource = MigratedDatabase.of(postgres, database);
        jdbc = JdbcClient.create(dataSource);
        projection = new TotalsProjection(jdbc);
        query = new TotalsQuery(jdbc, new DataSourceTransactionManager(dataSource),
                new JingzhunProperties("reporting-service", ZoneId.of("Asia/Shanghai")),
                Clock.fixed(Instant.parse("2019-09-30T02:00:00Z"), ZoneOffset.UTC));
    }

    @Test
    void countsSessionsSumsTheirDaysHalfDaysIncludedAndCountsNotes() {
        apply(session("s-1", "org-a", "c-1", LocalDate.of(2019, 9, 2), 5, StudyFormat.CONCENTRATED),
                session("s-2", "org-a", "c-1", LocalDate.of(2019, 9, 20), 0.5, StudyFormat.THEMED_PARTY_DAY),
                session("s-3", "org-b", "c-1", LocalDate.of(2019, 10, 8), 1.5, StudyFormat.ONLINE),
                note("n-1", "org-b", "c-1", "m-1", StudyNoteKind.NOTES),
                note("n-2", "org-b", "c-1", "m-1", StudyNoteKind.REFLECTION));

        assertThat(query.totals("c-1").study()).isEqualTo(new Totals.Study(3, 7.0, 2));
    }

    @Test
    void keepsStudyDaysPerOrganizationMonthAndFormatForRequirementChecks() {
        apply(session("s-1", "org-a", "c-1", LocalDate.of(2019, 9, 30), 2.5, StudyFormat.CONCENTRATED),
                session("s-2", "org-a", "c-1", LocalDate.of(2019, 10, 9), 1, StudyFormat.ONLINE));

        record Month(String month, String format, BigDecimal days) {
        }
        List<Month> months = jdbc.sql("""
                        SELECT month, format, days FROM study_days_by_month
                        WHERE campaign_id = 'c-1' AND organization_id = 'org-a' ORDER BY month, format""")
                .query((rs, row) -> new Month(rs.getString(1), rs.getString(2), rs.getBigDecimal(3))).list();
        assertThat(months).extracting(Month::month, Month::format, month -> month.days().doubleValue())
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("2019-09", "CONCENTRATED", 1.0),
                        org.assertj.core.groups.Tuple.tuple("2019-10", "CONCENTRATED", 1.5),
                        org.assertj.core.groups.Tuple.tuple("2019-10", "ONLINE", 1.0));
        assertThat(jdbc.sql("SELECT day FROM study_day WHERE session_id = 's-1' ORDER BY day")
                .query(LocalDate.class).list())
                .containsExactly(LocalDate.of(2019, 9, 30), LocalDate.of(2019, 10, 1), LocalDate.of(2019, 10, 2));
    }

    @Test
    void countsResearchByKindWithEveryKindPresent() {
        apply(research("x-1", "county-1", "c-1", ResearchKind.RESEARCH_REPORT),
                research("x-2", "town-1", "c-1", ResearchKind.PROBLEM_BRIEF),
                research("x-3", "town-1", "c-1", ResearchKind.RESEARCH_REPORT));

        assertThat(query.totals("c-1").research()).containsExactly(Map.entry(ResearchKind.RESEARCH_REPORT, 2L),
                Map.entry(ResearchKind.PROBLEM_BRIEF, 1L), Map.entry(ResearchKind.GOLDEN_IDEA, 0L));
    }

    @Test
    void countsItemsDoneOnceEveryCompletionAndBranchesWithAllTenDone() {
        List<Object> facts = new ArrayList<>();
        for (ChecklistItem item : ChecklistItem.values()) {
            facts.add(completed("branch-a-" + item, "branch-a", "c-1", item));
        }
        facts.add(completed("branch-a-again", "branch-a", "c-1", ChecklistItem.VOLUNTEER_SERVICE));
        facts.add(completed("branch-b-1", "branch-b", "c-1", ChecklistItem.PLAN));
        facts.add(completed("branch-b-2", "branch-b", "c-1", ChecklistItem.EXPERIENCE_EXCHANGE));
        facts.add(completed("branch-b-3", "branch-b", "c-1", ChecklistItem.EXPERIENCE_EXCHANGE));
        apply(facts.toArray());

        // branch-a: 10 pairs, 11 completions; branch-b: 2 pairs, 3 completions; only branch-a has all ten.
        assertThat(query.totals("c-1").checklist()).isEqualTo(new Totals.Checklist(12, 14, 1));
    }

    @Test
    void filtersByCampaignAndAddsUpOverAllCampaigns() {
        apply(session("s-1", "org-a", "c-1", LocalDate.of(2019, 9, 2), 2, StudyFormat.CONCENTRATED),
                session("s-2", "org-a", "c-2", LocalDate.of(2020, 3, 2), 1, StudyFormat.CONCENTRATED),
                research("x-1", "org-a", "c-2", ResearchKind.GOLDEN_IDEA),
                completed("k-1", "org-a", "c-1", ChecklistItem.PLAN),
                completed("k-2", "org-a", "c-2", ChecklistItem.PLAN));

        Totals first = query.totals("c-1");
        Totals all = query.totals(null);

        assertThat(first.study()).isEqualTo(new Totals.Study(1, 2.0, 0));
        assertThat(first.research()).containsEntry(ResearchKind.GOLDEN_IDEA, 0L);
        assertThat(first.checklist()).isEqualTo(new Totals.Checklist(1, 1, 0));
        assertThat(all.study()).isEqualTo(new Totals.Study(2, 3.0, 0));
        assertThat(all.research()).containsEntry(ResearchKind.GOLDEN_IDEA, 1L);
        // The same item of the same branch in two campaigns: a pair per campaign.
        assertThat(all.checklist()).isEqualTo(new Totals.Checklist(2, 2, 0));
    }

    @Test
    void projectingTheSameFactsAgainChangesNoCounter() {
        List<ProjectedEvent> events = List.<Object>of(
                        session("s-1", "org-a", "c-1", LocalDate.of(2019, 9, 2), 2.5, StudyFormat.CONCENTRATED),
                        note("n-1", "org-a", "c-1", "m-1", StudyNoteKind.ANNOTATION),
                        research("x-1", "org-a", "c-1", ResearchKind.PROBLEM_BRIEF),
                        completed("k-1", "org-a", "c-1", ChecklistItem.SUMMARY))
                .stream().map(fact -> event(fact, T0)).toList();
        events.forEach(projection::apply);
        Totals once = query.totals("c-1");

        // New event ids, same facts: as a replay without the projector's de-duplication would deliver them.
        events.forEach(event -> projection.apply(event(event.payload(), T0)));
        Totals twice = query.totals("c-1");

        assertThat(twice.study()).isEqualTo(once.study()).isEqualTo(new Totals.Study(1, 2.5, 1));
        assertThat(twice.research()).isEqualTo(once.research());
        assertThat(twice.checklist()).isEqualTo(once.checklist()).isEqualTo(new Totals.Checklist(1, 1, 0));
        assertThat(jdbc.sql("SELECT sum(days) FROM study_day").query(BigDecimal.class).single())
                .isEqualByComparingTo("2.5");
    }

    private void apply(Object... payloads) {
        for (Object payload : payloads) {
            projection.apply(event(payload, T0));
        }
    }

    private static StudySessionHeld session(String id, String org, String campaign, LocalDate date, double days,
                                            StudyFormat format) {
        return new StudySessionHeld("rec-" + org, id, org, campaign, date, days, format, List.of("《摘编》"), 10,
                List.of());
    }

    private static StudyNoteRecorded note(String id, String org, String campaign, String member, StudyNoteKind kind) {
        return new StudyNoteRecorded("rec-" + org, id, org, campaign, member, kind, LocalDate.of(2019, 9, 21));
    }

    private static ResearchSubmitted research(String id, String org, String campaign, ResearchKind kind) {
        return new ResearchSubmitted("rec-" + org, id, org, campaign, kind, "调研", null, LocalDate.of(2019, 10, 1));
    }

    private static ChecklistItemCompleted completed(String id, String org, String campaign, ChecklistItem item) {
        return new ChecklistItemCompleted("rec-" + org, id, org, campaign, item, LocalDate.of(2019, 10, 1), null);
    }
}
