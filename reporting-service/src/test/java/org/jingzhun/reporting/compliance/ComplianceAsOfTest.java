package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingzhun.reporting.compliance.CountyEvents.COUNTY;
import static org.jingzhun.reporting.compliance.CountyEvents.ENDS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.JINGZHUN;
import static org.jingzhun.reporting.compliance.CountyEvents.STARTS_ON;


import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.readmodel.AsOf;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Compliance and scorecards as of an instant, on real PostgreSQL: a county's history is loaded stage by
 * stage into one database, and after each stage the live answers are taken with the clock at instants of
 * that stage — what was loaded up to then. Once the whole history is in, the answers as of each of those
 * instants must equal them, field for field.
 */
class ComplianceAsOfTest {

    private static final String CAMPAIGN = CountyHistory.CAMPAIGN;
    private static final List<String> ORGANIZATIONS = List.of("town-1", "branch-1", "branch-2", "school-1");

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
    void answersAsOfEachInstantWhatWasLoadedUpToThen() {
        CountyEvents county = CountyEvents.freshDatabase(postgres, "compliance_asof");
        try {
            List<CountyHistory.Stage> stages = CountyHistory.stages();
            Map<OffsetDateTime, Answers> live = new LinkedHashMap<>();
            for (CountyHistory.Stage stage : stages) {
                stage.load().accept(county);
                for (OffsetDateTime instant : stage.instants()) {
                    live.put(instant, answers(county, instant, AsOf.live()));
                }
            }
            assertThat(live).hasSize(8);

            live.forEach((instant, expected) -> {
                Answers asOf = answers(county, OffsetDateTime.parse("2020-06-01T00:00:00+08:00"), AsOf.at(instant));
                assertThat(asOf.compliance).as("compliance as of %s", instant).isEqualTo(expected.compliance);
                assertThat(asOf.byTier).as("compliance of branches as of %s", instant).isEqualTo(expected.byTier);
                assertThat(asOf.scorecards).as("scorecards as of %s", instant).isEqualTo(expected.scorecards);
            });

            // The history matters: the answers differ from stage to stage.
            List<Answers> answers = new ArrayList<>(live.values());
            assertThat(answers.get(0).scorecards.get("school-1")).isEqualTo("organization.not-found");
            assertThat(answers.get(answers.size() - 1).scorecards.get("school-1")).isInstanceOf(Scorecard.class);
            assertThat(answers.get(3).compliance.behind()).as("October not judged on 22 October").isEmpty();
            assertThat(answers.get(4).compliance.behind()).as("October judged on 3 November")
                    .extracting(Behind::organizationId, Behind::requirement, Behind::period)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("town-1", Requirement.STUDY_DAYS_PER_MONTH,
                            "2019-10"));
            assertThat(answers.get(answers.size() - 1).compliance.behind()).as("plan v2 asks nothing").isEmpty();
        } finally {
            county.close();
        }
    }

    @Test
    void knowsNoCampaignBeforeItWasLaunched() {
        CountyEvents county = CountyEvents.freshDatabase(postgres, "compliance_asof");
        try {
            OffsetDateTime launched = OffsetDateTime.parse("2019-09-01T09:00:00+08:00");
            county.applyAt(launched, new CampaignLaunched(CAMPAIGN, "主题教育", STARTS_ON, ENDS_ON));
            ComplianceQuery query = new ComplianceQuery(county.jdbc, county.transactions, JINGZHUN,
                    CountyEvents.on(LocalDate.of(2019, 10, 1)));

            assertThat(query.compliance(CAMPAIGN, null, null, AsOf.at(launched)).behind()).isEmpty();
            assertThatThrownBy(() -> query.compliance(CAMPAIGN, null, null, AsOf.at(launched.minusSeconds(1))))
                    .isInstanceOfSatisfying(RuleViolation.class,
                            e -> assertThat(e.code()).isEqualTo("campaign.not-found"));
        } finally {
            county.close();
        }
    }

    private static Answers answers(CountyEvents county, OffsetDateTime now, AsOf asOf) {
        // Live answers are asked at the instant itself; answers as of it, months later.
        Clock clock = Clock.fixed(now.toInstant(), COUNTY);
        ComplianceQuery compliance = new ComplianceQuery(county.jdbc, county.transactions, JINGZHUN, clock);
        ScorecardQuery scorecards = new ScorecardQuery(county.jdbc, county.transactions, JINGZHUN, clock);
        Map<String, Object> cards = new LinkedHashMap<>();
        for (String organization : ORGANIZATIONS) {
            try {
                cards.put(organization, scorecards.scorecard(organization, CAMPAIGN, asOf));
            } catch (RuleViolation e) {
                cards.put(organization, e.code());
            }
        }
        return new Answers(compliance.compliance(CAMPAIGN, null, null, asOf),
                compliance.compliance(CAMPAIGN, Tier.BRANCH, null, asOf), cards);
    }

    private record Answers(Compliance compliance, Compliance byTier, Map<String, Object> scorecards) {
    }
}
