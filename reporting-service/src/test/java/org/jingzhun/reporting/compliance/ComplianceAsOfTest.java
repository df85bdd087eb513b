package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.jingzhun.reporting.compliance.CountyEvents.COUNTY;
import static org.jingzhun.reporting.compliance.CountyEvents.ENDS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.JINGZHUN;
import static org.jingzhun.reporting.compliance.CountyEvents.STARTS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.completed;
import static org.jingzhun.reporting.compliance.CountyEvents.member;
import static org.jingzhun.reporting.compliance.CountyEvents.note;
import static org.jingzhun.reporting.compliance.CountyEvents.problem;
import static org.jingzhun.reporting.compliance.CountyEvents.research;
import static org.jingzhun.reporting.compliance.CountyEvents.session;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberLeft;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationReclassified;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.SourcePlan;
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

    private static final String CAMPAIGN = "c-2019";
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
            List<Stage> stages = stages();
            Map<OffsetDateTime, Answers> live = new LinkedHashMap<>();
            for (Stage stage : stages) {
                stage.load.accept(county);
                for (OffsetDateTime instant : stage.instants) {
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

    /** The county's history, stage by stage, each with the instants at which its state is asked for. */
    private static List<Stage> stages() {
        OffsetDateTime september = OffsetDateTime.parse("2019-09-05T10:00:00+08:00");
        OffsetDateTime october = OffsetDateTime.parse("2019-10-02T10:00:00+08:00");
        OffsetDateTime november = OffsetDateTime.parse("2019-11-03T10:00:00+08:00");
        OffsetDateTime december = OffsetDateTime.parse("2019-12-02T10:00:00+08:00");
        return List.of(
                new Stage(county -> county.applyAt(september,
                        new CampaignLaunched(CAMPAIGN, "不忘初心、牢记使命主题教育", STARTS_ON, ENDS_ON),
                        new GuidancePlanIssued(CAMPAIGN, 1, STARTS_ON, ENDS_ON, SourcePlan.sourceDocumentPlan()),
                        new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                        new OrganizationRegistered("branch-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                        new OrganizationRegistered("branch-2", "另一村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                        member("m-1", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                        member("m-2", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                        session("town-1", CAMPAIGN, LocalDate.of(2019, 9, 3), 2, StudyFormat.CONCENTRATED)),
                        september, september.plusDays(10)),
                new Stage(county -> county.applyAt(october,
                        session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 1), 1, StudyFormat.CONCENTRATED),
                        note("m-1", "branch-1", CAMPAIGN),
                        completed("branch-1", CAMPAIGN, ChecklistItem.PLAN, LocalDate.of(2019, 10, 1)),
                        new SpecialRectificationLaunched("sr-1", CAMPAIGN, "营商环境不优问题", null, "town-1"),
                        problem("p-1", "town-1", CAMPAIGN, "sr-1"),
                        new OrganizationReclassified("branch-2", Tier.BRANCH, Sector.EDUCATION, Tier.BRANCH,
                                Sector.VILLAGE)),
                        october, october.plusDays(20)),
                new Stage(county -> county.applyAt(november,
                        new OrganizationRegistered("school-1", "某校党支部", Tier.BRANCH, Sector.EDUCATION, null),
                        research("town-1", CAMPAIGN, ResearchKind.PROBLEM_BRIEF),
                        new ProblemRectified("p-1", "town-1", CAMPAIGN, "已整改", List.of()),
                        new MemberLeft("m-2", "branch-1"),
                        new OrganizationDissolved("branch-2", "另一村党支部")),
                        november, november.plusDays(5)),
                // A new plan version with no requirements at all: nobody is behind from then on.
                new Stage(county -> county.applyAt(december,
                        new GuidancePlanIssued(CAMPAIGN, 2, STARTS_ON, ENDS_ON,
                                new GuidancePlan(List.of(), List.of(), List.of()))),
                        december, december.plusDays(1)));
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

    private record Stage(Consumer<CountyEvents> load, List<OffsetDateTime> instants) {
        Stage(Consumer<CountyEvents> load, OffsetDateTime... instants) {
            this(load, List.of(instants));
        }
    }

    private record Answers(Compliance compliance, Compliance byTier, Map<String, Object> scorecards) {
    }
}
