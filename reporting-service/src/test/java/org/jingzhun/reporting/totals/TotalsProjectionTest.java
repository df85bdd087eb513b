package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingzhun.reporting.totals.ProjectedEvents.event;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.MemberRecategorized;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.organization.OrganizationRenamed;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.MigratedDatabase;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;

/** The projection called directly, on a fresh database per test of a real PostgreSQL. */
class TotalsProjectionTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final Instant NOW = Instant.parse("2019-09-30T02:00:00Z");
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
        String database = "totals_" + DATABASES.incrementAndGet();
        DataSource dataSource = MigratedDatabase.of(postgres, database);
        jdbc = JdbcClient.create(dataSource);
        projection = new TotalsProjection(jdbc);
        query = new TotalsQuery(jdbc, new DataSourceTransactionManager(dataSource),
                new JingzhunProperties("reporting-service", COUNTY), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    @Test
    void answersEveryCounterAndEveryKeyWithZeroBeforeAnyEvent() {
        Totals totals = query.totals(null);

        assertThat(totals.campaignId()).isNull();
        assertThat(totals.asOf()).isEqualTo(OffsetDateTime.parse("2019-09-30T10:00:00+08:00"));
        assertThat(totals.eventsProjected()).isZero();
        assertThat(totals.organizations().total()).isZero();
        assertAllZero(totals.organizations().byTier(), Tier.class);
        assertAllZero(totals.organizations().bySector(), Sector.class);
        assertThat(totals.members().total()).isZero();
        assertAllZero(totals.members().byField(), MemberField.class);
        assertAllZero(totals.members().byOccupation(), MemberOccupation.class);
        assertAllZero(totals.members().byStatus(), MemberStatus.class);
        assertThat(totals.study()).isEqualTo(new Totals.Study(0, 0.0, 0));
        assertThat(totals.honorRoom()).isEqualTo(new Totals.HonorRoom(0, 0));
        assertAllZero(totals.research(), ResearchKind.class);
        assertThat(totals.checklist()).isEqualTo(new Totals.Checklist(0, 0, 0));
        Totals.Problems problems = totals.problems();
        assertThat(List.of(problems.found(), problems.rectified(), problems.inProgress(), problems.overdue()))
                .containsOnly(0L);
        assertAllZero(problems.byTier(), Tier.class);
        assertAllZero(problems.bySector(), Sector.class);
        assertAllZero(problems.bySource(), ProblemSource.class);
        assertThat(problems.bySpecialRectification()).isEmpty();
    }

    @Test
    void countsOrganizationsByTierAndSector() {
        apply(new OrganizationRegistered("county-1", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null),
                new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("village-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                new OrganizationRegistered("village-2", "另一村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"));

        Totals.Organizations organizations = query.totals(null).organizations();

        assertThat(organizations.total()).isEqualTo(4);
        assertThat(organizations.byTier()).containsExactly(
                Map.entry(Tier.COUNTY, 1L), Map.entry(Tier.SECTION, 1L), Map.entry(Tier.BRANCH, 2L));
        assertThat(organizations.bySector()).containsEntry(Sector.COUNTY_LEADERSHIP, 1L)
                .containsEntry(Sector.TOWNSHIP, 1L).containsEntry(Sector.VILLAGE, 2L).containsEntry(Sector.HEALTH, 0L)
                .hasSize(Sector.values().length);
    }

    @Test
    void followsRenamesAndReclassificationsAndLeavesDissolvedOrganizationsOutOfTheRegistry() {
        apply(new OrganizationRegistered("org-a", "甲", Tier.BRANCH, Sector.VILLAGE, null),
                new OrganizationRegistered("org-b", "乙", Tier.BRANCH, Sector.VILLAGE, null),
                logged("p-1", "org-a", "c-1", ProblemSource.SELF_INSPECTION, null),
                logged("p-2", "org-b", "c-1", ProblemSource.SELF_INSPECTION, null),
                new OrganizationRenamed("org-a", "甲社区", "甲"),
                new OrganizationReclassified("org-a", Tier.SECTION, Sector.TOWNSHIP, Tier.BRANCH, Sector.VILLAGE),
                new OrganizationDissolved("org-b", "乙"));

        Totals totals = query.totals("c-1");

        assertThat(totals.organizations().total()).isEqualTo(1);
        assertThat(totals.organizations().byTier()).containsEntry(Tier.SECTION, 1L).containsEntry(Tier.BRANCH, 0L);
        assertThat(totals.organizations().bySector()).containsEntry(Sector.TOWNSHIP, 1L).containsEntry(Sector.VILLAGE, 0L);
        // Problems found by a dissolved organization were still found.
        assertThat(totals.problems().found()).isEqualTo(2);
        assertThat(totals.problems().byTier()).containsEntry(Tier.SECTION, 1L).containsEntry(Tier.BRANCH, 1L);
    }

    @Test
    void countsActiveMembersByFieldOccupationAndStatus() {
        apply(new MemberEnrolled("m-1", "branch-a", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR),
                new MemberEnrolled("m-2", "branch-a", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.MOBILE),
                new MemberEnrolled("m-3", "branch-b", MemberField.ORGAN_INSTITUTION, MemberOccupation.PUBLIC_SERVANT,
                        MemberStatus.REGULAR),
                new MemberRecategorized("m-1", "branch-a", MemberField.RURAL, MemberOccupation.NO_POST,
                        MemberStatus.ELDERLY_INFIRM),
                new MemberTransferred("m-2", "branch-b", "branch-a"),
                new MemberLeft("m-3", "branch-b"));

        Totals.Members members = query.totals("any-campaign").members();

        assertThat(members.total()).isEqualTo(2);
        assertThat(members.byField()).containsEntry(MemberField.RURAL, 2L).containsEntry(MemberField.ORGAN_INSTITUTION, 0L)
                .hasSize(MemberField.values().length);
        assertThat(members.byOccupation()).containsEntry(MemberOccupation.NO_POST, 2L)
                .containsEntry(MemberOccupation.PUBLIC_SERVANT, 0L);
        assertThat(members.byStatus()).containsExactly(Map.entry(MemberStatus.REGULAR, 0L),
                Map.entry(MemberStatus.MOBILE, 1L), Map.entry(MemberStatus.ELDERLY_INFIRM, 1L));
    }

    @Test
    void keepsEveryVersionOfAGuidancePlanInFull() {
        apply(plan("c-1", 1), plan("c-1", 2));

        List<String> readings = jdbc.sql("SELECT plan -> 'setReadings' ->> 0 FROM guidance_plan"
                        + " WHERE campaign_id = 'c-1' ORDER BY version")
                .query(String.class).list();
        assertThat(readings).containsExactly("《学习纲要》 v1", "《学习纲要》 v2");
    }

    @Test
    void countsHonorRoomUnitsAsDistinctOrganizationsAndSumsTheirVisitors() {
        // All visits of one organization in one campaign share its record id, as the checklist service sends them.
        apply(visit("rec-a", "org-a", "c-1", 30), visit("rec-a", "org-a", "c-1", 20), visit("rec-b", "org-b", "c-1", 5));

        assertThat(query.totals("c-1").honorRoom()).isEqualTo(new Totals.HonorRoom(2, 55));
    }

    @Test
    void countsProblemsAsFoundRectifiedAndInProgressWithTheirBreakdowns() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("school-1", "某中学党支部", Tier.BRANCH, Sector.EDUCATION, null),
                logged("p-1", "town-1", "c-1", ProblemSource.SELF_INSPECTION, "sr-business"),
                logged("p-2", "town-1", "c-1", ProblemSource.INSPECTION_FEEDBACK, "sr-business"),
                logged("p-3", "school-1", "c-1", ProblemSource.SELF_INSPECTION, null),
                rectified("p-1", "town-1", "c-1"),
                rectified("p-3", "school-1", "c-1"));

        Totals.Problems problems = query.totals("c-1").problems();

        assertThat(problems.found()).isEqualTo(3);
        assertThat(problems.rectified()).isEqualTo(2);
        assertThat(problems.inProgress()).isEqualTo(1);
        assertThat(problems.overdue()).isZero();
        assertThat(problems.byTier()).containsExactly(
                Map.entry(Tier.COUNTY, 0L), Map.entry(Tier.SECTION, 2L), Map.entry(Tier.BRANCH, 1L));
        assertThat(problems.bySector()).containsEntry(Sector.TOWNSHIP, 2L).containsEntry(Sector.EDUCATION, 1L)
                .containsEntry(Sector.ORGAN, 0L);
        assertThat(problems.bySource()).containsEntry(ProblemSource.SELF_INSPECTION, 2L)
                .containsEntry(ProblemSource.INSPECTION_FEEDBACK, 1L).containsEntry(ProblemSource.PUBLIC_REPORT, 0L);
        assertThat(problems.bySpecialRectification()).containsExactly(Map.entry("sr-business", 2L));
    }

    @Test
    void countsAProblemOfAnOrganizationNotYetProjectedAsFoundButInNoBreakdownByOrganization() {
        apply(logged("p-1", "org-later", "c-1", ProblemSource.SUPERVISION, null));

        Totals.Problems problems = query.totals("c-1").problems();

        assertThat(problems.found()).isEqualTo(1);
        assertThat(problems.byTier().values()).containsOnly(0L);
        assertThat(problems.bySource()).containsEntry(ProblemSource.SUPERVISION, 1L);
    }

    @Test
    void filtersActivityByCampaignButCountsTheRegistryWhole() {
        apply(new OrganizationRegistered("org-a", "甲", Tier.BRANCH, Sector.ORGAN, null),
                new CampaignLaunched("c-1", "第二批主题教育", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)),
                new CampaignLaunched("c-2", "下一批", LocalDate.of(2020, 3, 1), LocalDate.of(2020, 5, 31)),
                visit("v-1", "org-a", "c-1", 10), visit("v-2", "org-a", "c-2", 4),
                logged("p-1", "org-a", "c-1", ProblemSource.SELF_INSPECTION, null),
                logged("p-2", "org-a", "c-2", ProblemSource.SELF_INSPECTION, null));

        Totals first = query.totals("c-1");
        Totals all = query.totals(null);

        assertThat(first.campaignId()).isEqualTo("c-1");
        assertThat(first.honorRoom()).isEqualTo(new Totals.HonorRoom(1, 10));
        assertThat(first.problems().found()).isEqualTo(1);
        assertThat(first.organizations().total()).isEqualTo(1);
        assertThat(all.honorRoom()).isEqualTo(new Totals.HonorRoom(1, 14));
        assertThat(all.problems().found()).isEqualTo(2);
        assertThat(query.totals("no-such-campaign").honorRoom()).isEqualTo(new Totals.HonorRoom(0, 0));
    }

    @Test
    void countsEveryEventAppliedAndAnswersAsOfTheLatestInTheCountyZone() {
        projection.apply(event(visit("v-1", "org-a", "c-1", 1), T0));
        projection.apply(event(visit("v-2", "org-a", "c-1", 1), T0.plusHours(2)));
        // From another partition, recorded earlier but applied later.
        projection.apply(event(new CampaignLaunched("c-1", "x", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)),
                T0.minusDays(1)));

        Totals totals = query.totals(null);

        assertThat(totals.eventsProjected()).isEqualTo(3);
        assertThat(totals.asOf()).isEqualTo(OffsetDateTime.parse("2019-09-27T23:12:00+08:00"));
        assertThat(totals.asOf().getOffset()).isEqualTo(ZoneOffset.ofHours(8));
    }

    @Test
    void projectingTheSameFactsAgainChangesNoTotal() {
        List<Object> facts = List.of(
                new OrganizationRegistered("org-a", "甲", Tier.BRANCH, Sector.ORGAN, null),
                visit("v-1", "org-a", "c-1", 10),
                logged("p-1", "org-a", "c-1", ProblemSource.SELF_INSPECTION, null),
                rectified("p-1", "org-a", "c-1"));
        // The same events (same ids) again, as a replay without the projector's de-duplication would.
        List<ProjectedEvent> events = facts.stream().map(fact -> event(fact, T0)).toList();
        events.forEach(projection::apply);
        Totals once = query.totals("c-1");

        events.forEach(projection::apply);
        Totals twice = query.totals("c-1");

        assertThat(twice.organizations()).isEqualTo(once.organizations());
        assertThat(twice.honorRoom()).isEqualTo(once.honorRoom());
        assertThat(twice.problems()).isEqualTo(once.problems());
    }

    @Test
    void aLateCopyOfProblemLoggedDoesNotUndoItsRectification() {
        ProblemLogged logged = logged("p-1", "org-a", "c-1", ProblemSource.SELF_INSPECTION, null);
        apply(logged, rectified("p-1", "org-a", "c-1"), logged);

        assertThat(query.totals("c-1").problems().rectified()).isEqualTo(1);
    }

    @Test
    void refusesEventsOfAnAggregateWhoseFirstEventWasNeverProjected() {
        assertThatThrownBy(() -> projection.apply(event(rectified("p-404", "org-a", "c-1"), T0)))
                .isInstanceOf(UnprojectableEvent.class)
                .hasMessage("problem p-404 is unknown: its ProblemLogged was never projected");
        assertThatThrownBy(() -> projection.apply(event(new OrganizationRenamed("org-404", "新", "旧"), T0)))
                .isInstanceOf(UnprojectableEvent.class)
                .hasMessage("organization org-404 is unknown: its OrganizationRegistered was never projected");
        assertThatThrownBy(() -> projection.apply(event(new MemberLeft("m-404", "branch-a"), T0)))
                .isInstanceOf(UnprojectableEvent.class)
                .hasMessage("member m-404 is unknown: its MemberEnrolled was never projected");
    }

    @Test
    void handlesEveryTypeOfTheEventCatalog() {
        // In an order in which each aggregate's first event comes first, as on its partition.
        List<Object> samples = List.of(
                        new CampaignLaunched("c-1", "x", LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30)),
                        plan("c-1", 1),
                        new OrganizationRegistered("org-a", "甲", Tier.BRANCH, Sector.ORGAN, null),
                        new OrganizationRenamed("org-a", "甲支部", "甲"),
                        new OrganizationReclassified("org-a", Tier.BRANCH, Sector.HEALTH, Tier.BRANCH, Sector.ORGAN),
                        new MemberEnrolled("m-1", "org-a", MemberField.OTHER, MemberOccupation.OTHER, MemberStatus.REGULAR),
                        new MemberRecategorized("m-1", "org-a", MemberField.OTHER, MemberOccupation.OTHER,
                                MemberStatus.MOBILE),
                        new MemberTransferred("m-1", "org-b", "org-a"),
                        new MemberLeft("m-1", "org-b"),
                        new OrganizationDissolved("org-a", "甲支部"),
                        visit("v-1", "org-a", "c-1", 1),
                        new StudySessionHeld("rec-a", "s-1", "org-a", "c-1", LocalDate.of(2019, 9, 2), 1.5,
                                StudyFormat.CONCENTRATED, List.of(), 9, List.of()),
                        new StudyNoteRecorded("rec-a", "n-1", "org-a", "c-1", "m-1", StudyNoteKind.NOTES,
                                LocalDate.of(2019, 9, 3)),
                        new ResearchSubmitted("rec-a", "x-1", "org-a", "c-1", ResearchKind.GOLDEN_IDEA, "金点子", null,
                                LocalDate.of(2019, 9, 4)),
                        new ChecklistItemCompleted("rec-a", "k-1", "org-a", "c-1", ChecklistItem.PLAN,
                                LocalDate.of(2019, 9, 5), null),
                        new SpecialRectificationLaunched("sr-1", "c-1", "营商环境不优问题专项整治", null, null),
                        logged("p-1", "org-a", "c-1", ProblemSource.SELF_INSPECTION, null),
                        new RectificationMeasuresSet("p-1", "org-a", "c-1",
                                List.of(new Measure("整改措施", LocalDate.of(2019, 10, 1)))),
                        new ProblemOverdue("p-1", "org-a", "c-1", Instant.parse("2019-10-31T15:59:59Z")),
                        new ProblemDeadlineExtended("p-1", "org-a", "c-1", Instant.parse("2019-10-31T15:59:59Z"),
                                Instant.parse("2019-11-30T15:59:59Z"), "延期"),
                        rectified("p-1", "org-a", "c-1"),
                        new ProblemReopened("p-1", "org-a", "c-1", "未整改到位"),
                        new RectificationVerified("p-1", "org-a", "c-1", "admin", null));

        // A type added to the catalog needs a handler in TotalsProjection and a sample here.
        assertThat(samples.stream().map(Object::getClass).toList())
                .containsExactlyInAnyOrderElementsOf(EventCatalog.all().stream().map(EventType::eventClass).toList());
        apply(samples.toArray());
        assertThat(query.totals(null).eventsProjected()).isEqualTo(EventCatalog.all().size());
    }

    private void apply(Object... payloads) {
        for (Object payload : payloads) {
            projection.apply(event(payload, T0));
        }
    }

    private static GuidancePlanIssued plan(String campaignId, int version) {
        return new GuidancePlanIssued(campaignId, version, LocalDate.of(2019, 9, 1), LocalDate.of(2019, 11, 30),
                new GuidancePlan(List.of("《学习纲要》 v" + version), List.of("营商环境不优问题"), List.of()));
    }

    private static HonorRoomVisited visit(String recordId, String organizationId, String campaignId, int visitors) {
        return new HonorRoomVisited(recordId, organizationId, campaignId, LocalDate.of(2019, 9, 20), visitors);
    }

    private static ProblemLogged logged(String problemId, String organizationId, String campaignId,
                                        ProblemSource source, String specialRectificationId) {
        return new ProblemLogged(problemId, organizationId, campaignId, FocusArea.POLICY_DELIVERY, source,
                specialRectificationId, "政策落实不到位", "张三", Instant.parse("2019-10-31T15:59:59Z"));
    }

    private static ProblemRectified rectified(String problemId, String organizationId, String campaignId) {
        return new ProblemRectified(problemId, organizationId, campaignId, "已整改", List.of());
    }

    private static <E extends Enum<E>> void assertAllZero(Map<E, Long> counts, Class<E> type) {
        assertThat(counts.keySet()).containsExactly(type.getEnumConstants());
        assertThat(counts.values()).containsOnly(0L);
    }
}
