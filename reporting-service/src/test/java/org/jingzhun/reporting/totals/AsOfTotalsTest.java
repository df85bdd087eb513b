package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
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
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.reporting.MigratedDatabase;
import org.jingzhun.reporting.audit.AuditTrail;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The totals as of an instant against the live totals, on a real PostgreSQL: events go through the
 * audit trail and the totals read model as the projector applies them (one transaction per batch, a
 * savepoint per event, a failing event leaves no trace); the live totals read after each batch are what
 * a replay up to that batch's time gives, and so what the answer as of that time must be, field for field.
 */
class AsOfTotalsTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime T1 = OffsetDateTime.parse("2019-09-02T01:00:00Z");
    private static final OffsetDateTime T2 = T1.plusDays(1);
    private static final OffsetDateTime T3 = T1.plusDays(2);
    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final Instant DEADLINE = Instant.parse("2019-10-31T15:59:59Z");
    private static final ObjectMapper EVENT_JSON = EventJson.newMapper();
    private static final AtomicInteger DATABASES = new AtomicInteger();

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
    void answersAsTheTotalsStoodBetweenEventsAndLikeTheLiveTotalsAfterTheLast() {
        County county = new County();
        county.record(T1,
                new OrganizationRegistered("town", "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("village", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town"),
                new MemberEnrolled("m-1", "village", MemberField.RURAL, MemberOccupation.NO_POST, MemberStatus.REGULAR),
                new MemberEnrolled("m-2", "village", MemberField.RURAL, MemberOccupation.OTHER, MemberStatus.MOBILE),
                new HonorRoomVisited("r-town", "town", "c-1", DAY, 10),
                new StudySessionHeld("r-village", "s-1", "village", "c-1", DAY, 1.5, StudyFormat.CONCENTRATED, List.of(),
                        9, List.of()),
                logged("p-1", "village", "c-1"),
                logged("p-2", "town", "c-1"));
        Map<String, Totals> atT1 = county.live();
        county.record(T2,
                new OrganizationReclassified("town", Tier.COUNTY, Sector.ORGAN, Tier.SECTION, Sector.TOWNSHIP),
                new MemberTransferred("m-1", "town", "village"),
                new MemberLeft("m-2", "village"),
                new OrganizationDissolved("village", "某村党支部"),
                new HonorRoomVisited("r-town", "town", "c-1", DAY, 5),
                new RectificationMeasuresSet("p-1", "village", "c-1", List.of(new Measure("整改", DAY))),
                new ProblemOverdue("p-2", "town", "c-1", DEADLINE),
                new ChecklistItemCompleted("r-village", "k-1", "village", "c-1", ChecklistItem.PLAN, DAY, null));
        Map<String, Totals> atT2 = county.live();
        county.record(T3,
                new ProblemRectified("p-1", "village", "c-1", "已整改", List.of()),
                new RectificationVerified("p-1", "village", "c-1", "admin", null),
                new ProblemDeadlineExtended("p-2", "town", "c-1", DEADLINE, DEADLINE.plusSeconds(86400), "延期"),
                new OrganizationRegistered("school", "某校党支部", Tier.BRANCH, Sector.EDUCATION, null),
                new ResearchSubmitted("r-school", "x-1", "school", "c-2", ResearchKind.GOLDEN_IDEA, "金点子", null, DAY));
        Map<String, Totals> atT3 = county.live();

        // Before anything happened: every counter zero, asOf the instant asked.
        Totals before = county.asOf(null, T1.minusSeconds(1));
        assertThat(before.eventsProjected()).isZero();
        assertThat(before.organizations().total()).isZero();
        assertThat(before.asOf()).isEqualTo(OffsetDateTime.parse("2019-09-02T08:59:59+08:00"));
        // Between two instants, as it stood after the first; at an instant, with its events.
        county.assertAsOf(T1, atT1);
        county.assertAsOf(T2.minusNanos(1000), atT1);
        county.assertAsOf(T2, atT2);
        county.assertAsOf(T3.minusSeconds(1), atT2);
        county.assertAsOf(T3, atT3);
        county.assertAsOf(T3.plusYears(1), atT3);
        // Instants beyond what PostgreSQL's timestamps hold read as the first or last one they do.
        county.assertAsOf(OffsetDateTime.parse("+99999-01-01T00:00:00Z"), atT3);
        assertThat(county.asOf(null, OffsetDateTime.parse("-5000-01-01T00:00:00Z")).eventsProjected()).isZero();

        // The facts behind the answers, as the brief of the totals has them.
        Totals t1 = county.asOf(null, T1.plusHours(12));
        assertThat(t1.organizations().byTier()).containsEntry(Tier.SECTION, 1L).containsEntry(Tier.BRANCH, 1L);
        assertThat(t1.members().total()).isEqualTo(2);
        assertThat(t1.problems().bySector()).containsEntry(Sector.VILLAGE, 1L).containsEntry(Sector.TOWNSHIP, 1L);
        Totals t2 = county.asOf("c-1", T2.plusHours(12));
        assertThat(t2.organizations().total()).isEqualTo(1);
        assertThat(t2.organizations().byTier()).containsEntry(Tier.COUNTY, 1L).containsEntry(Tier.SECTION, 0L);
        assertThat(t2.members().total()).isEqualTo(1);
        assertThat(t2.honorRoom()).isEqualTo(new Totals.HonorRoom(1, 15));
        assertThat(t2.problems().inProgress()).isEqualTo(2);
        assertThat(t2.problems().overdue()).isEqualTo(1);
        // A dissolved organization's problems still count under its classification.
        assertThat(t2.problems().bySector()).containsEntry(Sector.VILLAGE, 1L).containsEntry(Sector.ORGAN, 1L);
        Totals t3 = county.asOf("c-1", T3);
        assertThat(t3.problems().rectified()).isEqualTo(1);
        assertThat(t3.problems().overdue()).isZero();
        assertThat(t3.asOf()).isEqualTo(T3.atZoneSameInstant(COUNTY).toOffsetDateTime());
    }

    @Test
    void countsALateEventFromItsRecordedTime() {
        County county = new County();
        for (int hour = 0; hour < 6; hour++) {
            county.record(T1.plusHours(hour),
                    new HonorRoomVisited("r-" + hour, "org-" + hour, "c-1", DAY, 1),
                    new HonorRoomVisited("r-" + hour, "org-" + hour, "c-1", DAY, 1));
        }

        // Recorded at 02:30 but projected only now (its service's relay was down, say).
        county.record(T1.plusHours(2).plusMinutes(30), new HonorRoomVisited("r-late", "org-late", "c-1", DAY, 100));

        assertThat(county.asOf("c-1", T1.plusHours(2)).honorRoom()).isEqualTo(new Totals.HonorRoom(3, 6));
        assertThat(county.asOf("c-1", T1.plusHours(3)).honorRoom()).isEqualTo(new Totals.HonorRoom(5, 108));
        assertThat(county.asOf("c-1", T1.plusHours(3)).eventsProjected()).isEqualTo(9);
        county.assertAsOf(T1.plusHours(5), county.live());
    }

    @Test
    void keepsOneVersionPerInstantAndTheVersionsOfARowInOrder() {
        County county = new County();
        county.record(T1, new OrganizationRegistered("town", "兴隆镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationReclassified("town", Tier.COUNTY, Sector.ORGAN, Tier.SECTION, Sector.TOWNSHIP));
        county.record(T2, new OrganizationRenamed("town", "新名称", "兴隆镇党委"));
        county.record(T3, new OrganizationDissolved("town", "新名称"));

        assertThat(county.jdbc.sql("""
                        SELECT tier || ' ' || name || ' ' || dissolved || ' ' || (valid_to = 'infinity')
                        FROM organization_history WHERE organization_id = 'town' ORDER BY valid_from""")
                .query(String.class).list())
                .containsExactly("COUNTY 兴隆镇党委 false false", "COUNTY 新名称 false false", "COUNTY 新名称 true true");
        // The version valid now is the live row.
        assertThat(county.jdbc.sql("""
                        SELECT count(*) FROM organization o JOIN organization_history h
                          ON h.organization_id = o.organization_id AND h.valid_to = 'infinity'
                         AND h.name = o.name AND h.tier = o.tier AND h.dissolved = o.dissolved""")
                .query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void foldsARandomCountyHistoryToTheLiveTotalsAtEveryInstant() {
        County county = new County();
        HistoryGenerator generator = new HistoryGenerator(new Random(20190927));
        Map<OffsetDateTime, Map<String, Totals>> live = new LinkedHashMap<>();
        OffsetDateTime at = T1;
        for (int batch = 0; batch < 60; batch++) {
            // Several events per instant, and batches one to a few minutes apart.
            at = at.plusMinutes(1 + batch % 3);
            county.record(at, generator.next(40).toArray());
            live.put(at, county.live());
        }
        assertThat(county.applied).isGreaterThan(2000);
        assertThat(county.rejected).as("events the live totals refuse are part of the test").isPositive();

        live.forEach(county::assertAsOf);
        live.forEach((instant, totals) -> county.assertAsOf(instant.plusSeconds(30), totals));
    }

    /** A county database with the projector's read models, the live totals and the totals as of an instant. */
    private static final class County {
        final JdbcClient jdbc;
        private final List<Projection> readModels;
        private final TransactionTemplate transactions;
        private final TotalsQuery query;
        private long offsets;
        int applied;
        int rejected;

        County() {
            String database = "asof_" + DATABASES.incrementAndGet();
            DataSource dataSource = MigratedDatabase.of(postgres, database);
            jdbc = JdbcClient.create(dataSource);
            DataSourceTransactionManager transactionManager = new DataSourceTransactionManager(dataSource);
            transactions = new TransactionTemplate(transactionManager);
            JingzhunProperties properties = new JingzhunProperties("reporting-service", COUNTY);
            readModels = List.of(new AuditTrail(jdbc), new TotalsProjection(jdbc));
            query = new TotalsQuery(jdbc, transactionManager, properties,
                    Clock.fixed(Instant.parse("2020-01-01T00:00:00Z"), ZoneOffset.UTC));
        }

        /** One projector batch: every event recorded at {@code time}, applied in one transaction. */
        void record(OffsetDateTime time, Object... events) {
            transactions.executeWithoutResult(status -> {
                for (Object payload : events) {
                    ProjectedEvent event = event(payload, time, offsets++);
                    Object savepoint = status.createSavepoint();
                    try {
                        readModels.forEach(model -> model.apply(event));
                        status.releaseSavepoint(savepoint);
                        applied++;
                    } catch (RuntimeException e) {
                        // Dead-lettered by the projector: no trace in any read model.
                        status.rollbackToSavepoint(savepoint);
                        rejected++;
                    }
                }
            });
        }

        /** The live totals counted from the rows; the live answer (from the roll-ups) must equal them. */
        Map<String, Totals> live() {
            Map<String, Totals> totals = new LinkedHashMap<>();
            for (String campaign : Arrays.asList(null, "c-1", "c-2", "c-none")) {
                Totals counted = query.countedFromRows(campaign, AsOf.live());
                assertThat(query.totals(campaign)).as("live, campaign %s", campaign).isEqualTo(counted);
                totals.put(campaign == null ? "all" : campaign, counted);
            }
            return totals;
        }

        Totals asOf(String campaignId, OffsetDateTime instant) {
            return query.totals(campaignId, AsOf.at(instant));
        }

        void assertAsOf(OffsetDateTime instant, Map<String, Totals> expected) {
            expected.forEach((campaign, totals) -> assertThat(asOf("all".equals(campaign) ? null : campaign, instant))
                    .as("as of %s, campaign %s", instant, campaign)
                    .isEqualTo(totals));
        }

        /** As Kafka would carry it: keyed by its aggregate, so that an aggregate's events share a partition. */
        private static ProjectedEvent event(Object payload, OffsetDateTime time, long offset) {
            EventType type = EventCatalog.byClass(payload.getClass()).orElseThrow();
            String subject = aggregateId(payload);
            try {
                return new ProjectedEvent(type.topic(), Math.floorMod(subject.hashCode(), 3), offset, "e-" + offset, type,
                        payload, EVENT_JSON.writeValueAsString(payload), subject, 0, time, "test");
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException(e);
            }
        }

        private static String aggregateId(Object payload) {
            for (String component : List.of("problemId", "memberId", "recordId", "specialRectificationId",
                    "organizationId", "campaignId")) {
                for (RecordComponent candidate : payload.getClass().getRecordComponents()) {
                    if (candidate.getName().equals(component)) {
                        try {
                            return String.valueOf(candidate.getAccessor().invoke(payload));
                        } catch (ReflectiveOperationException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }
            }
            throw new IllegalArgumentException("no aggregate id in " + payload);
        }
    }

    /**
     * Events of every type in a plausible mix, with the awkward cases among them: re-registrations,
     * changes to rows that do not exist, repeated fact ids under new event ids, late copies of
     * ProblemLogged, reopened and overdue problems, branches completing all ten items.
     */
    private static final class HistoryGenerator {
        private final Random random;
        private final List<String> organizations = new ArrayList<>();
        private final List<String> members = new ArrayList<>();
        private final List<String[]> problems = new ArrayList<>();
        private final List<Object> facts = new ArrayList<>();
        private int ids;

        HistoryGenerator(Random random) {
            this.random = random;
        }

        List<Object> next(int count) {
            List<Object> events = new ArrayList<>();
            while (events.size() < count) {
                events.add(one());
            }
            return events;
        }

        private Object one() {
            if (organizations.size() < 5) {
                return register(id("org"));
            }
            int dice = random.nextInt(100);
            String org = pick(organizations);
            String campaign = random.nextInt(4) == 0 ? "c-2" : "c-1";
            if (dice < 4) {
                return register(random.nextInt(5) == 0 ? org : id("org"));
            } else if (dice < 6) {
                String target = random.nextInt(6) == 0 ? id("unknown-org") : org;
                return new OrganizationReclassified(target, pick(Tier.values()), pick(Sector.values()), Tier.BRANCH,
                        Sector.VILLAGE);
            } else if (dice < 7) {
                return new OrganizationDissolved(org, "支部");
            } else if (dice < 8) {
                return new OrganizationRenamed(org, "新名称", "旧名称");
            } else if (dice < 9) {
                return random.nextBoolean() ? new CampaignLaunched(campaign, "主题教育", DAY, DAY.plusMonths(2))
                        : new GuidancePlanIssued(campaign, 1 + random.nextInt(3), DAY, DAY.plusMonths(2),
                        new GuidancePlan(List.of("《学习纲要》"), List.of("营商环境不优问题"), List.of()));
            } else if (dice < 20) {
                String member = random.nextInt(10) == 0 && !members.isEmpty() ? pick(members) : id("member");
                members.add(member);
                return new MemberEnrolled(member, org, pick(MemberField.values()), pick(MemberOccupation.values()),
                        pick(MemberStatus.values()));
            } else if (dice < 25 && !members.isEmpty()) {
                String member = random.nextInt(8) == 0 ? id("unknown-member") : pick(members);
                return switch (random.nextInt(3)) {
                    case 0 -> new MemberRecategorized(member, org, pick(MemberField.values()),
                            pick(MemberOccupation.values()), pick(MemberStatus.values()));
                    case 1 -> new MemberTransferred(member, org, "before");
                    default -> new MemberLeft(member, org);
                };
            } else if (dice < 33) {
                return new HonorRoomVisited("r-" + org, org, campaign, DAY, 1 + random.nextInt(40));
            } else if (dice < 65) {
                return fact(org, campaign);
            } else if (dice < 67) {
                return new SpecialRectificationLaunched(id("sr"), campaign, "专项整治", null, null);
            } else if (dice < 78 || problems.isEmpty()) {
                String[] problem = {id("problem"), org, campaign};
                problems.add(problem);
                return new ProblemLogged(problem[0], org, campaign, pick(FocusArea.values()), pick(ProblemSource.values()),
                        random.nextInt(3) == 0 ? "sr-" + random.nextInt(3) : null, "问题", "负责人", DEADLINE);
            } else {
                String[] problem = random.nextInt(15) == 0 ? new String[] {id("unknown-problem"), org, campaign}
                        : pick(problems);
                String id = problem[0];
                return switch (random.nextInt(8)) {
                    case 0 -> new RectificationMeasuresSet(id, problem[1], problem[2], List.of(new Measure("整改", DAY)));
                    case 1, 2 -> new ProblemRectified(id, problem[1], problem[2], "已整改", List.of());
                    case 3 -> new RectificationVerified(id, problem[1], problem[2], "admin", null);
                    case 4 -> new ProblemReopened(id, problem[1], problem[2], "未整改到位");
                    case 5 -> new ProblemOverdue(id, problem[1], problem[2], DEADLINE);
                    case 6 -> new ProblemDeadlineExtended(id, problem[1], problem[2], DEADLINE,
                            DEADLINE.plusSeconds(86400), "延期");
                    // A late copy of the first event: changes nothing.
                    default -> new ProblemLogged(id, problem[1], problem[2], FocusArea.OTHER, ProblemSource.SUPERVISION,
                            null, "问题", "负责人", DEADLINE);
                };
            }
        }

        /** Study, notes, research and checklist; now and then a repeat of an earlier fact under a new event id. */
        private Object fact(String org, String campaign) {
            if (!facts.isEmpty() && random.nextInt(12) == 0) {
                return pick(facts);
            }
            Object fact = switch (random.nextInt(4)) {
                case 0 -> new StudySessionHeld("r-" + org, id("session"), org, campaign, DAY,
                        0.5 * (1 + random.nextInt(6)), pick(StudyFormat.values()), List.of(), 5, List.of());
                case 1 -> new StudyNoteRecorded("r-" + org, id("note"), org, campaign, "m", pick(StudyNoteKind.values()),
                        DAY);
                case 2 -> new ResearchSubmitted("r-" + org, id("research"), org, campaign, pick(ResearchKind.values()),
                        "调研", null, DAY);
                // Few branches, so that some complete all ten items.
                default -> new ChecklistItemCompleted("r-" + org, id("completion"), organizations.get(random.nextInt(3)),
                        campaign, pick(ChecklistItem.values()), DAY, null);
            };
            facts.add(fact);
            return fact;
        }

        private OrganizationRegistered register(String org) {
            if (!organizations.contains(org)) {
                organizations.add(org);
            }
            return new OrganizationRegistered(org, "支部", pick(Tier.values()), pick(Sector.values()), null);
        }

        private String id(String kind) {
            return kind + "-" + ids++;
        }

        private <T> T pick(T[] values) {
            return values[random.nextInt(values.length)];
        }

        private <T> T pick(List<T> values) {
            return values.get(random.nextInt(values.size()));
        }
    }

    private static ProblemLogged logged(String problemId, String organizationId, String campaignId) {
        return new ProblemLogged(problemId, organizationId, campaignId, FocusArea.SERVING_THE_MASSES,
                ProblemSource.SELF_INSPECTION, null, "办事难", "王五", DEADLINE);
    }
}
