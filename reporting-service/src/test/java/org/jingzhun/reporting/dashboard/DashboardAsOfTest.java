package org.jingzhun.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.reporting.compliance.CountyEvents;
import org.jingzhun.reporting.compliance.CountyHistory;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard's panels as of an instant (study by month, the ten ones, problem statuses and sectors, the
 * drill-down list), on real PostgreSQL: the county's history is loaded stage by stage, the live panels taken
 * at instants of each stage; once everything is in, the panels as of each instant must equal them.
 */
class DashboardAsOfTest {

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    @BeforeAll
    static void startPostgres() {
        postgres = CountyEvents.startPostgres(dataDirectory);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @Test
    void showsEveryPanelAsOfEachInstantAsItWasLiveThen() {
        CountyEvents county = CountyEvents.freshDatabase(postgres, "dashboard_asof");
        try {
            Map<OffsetDateTime, Panels> live = new LinkedHashMap<>();
            for (CountyHistory.Stage stage : CountyHistory.stages()) {
                stage.load().accept(county);
                for (OffsetDateTime instant : stage.instants()) {
                    live.put(instant, panels(county, instant, AsOf.live()));
                }
            }

            OffsetDateTime later = OffsetDateTime.parse("2020-06-01T00:00:00+08:00");
            live.forEach((instant, expected) -> {
                Panels asOf = panels(county, later, AsOf.at(instant));
                assertThat(asOf.breakdowns).as("breakdowns as of %s", instant).isEqualTo(expected.breakdowns);
                assertThat(asOf.organizations).as("organizations as of %s", instant).isEqualTo(expected.organizations);
                assertThat(asOf.branches).as("branches as of %s", instant).isEqualTo(expected.branches);
            });
            // The history shows: branch-2 a village branch, then reclassified to education, then dissolved as
            // the school registers; problems only from October on.
            List<Panels> panels = List.copyOf(live.values());
            assertThat(panels.get(0).branches.organizations()).extracting(OrganizationPage.Row::sector)
                    .containsOnly(Sector.VILLAGE);
            assertThat(panels.get(3).branches.organizations()).extracting(OrganizationPage.Row::sector)
                    .contains(Sector.EDUCATION);
            assertThat(panels.get(4).branches.organizations()).extracting(OrganizationPage.Row::organizationId)
                    .contains("school-1").doesNotContain("branch-2");
            assertThat(panels.get(0).breakdowns.problemsByStatus().values()).allMatch(n -> n == 0);
            assertThat(panels.get(3).breakdowns.problemsByStatus().values().stream().mapToLong(Long::longValue).sum())
                    .isEqualTo(1);
        } finally {
            county.close();
        }
    }

    private static Panels panels(CountyEvents county, OffsetDateTime now, AsOf asOf) {
        Clock clock = Clock.fixed(now.toInstant(), CountyEvents.COUNTY);
        DashboardQuery dashboard = new DashboardQuery(county.jdbc, county.transactions);
        DashboardSettings settings = new DashboardSettings(URI.create("http://localhost:8083"), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofDays(30), URI.create("http://localhost:8081"));
        BreakdownQuery breakdowns = new BreakdownQuery(county.jdbc, dashboard, county.transactions,
                CountyEvents.JINGZHUN, clock, settings);
        return new Panels(breakdowns.breakdowns(CountyHistory.CAMPAIGN, asOf),
                dashboard.organizations(CountyHistory.CAMPAIGN, null, null, null, 0, 50, asOf),
                dashboard.organizations(CountyHistory.CAMPAIGN, Tier.BRANCH, null, null, 0, 50, asOf));
    }

    private record Panels(Breakdowns breakdowns, OrganizationPage organizations, OrganizationPage branches) {
    }
}
