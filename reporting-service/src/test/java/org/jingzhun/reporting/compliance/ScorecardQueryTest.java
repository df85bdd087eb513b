package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;
import static org.jingzhun.reporting.compliance.CountyEvents.ENDS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.STARTS_ON;
import static org.jingzhun.reporting.compliance.CountyEvents.completed;
import static org.jingzhun.reporting.compliance.CountyEvents.member;
import static org.jingzhun.reporting.compliance.CountyEvents.note;
import static org.jingzhun.reporting.compliance.CountyEvents.problem;
import static org.jingzhun.reporting.compliance.CountyEvents.research;
import static org.jingzhun.reporting.compliance.CountyEvents.session;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.OrganizationDissolved;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.embedded.EmbeddedPostgresServer;
import org.jingzhun.platform.web.RuleViolation;
import org.jingzhun.reporting.SourcePlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scorecards on real PostgreSQL, fed through the totals projection. */
class ScorecardQueryTest {

    private static final String CAMPAIGN = "c-2019";

    @TempDir
    static Path dataDirectory;
    static EmbeddedPostgresServer postgres;

    private CountyEvents county;
    private ScorecardQuery query;

    @BeforeAll
    static void startPostgres() {
        postgres = CountyEvents.startPostgres(dataDirectory);
    }

    @AfterAll
    static void stopPostgres() {
        postgres.close();
    }

