package org.jingzhun.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
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
import org.jingzhun.platform.PlatformDatabase;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.registry.OrganizationRegistry.CampaignInfo;
import org.jingzhun.platform.registry.OrganizationRegistry.MemberInfo;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.dao.DataIntegrityViolationException;
import org.springframework.transaction.support.TransactionTemplate;

/** The replica's projection called directly, and the registry reading it, on a real PostgreSQL. */
class RegistryProjectionTest {

    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-01T09:00:00+08:00");
    private static final Duration BOUND = Duration.ofSeconds(10);

    @TempDir
    static Path dataDirectory;
    private static PlatformDatabase database;

    private final RegistryEvents events = new RegistryEvents();
    private Arrivals arrivals;
    private RegistryProjection projection;
    private OrganizationRegistry registry;
    private TransactionTemplate transactions;

    @BeforeAll
    static void startDatabase() {
        database = PlatformDatabase.start(dataDirectory.resolve("postgres"), "registry", RegistryConfiguration.MIGRATIONS);
    }

    @AfterAll
    static void stopDatabase() {
        database.close();
    }

    @BeforeEach
    void emptyReplica() {
        clear();
        arrivals = new Arrivals();
        projection = new RegistryProjection(database.jdbc(), arrivals);
        registry = new JdbcOrganizationRegistry(database.jdbc(), arrivals, Duration.ofSeconds(5));
        transactions = database.transactions();
    }

    @Test
    void knowsARegisteredOrganization() {
        register("county", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);

        assertThat(registry.find("county")).contains(
                new OrganizationInfo("county", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null, false));
        assertThat(registry.find("nobody")).isEmpty();
    }

    @Test
    void followsRenameReclassificationAndDissolution() {
        register("office", "县委办", Tier.SECTION, Sector.ORGAN, "county");
        apply("office", new OrganizationRenamed("office", "县委办公室", "县委办"), T0.plusDays(1));
        apply("office", new OrganizationReclassified("office", Tier.SECTION, Sector.STATE_OWNED, Tier.SECTION,
                Sector.ORGAN), T0.plusDays(2));
        assertThat(registry.find("office")).contains(
                new OrganizationInfo("office", "县委办公室", Tier.SECTION, Sector.STATE_OWNED, "county", false));

        apply("office", new OrganizationDissolved("office", "县委办公室"), T0.plusDays(3));

        assertThat(registry.find("office")).map(OrganizationInfo::dissolved).contains(true);
    }

    @Test
    void ignoresAnOlderEventRedeliveredAfterANewerOne() {
        ProjectedEvent registered = events.next("office", registration("office", "县委办", "county"), T0);
        projection.apply(registered);
        ProjectedEvent firstRename = events.next("office", new OrganizationRenamed("office", "县委办公室", "县委办"), T0);
        projection.apply(firstRename);
        apply("office", new OrganizationRenamed("office", "中共县委办公室", "县委办公室"), T0.plusDays(1));

        // The relay re-sends a batch after a crash: the same events again, under fresh ids here.
        projection.apply(events.at("office", registered.sequence(), registered.payload(), T0));
        projection.apply(events.at("office", firstRename.sequence(), firstRename.payload(), T0));

        assertThat(registry.find("office")).map(OrganizationInfo::name).contains("中共县委办公室");
    }

    @Test
    void takesAChildBeforeItsParent() {
        register("branch", "第一支部", Tier.BRANCH, Sector.ORGAN, "office");
        assertThat(registry.find("branch")).map(OrganizationInfo::parentId).contains("office");
        assertThat(registry.subtree("office")).isEmpty();

        register("office", "县委办", Tier.SECTION, Sector.ORGAN, "county");

        assertThat(registry.subtree("office")).containsExactly("office", "branch");
    }

    @Test
    void listsAnOrganizationAndEverythingUnderIt() {
        register("county", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);
        register("town", "城关镇党委", Tier.SECTION, Sector.TOWNSHIP, "county");
        register("office", "县委办", Tier.SECTION, Sector.ORGAN, "county");
        register("village-b", "东村支部", Tier.BRANCH, Sector.VILLAGE, "town");
        register("village-a", "西村支部", Tier.BRANCH, Sector.VILLAGE, "town");
        register("office-branch", "县委办支部", Tier.BRANCH, Sector.ORGAN, "office");
        apply("village-b", new OrganizationDissolved("village-b", "东村支部"), T0.plusDays(1));

        assertThat(registry.subtree("town")).containsExactly("town", "village-a", "village-b");
        assertThat(registry.subtree("county")).containsExactly("county", "office", "office-branch", "town",
                "village-a", "village-b");
        assertThat(registry.subtree("village-a")).containsExactly("village-a");
        assertThat(registry.subtree("nowhere")).isEmpty();
    }

