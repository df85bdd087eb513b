package org.jingzhun.reporting.totals;

import static org.assertj.core.api.Assertions.assertThat;
import static org.jingzhun.reporting.totals.ProjectedEvents.event;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.embedded.MovableClock;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.reporting.MigratedDatabase;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** The live totals kept between questions, on a fresh database per test of a real PostgreSQL. */
class LiveTotalsTest {

    private static final ZoneId COUNTY = ZoneId.of("Asia/Shanghai");
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T13:12:00Z");
    private static final AtomicInteger DATABASES = new AtomicInteger();

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    private final MovableClock clock = new MovableClock(Instant.parse("2019-09-30T02:00:00Z"));
    private final MeterRegistry meters = new SimpleMeterRegistry();
    private DataSource dataSource;
    private JdbcClient jdbc;
    private TotalsProjection projection;
    private TotalsQuery query;
    private LiveTotals live;

    /**
     * A kept answer is keyed by the cluster's snapshot, which any transaction anywhere in the cluster changes —
     * autovacuum's analyses of each fresh database's catalogs included. This cluster runs none, so the counts
     * below are the test's own.
     */
    @BeforeAll
    static void startPostgres() {
        postgres = EmbeddedPostgresServer.start(dataDirectory, 0);
        JdbcClient cluster = JdbcClient.create(postgres.dataSource("postgres"));
        cluster.sql("ALTER SYSTEM SET autovacuum = off").update();
        cluster.sql("SELECT pg_reload_conf()").query().singleValue();
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void freshDatabase() {
        dataSource = MigratedDatabase.of(postgres, "live_totals_" + DATABASES.incrementAndGet());
        jdbc = JdbcClient.create(dataSource);
        projection = new TotalsProjection(jdbc);
        query = new TotalsQuery(jdbc, new DataSourceTransactionManager(dataSource),
                new JingzhunProperties("reporting-service", COUNTY), clock);
        live = new LiveTotals(query, jdbc, meters);
    }

    @Test
    void keepsAnAnswerWhileNothingIsWrittenAndCountsAgainAfterTheNextEvent() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                visit("v-1", "town-1", "c-1", 12));
        Totals first = live.totals("c-1", null);
        assertThat(first.honorRoom().personVisits()).isEqualTo(12);

        assertThat(live.totals("c-1", null)).isEqualTo(first);
        assertThat(live.totals("c-1", null)).isEqualTo(first);
        assertThat(answers("kept")).isEqualTo(2);
        assertThat(answers("counted")).isEqualTo(1);

        apply(visit("v-2", "town-1", "c-1", 5));

        Totals after = live.totals("c-1", null);
        assertThat(after.honorRoom().personVisits()).isEqualTo(17);
        assertThat(after.eventsProjected()).isEqualTo(3);
        assertThat(after).isEqualTo(query.totals("c-1"));
        assertThat(answers("counted")).isEqualTo(2);
    }

    @Test
    void countsAgainAfterAnyWriteEvenOneNoEventCounted() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null));
        assertThat(live.totals(null, null).organizations().total()).isEqualTo(1);

        // A hand edit behind the projector's back (what the replay's tests spoil, or a replay's swap).
        jdbc.sql("UPDATE organization SET dissolved = true WHERE organization_id = 'town-1'").update();

        assertThat(live.totals(null, null).organizations().total()).isZero();
        assertThat(live.totals(null, null)).isEqualTo(query.totals(null));
        assertThat(answers("counted")).isEqualTo(2);
    }

    @Test
    void countsAgainWhenATransactionRunningDuringTheCountHasCommittedSince() throws Exception {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                visit("v-1", "town-1", "c-1", 12));
        try (Connection other = dataSource.getConnection()) {
            other.setAutoCommit(false);
            try (Statement statement = other.createStatement()) {
                statement.executeUpdate("UPDATE organization SET dissolved = true WHERE organization_id = 'town-1'");
            }
            // A later transaction commits first: the newest transaction id the count sees is after the running one.
            apply(visit("v-2", "town-1", "c-1", 5));
            Totals during = live.totals(null, null);
            assertThat(during.organizations().total()).isEqualTo(1);
            assertThat(during.honorRoom().personVisits()).isEqualTo(17);
            other.commit();
        }

        // Only the list of transactions running at the count tells it from now.
        assertThat(live.totals(null, null).organizations().total()).isZero();
    }

    @Test
    void keepsNothingAskedInsideACallersTransaction() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null));
        TransactionTemplate callers = new TransactionTemplate(new DataSourceTransactionManager(dataSource));

        callers.executeWithoutResult(status -> {
            assertThat(live.totals(null, null).organizations().total()).isEqualTo(1);
            assertThat(live.totals(null, null).organizations().total()).isEqualTo(1);
        });

        assertThat(answers("counted")).isEqualTo(2);
        assertThat(answers("kept")).isZero();
        live.totals(null, null);
        assertThat(answers("counted")).as("nothing was kept from inside").isEqualTo(3);
    }

    @Test
    void keepsNothingBeforeTheFirstEventWhoseAnswerIsAsOfNow() {
        Totals before = live.totals(null, null);
        clock.advance(Duration.ofMinutes(5));

        Totals later = live.totals(null, null);

        assertThat(later.asOf()).isEqualTo(before.asOf().plusMinutes(5));
        assertThat(later.eventsProjected()).isZero();
        assertThat(answers("kept")).isZero();
    }

    @Test
    void keepsEachCampaignAndEachSubtreeApart() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("village-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                new OrganizationRegistered("town-2", "另一镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                visit("v-1", "village-1", "c-1", 12),
                visit("v-2", "town-2", "c-2", 30));

        for (int round = 0; round < 2; round++) {
            assertThat(live.totals("c-1", null).honorRoom().personVisits()).isEqualTo(12);
            assertThat(live.totals("c-2", null).honorRoom().personVisits()).isEqualTo(30);
            assertThat(live.totals(null, null).honorRoom().personVisits()).isEqualTo(42);
            assertThat(live.totals(null, "town-1").honorRoom().personVisits()).isEqualTo(12);
            assertThat(live.totals(null, "town-1").organizations().total()).isEqualTo(2);
            assertThat(live.totals(null, "town-2").organizations().total()).isEqualTo(1);
        }
        assertThat(answers("counted")).isEqualTo(5);
        assertThat(live.totals("c-1", null)).isEqualTo(query.totals("c-1"));
        assertThat(live.totals(null, "town-1")).isEqualTo(query.totals(null, AsOf.live(), "town-1"));
    }

    @Test
    void dropsTheLeastRecentlyAskedAnswerBeyondItsCapacity() {
        apply(new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null));
        for (int i = 0; i <= LiveTotals.CAPACITY; i++) {
            live.totals("c-" + i, null);
        }
        assertThat(answers("counted")).isEqualTo(LiveTotals.CAPACITY + 1);

        live.totals("c-" + LiveTotals.CAPACITY, null);
        assertThat(answers("kept")).isEqualTo(1);
        live.totals("c-0", null);
        assertThat(answers("counted")).as("dropped, counted again").isEqualTo(LiveTotals.CAPACITY + 2);
    }

    private long answers(String from) {
        return (long) meters.get("jingzhun.totals.answers").tag("from", from).counter().count();
    }

    private void apply(Object... payloads) {
        for (Object payload : payloads) {
            projection.apply(event(payload, T0));
        }
    }

    private static HonorRoomVisited visit(String recordId, String organizationId, String campaignId, int visitors) {
        return new HonorRoomVisited(recordId, organizationId, campaignId, LocalDate.of(2019, 9, 20), visitors);
    }
}