    @BeforeEach
    void loadTheCounty() {
        county = CountyEvents.freshDatabase(postgres, "scorecard");
        county.apply(
                new CampaignLaunched(CAMPAIGN, "不忘初心、牢记使命主题教育", STARTS_ON, ENDS_ON),
                new GuidancePlanIssued(CAMPAIGN, 1, STARTS_ON, ENDS_ON, SourcePlan.sourceDocumentPlan()),
                new OrganizationRegistered("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP, null),
                new OrganizationRegistered("branch-1", "某村党支部", Tier.BRANCH, Sector.VILLAGE, "town-1"),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 9, 10), 2, StudyFormat.CONCENTRATED),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 15), 1, StudyFormat.CONCENTRATED),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 10, 22), 2, StudyFormat.ONLINE),
                session("town-1", CAMPAIGN, LocalDate.of(2019, 11, 5), 3, StudyFormat.CONCENTRATED),
                research("town-1", CAMPAIGN, ResearchKind.PROBLEM_BRIEF),
                new HonorRoomVisited("record-town-1", "town-1", CAMPAIGN, LocalDate.of(2019, 9, 20), 18),
                new HonorRoomVisited("record-town-1", "town-1", CAMPAIGN, LocalDate.of(2019, 10, 20), 12),
                new SpecialRectificationLaunched("sr-business", CAMPAIGN, "营商环境不优问题", null, null),
                problem("p-1", "town-1", CAMPAIGN, "sr-business"),
                problem("p-2", "town-1", CAMPAIGN, "sr-business"),
                problem("p-3", "town-1", CAMPAIGN, null),
                new ProblemRectified("p-2", "town-1", CAMPAIGN, "已整改", List.of()),
                new ProblemOverdue("p-3", "town-1", CAMPAIGN, Instant.parse("2019-10-31T15:59:59Z")),
                member("m-1", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                member("m-2", "branch-1", MemberOccupation.PUBLIC_SERVANT),
                note("m-1", "branch-1", CAMPAIGN),
                completed("branch-1", CAMPAIGN, ChecklistItem.VOLUNTEER_SERVICE, LocalDate.of(2019, 10, 26)));
        Arrays.stream(ChecklistItem.values())
                .filter(item -> item != ChecklistItem.RECTIFICATION_LEDGER && item != ChecklistItem.SUMMARY)
                .forEach(item -> county.apply(completed("branch-1", CAMPAIGN, item, LocalDate.of(2019, 10, 9))));
        query = new ScorecardQuery(county.jdbc, county.transactions, CountyEvents.JINGZHUN,
                CountyEvents.on(LocalDate.of(2019, 11, 1)));
    }

    @AfterEach
    void close() {
        county.close();
    }

    @Test
    void showsATeamsStudyByMonthAgainstThePlanWithWhatIsJudgedSoFar() {
        Scorecard card = query.scorecard("town-1", CAMPAIGN);

        assertThat(card.organization()).isEqualTo(new Organization("town-1", "某镇党委", Tier.SECTION, Sector.TOWNSHIP,
                null, false));
        assertThat(card.planVersion()).isEqualTo(1);
        Scorecard.Study study = card.study();
        assertThat(study.sessions()).isEqualTo(4);
        assertThat(study.sessionDays()).isEqualTo(8L);
        assertThat(study.daysByFormat()).containsEntry(StudyFormat.CONCENTRATED, 6L)
                .containsEntry(StudyFormat.ONLINE, 2L).containsEntry(StudyFormat.SELF_STUDY, 0L);
        assertThat(study.countedFormats()).containsExactly(StudyFormat.CONCENTRATED);
        assertThat(study.countedDays()).isEqualTo(6L);
        assertThat(study.requiredTotalDays()).isEqualTo(6);
        assertThat(study.totalJudged()).isFalse();
        assertThat(study.byMonth()).containsExactly(
                new Scorecard.MonthOfStudy("2019-09", 2L, 2, true),
                new Scorecard.MonthOfStudy("2019-10", 1L, 2, true),
                new Scorecard.MonthOfStudy("2019-11", 3L, 2, false));
        assertThat(card.compliance()).extracting(Behind::requirement, Behind::period)
                .containsExactly(tuple(Requirement.STUDY_DAYS_PER_MONTH, "2019-10"));
    }

    @Test
    void showsResearchVisitsProblemsAndSpecialRectifications() {
        Scorecard card = query.scorecard("town-1", CAMPAIGN);

        assertThat(card.honorRoom()).isEqualTo(new Scorecard.HonorRoom(2, 30));
        assertThat(card.research().byKind()).containsEntry(ResearchKind.PROBLEM_BRIEF, 1L)
                .containsEntry(ResearchKind.GOLDEN_IDEA, 0L);
        assertThat(card.research().duties()).extracting(Scorecard.ResearchDutyStatus::minimum,
                Scorecard.ResearchDutyStatus::done).containsExactly(tuple(1, 1L));
        assertThat(card.problems()).extracting(Scorecard.Problems::found, Scorecard.Problems::rectified,
                Scorecard.Problems::inProgress, Scorecard.Problems::overdue).containsExactly(3L, 1L, 2L, 1L);
        assertThat(card.problems().byStatus()).containsEntry(ProblemStatus.LOGGED, 2L)
                .containsEntry(ProblemStatus.RECTIFIED, 1L).containsEntry(ProblemStatus.VERIFIED, 0L);
        assertThat(card.specialRectifications().minimum()).isEqualTo(1);
        assertThat(card.specialRectifications().maximum()).isEqualTo(2);
        assertThat(card.specialRectifications().takingPart()).containsExactly(
                new Scorecard.TakingPart("sr-business", "营商环境不优问题", false, 2));
    }

    @Test
    void showsABranchsTenOnesNotesAndEntriesOnceTheCampaignIsOver() {
        Scorecard card = new ScorecardQuery(county.jdbc, county.transactions, CountyEvents.JINGZHUN,
                CountyEvents.on(LocalDate.of(2019, 12, 2))).scorecard("branch-1", CAMPAIGN);

        assertThat(card.checklist()).hasSize(10);
        assertThat(card.checklist()).filteredOn(status -> !status.done()).extracting(Scorecard.ChecklistStatus::item)
                .containsExactly(ChecklistItem.RECTIFICATION_LEDGER, ChecklistItem.SUMMARY);
        assertThat(card.checklist()).filteredOn(status -> status.item() == ChecklistItem.VOLUNTEER_SERVICE)
                .containsExactly(new Scorecard.ChecklistStatus(ChecklistItem.VOLUNTEER_SERVICE,
                        ChecklistFrequency.AT_LEAST_ONCE, true, LocalDate.of(2019, 10, 9), 2));
        assertThat(card.notes().total()).isEqualTo(1);
        assertThat(card.notes().byKind()).containsEntry(StudyNoteKind.REFLECTION, 1L).containsEntry(StudyNoteKind.NOTES, 0L);
        assertThat(card.notes()).extracting(Scorecard.Notes::membersRequired, Scorecard.Notes::membersWithNotes)
                .containsExactly(2, 1);
        assertThat(card.compliance()).extracting(Behind::requirement)
                .containsExactly(Requirement.STUDY_NOTES, Requirement.CHECKLIST_ITEM, Requirement.CHECKLIST_ITEM);
    }

    @Test
    void showsADissolvedOrganizationWithoutComplianceEntries() {
        county.apply(new OrganizationDissolved("branch-1", "某村党支部"));

        Scorecard card = query.scorecard("branch-1", CAMPAIGN);

        assertThat(card.organization().dissolved()).isTrue();
        assertThat(card.compliance()).isEmpty();
    }

    @Test
    void refusesAnUnknownOrganizationOrCampaign() {
        assertThatThrownBy(() -> query.scorecard("nobody", CAMPAIGN))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.NOT_FOUND);
                    assertThat(violation.code()).isEqualTo("organization.not-found");
                });
        assertThatThrownBy(() -> query.scorecard("town-1", "c-none"))
                .isInstanceOfSatisfying(RuleViolation.class, violation -> {
                    assertThat(violation.kind()).isEqualTo(RuleViolation.Kind.NOT_FOUND);
                    assertThat(violation.code()).isEqualTo("campaign.not-found");
                });
    }
}
