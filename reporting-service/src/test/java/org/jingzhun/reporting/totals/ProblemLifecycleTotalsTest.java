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
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
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

/** The problem lifecycle of the rectification service in the totals: handlers called directly, real PostgreSQL. */
class ProblemLifecycleTotalsTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T13:12:00Z");
    private static final Instant DUE = Instant.parse("2019-10-31T15:59:59Z");
    private static final Instant LATER = Instant.parse("2019-11-30T15:59:59Z");
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
        String database = "problems_" + DATABASES.incrementAndGet();
        DataSource dataSource = MigratedDatabase.of(postgres, database);
        jdbc = JdbcClient.create(dataSource);
        projection = new TotalsProjection(jdbc);
        query = new TotalsQuery(jdbc, new DataSourceTransactionManager(dataSource),
                new JingzhunProperties("reporting-service", COUNTY), Clock.fixed(T0.toInstant(), ZoneOffset.UTC));
    }

    @Test
    void countsVerifiedAsRectifiedAndRectifyingOrReopenedAsInProgress() {
        apply(logged("p-logged"),
                logged("p-rectifying"), measures("p-rectifying"),
                logged("p-rectified"), rectified("p-rectified"),
                logged("p-verified"), rectified("p-verified"), verified("p-verified"),
                logged("p-reopened"), rectified("p-reopened"), reopened("p-reopened"));

        Totals.Problems problems = query.totals("c-1").problems();

        assertThat(problems.found()).isEqualTo(5);
        assertThat(problems.rectified()).isEqualTo(2);
        assertThat(problems.inProgress()).isEqualTo(3);
        assertThat(problems.found()).isEqualTo(problems.rectified() + problems.inProgress());
    }

    @Test
    void aProblemGoesAroundAgainAfterItIsReopened() {
        apply(logged("p-1"), measures("p-1"), rectified("p-1"), reopened("p-1"), measures("p-1"), rectified("p-1"),
                verified("p-1"));

        Totals.Problems problems = query.totals("c-1").problems();

        assertThat(problems.rectified()).isEqualTo(1);
        assertThat(problems.inProgress()).isZero();
    }

    @Test
    void countsOverdueProblemsUntilTheyAreRectified() {
        apply(logged("p-1"), overdue("p-1", DUE), logged("p-2"), overdue("p-2", DUE), logged("p-3"));
        assertThat(query.totals("c-1").problems().overdue()).isEqualTo(2);

        apply(rectified("p-1"));
        Totals.Problems problems = query.totals("c-1").problems();

        assertThat(problems.overdue()).isEqualTo(1);
        assertThat(problems.rectified()).isEqualTo(1);
    }

    @Test
    void anExtendedDeadlineIsNotOverdueUntilTheNewOnePasses() {
        apply(logged("p-1"), overdue("p-1", DUE),
                new ProblemDeadlineExtended("p-1", "org-a", "c-1", DUE, LATER, "需等待年度数据"));
        assertThat(query.totals("c-1").problems().overdue()).isZero();
        assertThat(jdbc.sql("SELECT deadline FROM problem WHERE problem_id = 'p-1'").query(OffsetDateTime.class)
                .single().toInstant()).isEqualTo(LATER);

        apply(overdue("p-1", LATER));
        assertThat(query.totals("c-1").problems().overdue()).isEqualTo(1);
    }

    @Test
    void aLateRectificationReopenedIsOverdueWorkAgain() {
        apply(logged("p-1"), overdue("p-1", DUE), rectified("p-1"));
        assertThat(query.totals("c-1").problems().overdue()).isZero();

        apply(reopened("p-1"));

        assertThat(query.totals("c-1").problems().overdue()).isEqualTo(1);
    }

    @Test
    void keepsSpecialRectificationsAndCountsTheirProblems() {
        apply(new OrganizationRegistered("org-a", "甲", Tier.SECTION, Sector.TOWNSHIP, null),
                new SpecialRectificationLaunched("sr-1", "c-1", "营商环境不优问题专项整治", "审批时限", "org-a"),
                new ProblemLogged("p-1", "org-a", "c-1", FocusArea.SOCIAL_GOVERNANCE, ProblemSource.SUPERVISION,
                        "sr-1", "审批超时", "镇长", DUE),
                verified("p-1"));

        assertThat(query.totals("c-1").problems().bySpecialRectification()).containsExactly(Map.entry("sr-1", 1L));
        assertThat(jdbc.sql("SELECT title FROM special_rectification WHERE special_rectification_id = 'sr-1'")
                .query(String.class).single()).isEqualTo("营商环境不优问题专项整治");
    }

    @Test
    void projectingTheSameLifecycleTwiceChangesNoTotal() {
        List<ProjectedEvent> events = List.of(logged("p-1"), measures("p-1"), overdue("p-1", DUE), rectified("p-1"),
                reopened("p-1")).stream().map(fact -> event(fact, T0)).toList();
        events.forEach(projection::apply);
        Totals.Problems once = query.totals("c-1").problems();

        events.forEach(projection::apply);

        assertThat(query.totals("c-1").problems()).isEqualTo(once);
    }

    @Test
    void refusesLifecycleEventsOfAProblemNeverLogged() {
        for (Object orphan : List.of(measures("p-404"), verified("p-404"), reopened("p-404"), overdue("p-404", DUE),
                new ProblemDeadlineExtended("p-404", "org-a", "c-1", DUE, LATER, "x"))) {
            assertThatThrownBy(() -> projection.apply(event(orphan, T0)))
                    .isInstanceOf(UnprojectableEvent.class)
                    .hasMessage("problem p-404 is unknown: its ProblemLogged was never projected");
        }
    }

    private void apply(Object... payloads) {
        for (Object payload : payloads) {
            projection.apply(event(payload, T0));
        }
    }

    private static ProblemLogged logged(String problemId) {
        return new ProblemLogged(problemId, "org-a", "c-1", FocusArea.POLICY_DELIVERY, ProblemSource.SELF_INSPECTION,
                null, "政策落实不到位", "张三", DUE);
    }

    private static RectificationMeasuresSet measures(String problemId) {
        return new RectificationMeasuresSet(problemId, "org-a", "c-1",
                List.of(new Measure("逐项整改", LocalDate.of(2019, 10, 15))));
    }

    private static ProblemRectified rectified(String problemId) {
        return new ProblemRectified(problemId, "org-a", "c-1", "已整改", List.of());
    }

    private static RectificationVerified verified(String problemId) {
        return new RectificationVerified(problemId, "org-a", "c-1", "admin", "同意销号");
    }

    private static ProblemReopened reopened(String problemId) {
        return new ProblemReopened(problemId, "org-a", "c-1", "未整改到位");
    }

    private static ProblemOverdue overdue(String problemId, Instant deadline) {
        return new ProblemOverdue(problemId, "org-a", "c-1", deadline);
    }
}