    @Test
    void answersTheBranchOfAMemberBeforeAndAfterATransfer() {
        OffsetDateTime transfer = T0.plusDays(10);
        apply("m1", new MemberEnrolled("m1", "east", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0);
        apply("m1", new MemberTransferred("m1", "west", "east"), transfer);

        assertThat(registry.branchOf("m1", T0.minusSeconds(1).toInstant())).isEmpty();
        assertThat(registry.branchOf("m1", T0.toInstant())).contains("east");
        assertThat(registry.branchOf("m1", transfer.minusNanos(1000).toInstant())).contains("east");
        assertThat(registry.branchOf("m1", transfer.toInstant())).contains("west");
        assertThat(registry.branchOf("m1", transfer.plusYears(1).toInstant())).contains("west");
        assertThat(registry.member("m1")).contains(new MemberInfo("m1", "west", MemberField.RURAL,
                MemberOccupation.NO_POST, MemberStatus.REGULAR, true));
    }

    @Test
    void keepsTheMembershipHistoryWhenATransferIsRedelivered() {
        apply("m1", new MemberEnrolled("m1", "east", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0);
        ProjectedEvent transfer = events.next("m1", new MemberTransferred("m1", "west", "east"), T0.plusDays(10));
        projection.apply(transfer);
        apply("m1", new MemberTransferred("m1", "north", "west"), T0.plusDays(20));

        projection.apply(events.at("m1", transfer.sequence(), transfer.payload(), transfer.time()));

        assertThat(registry.branchOf("m1", T0.plusDays(15).toInstant())).contains("west");
        assertThat(registry.branchOf("m1", T0.plusDays(25).toInstant())).contains("north");
        assertThat(registry.member("m1")).map(MemberInfo::branchId).contains("north");
    }

    @Test
    void endsTheMembershipWhenAMemberLeaves() {
        OffsetDateTime leaving = T0.plusDays(30);
        apply("m1", new MemberEnrolled("m1", "east", MemberField.ENTERPRISE, MemberOccupation.OTHER,
                MemberStatus.MOBILE), T0);
        apply("m1", new MemberLeft("m1", "east"), leaving);

        assertThat(registry.branchOf("m1", leaving.minusDays(1).toInstant())).contains("east");
        assertThat(registry.branchOf("m1", leaving.toInstant())).isEmpty();
        assertThat(registry.member("m1")).contains(new MemberInfo("m1", "east", MemberField.ENTERPRISE,
                MemberOccupation.OTHER, MemberStatus.MOBILE, false));
    }

    @Test
    void recategorizesAMember() {
        apply("m1", new MemberEnrolled("m1", "east", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0);

        apply("m1", new MemberRecategorized("m1", "east", MemberField.ORGAN_INSTITUTION,
                MemberOccupation.PUBLIC_SERVANT, MemberStatus.ELDERLY_INFIRM), T0.plusDays(1));

        assertThat(registry.member("m1")).contains(new MemberInfo("m1", "east", MemberField.ORGAN_INSTITUTION,
                MemberOccupation.PUBLIC_SERVANT, MemberStatus.ELDERLY_INFIRM, true));
    }

    @Test
    void ignoresChangesToAnOrganizationOrMemberItNeverSawArrive() {
        apply("ghost", new OrganizationRenamed("ghost", "新名", "旧名"), T0);
        apply("m9", new MemberTransferred("m9", "west", "east"), T0);
        apply("m9", new MemberLeft("m9", "west"), T0.plusDays(1));

        assertThat(registry.find("ghost")).isEmpty();
        assertThat(registry.member("m9")).isEmpty();
        assertThat(registry.branchOf("m9", T0.toInstant())).isEmpty();
    }

    @Test
    void keepsEveryPlanVersionAndAnswersTheLatest() {
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        LocalDate endsOn = LocalDate.of(2019, 11, 30);
        apply("c1", new CampaignLaunched("c1", "不忘初心、牢记使命", startsOn, endsOn), T0);
        apply("c1", new GuidancePlanIssued("c1", 1, startsOn, endsOn, Plans.withTotalDays(6)), T0);
        assertThat(registry.plan("c1")).contains(Plans.withTotalDays(6));

        apply("c1", new GuidancePlanIssued("c1", 2, startsOn, endsOn, Plans.withTotalDays(8)), T0.plusDays(5));

        assertThat(registry.campaign("c1")).contains(new CampaignInfo("c1", "不忘初心、牢记使命", startsOn, endsOn));
        assertThat(registry.plan("c1")).contains(Plans.withTotalDays(8));
        assertThat(registry.plan("c1", 1)).contains(Plans.withTotalDays(6));
        assertThat(registry.plan("c1", 3)).isEmpty();
        assertThat(registry.plan("c2")).isEmpty();
    }

    @Test
    void aCampaignOnceFoundIsKeptAndAnUnknownOneIsLookedUpEachTime() {
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        LocalDate endsOn = LocalDate.of(2019, 11, 30);
        assertThat(registry.campaign("c1")).isEmpty();
        apply("c1", new CampaignLaunched("c1", "不忘初心、牢记使命", startsOn, endsOn), T0);
        CampaignInfo launched = new CampaignInfo("c1", "不忘初心、牢记使命", startsOn, endsOn);
        assertThat(registry.campaign("c1")).contains(launched);

        // The replica's row gone (as only a rebuild with the service stopped removes it): still known here.
        clear();
        assertThat(registry.campaign("c1")).contains(launched);
        assertThat(registry.awaitCampaign("c1", Duration.ZERO)).contains(launched);
        assertThat(new JdbcOrganizationRegistry(database.jdbc(), arrivals, Duration.ofSeconds(5)).campaign("c1"))
                .as("a new instance, as after a restart, reads the replica").isEmpty();
    }

    @Test
    void keepsItsAnswersForATransactionThatAsksUntilItEnds() {
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        LocalDate endsOn = LocalDate.of(2019, 11, 30);
        register("office", "县委办", Tier.SECTION, Sector.ORGAN, null);
        apply("c1", new CampaignLaunched("c1", "不忘初心、牢记使命", startsOn, endsOn), T0);
        apply("c1", new GuidancePlanIssued("c1", 1, startsOn, endsOn, Plans.withTotalDays(6)), T0);

        transactions.executeWithoutResult(status -> {
            RegistryAnswers.keepForTransaction();
            assertThat(registry.awaitKnown("office")).map(OrganizationInfo::dissolved).contains(false);
            assertThat(registry.awaitPlan("c1", BOUND)).contains(Plans.withTotalDays(6));
            assertThat(registry.find("late")).as("not known yet").isEmpty();

            // The replica changes while the transaction runs (committed by another one, as the projector does).
            CompletableFuture.runAsync(() -> {
                apply("office", new OrganizationDissolved("office", "县委办"), T0.plusDays(1));
                apply("c1", new GuidancePlanIssued("c1", 2, startsOn, endsOn, Plans.withTotalDays(8)), T0.plusDays(1));
                register("late", "后来的支部", Tier.BRANCH, Sector.VILLAGE, null);
            }).join();

            assertThat(registry.find("office")).as("kept for the transaction")
                    .map(OrganizationInfo::dissolved).contains(false);
            assertThat(registry.plan("c1")).as("kept for the transaction").contains(Plans.withTotalDays(6));
            assertThat(registry.awaitKnown("late", BOUND)).as("what was unknown is looked up again").isPresent();
        });

        // The next transaction, and any that does not ask, reads the replica as it is now.
        transactions.executeWithoutResult(status -> {
            RegistryAnswers.keepForTransaction();
            assertThat(registry.find("office")).map(OrganizationInfo::dissolved).contains(true);
            assertThat(registry.plan("c1")).contains(Plans.withTotalDays(8));
        });
        transactions.executeWithoutResult(status -> {
            assertThat(registry.find("late")).map(OrganizationInfo::name).contains("后来的支部");
            CompletableFuture.runAsync(() -> apply("late", new OrganizationRenamed("late", "新支部", "后来的支部"),
                    T0.plusDays(2))).join();
            assertThat(registry.find("late")).as("a transaction that did not ask keeps nothing")
                    .map(OrganizationInfo::name).contains("新支部");
        });
    }

    @Test
    void parsesEachPlanVersionOnceAndAnswersANewVersionAtOnce() {
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        LocalDate endsOn = LocalDate.of(2019, 11, 30);
        apply("c1", new CampaignLaunched("c1", "不忘初心、牢记使命", startsOn, endsOn), T0);
        apply("c1", new GuidancePlanIssued("c1", 1, startsOn, endsOn, Plans.withTotalDays(6)), T0);
        apply("c2", new CampaignLaunched("c2", "第二批", startsOn, endsOn), T0);
        apply("c2", new GuidancePlanIssued("c2", 1, startsOn, endsOn, Plans.withTotalDays(4)), T0);
        GuidancePlan first = registry.plan("c1").orElseThrow();

        // The version in force did not change: the plan parsed before is answered, not parsed again.
        assertThat(registry.plan("c1")).containsSame(first);
        assertThat(registry.plan("c2")).contains(Plans.withTotalDays(4));

        // A new version between two commands: the very next look-up answers it.
        apply("c1", new GuidancePlanIssued("c1", 2, startsOn, endsOn, Plans.withTotalDays(8)), T0.plusDays(5));
        assertThat(registry.plan("c1")).contains(Plans.withTotalDays(8));
        assertThat(registry.plan("c1")).contains(Plans.withTotalDays(8));
        assertThat(registry.plan("c2")).contains(Plans.withTotalDays(4));

        // A replica rebuilt empty knows no plan, whatever was parsed before.
        clear();
        assertThat(registry.plan("c1")).isEmpty();
    }

    @Test
    void refusesARegistrationWithoutATierSoTheProjectorDeadLettersIt() {
        ProjectedEvent broken = events.next("x", new OrganizationRegistered("x", "无层级", null, Sector.ORGAN, null), T0);

        assertThatThrownBy(() -> projection.apply(broken)).isInstanceOf(DataIntegrityViolationException.class)
                .hasMessageContaining("tier");
    }

    @Test
    void awaitKnownReturnsAnOrganizationCommittedWhileItWaits() {
        CompletableFuture<Optional<OrganizationInfo>> answer =
                CompletableFuture.supplyAsync(() -> registry.awaitKnown("late", BOUND));
        await().atMost(BOUND).until(() -> arrivals.awaited(Arrivals.organization("late")));
        assertThat(answer).isNotDone();

        transactions.executeWithoutResult(status -> register("late", "后到支部", Tier.BRANCH, Sector.ORGAN, null));

        assertThat(answer).succeedsWithin(BOUND).satisfies(found ->
                assertThat(found).map(OrganizationInfo::name).contains("后到支部"));
        assertThat(arrivals.awaited(Arrivals.organization("late"))).isFalse();
    }

    @Test
    void doesNotWakeWaitersForARolledBackRegistration() {
        CompletableFuture<Optional<OrganizationInfo>> answer =
                CompletableFuture.supplyAsync(() -> registry.awaitKnown("late", BOUND));
        await().atMost(BOUND).until(() -> arrivals.awaited(Arrivals.organization("late")));

        transactions.executeWithoutResult(status -> {
            register("late", "后到支部", Tier.BRANCH, Sector.ORGAN, null);
            status.setRollbackOnly();
        });

        // Announcements happen on this thread after completion: had the rollback announced, the
        // waiter would be deregistered by now.
        assertThat(arrivals.awaited(Arrivals.organization("late"))).isTrue();
        transactions.executeWithoutResult(status -> register("late", "后到支部", Tier.BRANCH, Sector.ORGAN, null));
        assertThat(answer).succeedsWithin(BOUND).satisfies(found -> assertThat(found).isPresent());
    }

    @Test
    void awaitPlanAndAwaitMemberReturnWhatArrivesWhileTheyWait() {
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        CompletableFuture<?> plan = CompletableFuture.supplyAsync(() -> registry.awaitPlan("c1", BOUND));
        CompletableFuture<?> member = CompletableFuture.supplyAsync(() -> registry.awaitMember("m1", BOUND));
        await().atMost(BOUND).until(() -> arrivals.awaited(Arrivals.plan("c1")) && arrivals.awaited(Arrivals.member("m1")));

        transactions.executeWithoutResult(status -> {
            apply("c1", new GuidancePlanIssued("c1", 1, startsOn, startsOn.plusMonths(3), Plans.withTotalDays(6)), T0);
            apply("m1", new MemberEnrolled("m1", "east", MemberField.RURAL, MemberOccupation.NO_POST,
                    MemberStatus.REGULAR), T0);
        });

        assertThat(plan).succeedsWithin(BOUND).isEqualTo(Optional.of(Plans.withTotalDays(6)));
        assertThat(member).succeedsWithin(BOUND).isEqualTo(registry.member("m1"));
    }

    @Test
    void awaitKnownGivesUpAfterTheTimeout() {
        long started = System.nanoTime();

        Optional<OrganizationInfo> found = registry.awaitKnown("never", Duration.ofMillis(300));

        long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        assertThat(found).isEmpty();
        assertThat(waited).isBetween(300L, 3_000L);
        assertThat(arrivals.awaited(Arrivals.organization("never"))).isFalse();
    }

    @Test
    void awaitKnownAnswersAtOnceForAKnownOrganization() {
        register("county", "县委常委会", Tier.COUNTY, Sector.COUNTY_LEADERSHIP, null);

        assertThat(registry.awaitKnown("county", Duration.ofDays(1))).isPresent();
    }

    private void register(String id, String name, Tier tier, Sector sector, String parentId) {
        apply(id, new OrganizationRegistered(id, name, tier, sector, parentId), T0);
    }

    private static OrganizationRegistered registration(String id, String name, String parentId) {
        return new OrganizationRegistered(id, name, Tier.SECTION, Sector.ORGAN, parentId);
    }

    /**
     * A poll applied at once ({@code applyAll}: the enrolments between two other changes in one statement) leaves the
     * rows that applying each event in turn leaves: a member enrolled and transferred within the poll, an enrolment
     * redelivered after its transfer, one member left; and the members enrolled are announced once it commits.
     */
    @Test
    void aPollAppliedAtOnceLeavesWhatEachEventInTurnLeaves() {
        java.util.List<ProjectedEvent> poll = new java.util.ArrayList<>();
        ProjectedEvent first = events.next("m1", new MemberEnrolled("m1", "east", MemberField.RURAL,
                MemberOccupation.NO_POST, MemberStatus.REGULAR), T0);
        poll.add(first);
        poll.add(events.next("m2", new MemberEnrolled("m2", "east", MemberField.ENTERPRISE, MemberOccupation.OTHER,
                MemberStatus.MOBILE), T0.plusSeconds(1)));
        poll.add(events.next("m1", new MemberTransferred("m1", "west", "east"), T0.plusDays(10)));
        poll.add(events.at("m1", first.sequence(), first.payload(), first.time()));
        poll.add(events.next("m3", new MemberEnrolled("m3", "west", MemberField.OTHER, MemberOccupation.PUBLIC_SERVANT,
                MemberStatus.ELDERLY_INFIRM), T0.plusDays(11)));
        poll.add(events.next("m2", new MemberLeft("m2", "east"), T0.plusDays(12)));
        poll.add(events.next("m4", new MemberEnrolled("m4", "north", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0.plusDays(13)));
        poll.add(events.next("m5", new MemberEnrolled("m5", "north", MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0.plusDays(13)));

        transactions.executeWithoutResult(status -> poll.forEach(projection::apply));
        java.util.List<String> oneByOne = replicaRows();
        assertThat(oneByOne).hasSize(11);

        clear();
        Arrivals notifying = new Arrivals(database.jdbc());
        RegistryProjection atOnce = new RegistryProjection(database.jdbc(), notifying);
        try (Arrivals.Wait m4 = notifying.expect(Arrivals.member("m4"));
             Arrivals.Wait m5 = notifying.expect(Arrivals.member("m5"))) {
            transactions.executeWithoutResult(status -> {
                atOnce.applyAll(poll);
                assertThat(notifying.awaited(Arrivals.member("m4"))).as("announced only after the commit").isTrue();
            });
            assertThat(m4.await(0)).isTrue();
            assertThat(m5.await(0)).isTrue();
        }
        assertThat(replicaRows()).isEqualTo(oneByOne);
    }

    private java.util.List<String> replicaRows() {
        java.util.List<String> rows = new java.util.ArrayList<>(database.jdbc()
                .sql("SELECT 'member ' || CAST(t AS TEXT) FROM registry_member t ORDER BY 1").query(String.class).list());
        rows.addAll(database.jdbc().sql("SELECT 'membership ' || CAST(t AS TEXT) FROM registry_membership t ORDER BY 1")
                .query(String.class).list());
        return rows;
    }

    private void apply(String aggregateId, Object payload, OffsetDateTime time) {
        projection.apply(events.next(aggregateId, payload, time));
    }

    private static void clear() {
        database.jdbc().sql("TRUNCATE registry_organization, registry_campaign, registry_plan, registry_member,"
                + " registry_membership").update();
    }
}
