package org.jingzhun.suite.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.suite.demo.County.Activities;
import org.jingzhun.suite.demo.County.Completion;
import org.jingzhun.suite.demo.County.Org;
import org.jingzhun.suite.demo.County.Problem;
import org.jingzhun.suite.demo.County.Session;
import org.jingzhun.suite.demo.County.Visit;
import org.junit.jupiter.api.Test;

/** The demo county as data, before any service sees it: the source document's figures, exactly. */
class DemoCountyDataTest {

    private final County county = CountyGenerator.generate();

    @Test
    void isTheSameCountyEveryTime() {
        assertThat(CountyGenerator.generate()).isEqualTo(county);
        assertThat(CountyGenerator.generate(CountyGenerator.SEED + 1)).isNotEqualTo(county);
    }

    @Test
    void hasFourCountyBodiesEightyEightSectionTeamsAndFourHundredFortyOneBranches() {
        assertThat(county.organizationsOf(Tier.COUNTY)).extracting(Org::name)
                .containsExactly("县委常委会", "县政府党组", "县人大常委会党组", "县政协党组");
        assertThat(county.organizationsOf(Tier.SECTION)).hasSize(88);
        assertThat(county.organizationsOf(Tier.BRANCH)).hasSize(441);
        Map<Sector, Long> teams = county.organizationsOf(Tier.SECTION).stream()
                .collect(Collectors.groupingBy(Org::sector, Collectors.counting()));
        assertThat(teams).containsEntry(Sector.TOWNSHIP, 15L).containsKeys(Sector.ORGAN, Sector.EDUCATION,
                Sector.HEALTH, Sector.STATE_OWNED, Sector.NON_PUBLIC).doesNotContainKey(Sector.VILLAGE);
    }

    @Test
    void registersParentsFirstUnderAHigherTierWithVillagesUnderTownsAndOthersUnderTheirSector() {
        for (Org org : county.organizations()) {
            if (org.tier() == Tier.COUNTY) {
                assertThat(org.parent()).isNegative();
                continue;
            }
            Org parent = county.organizations().get(org.parent());
            assertThat(parent.index()).isLessThan(org.index());
            assertThat(parent.tier().ordinal()).isEqualTo(org.tier().ordinal() - 1);
            if (org.tier() == Tier.BRANCH) {
                assertThat(parent.sector()).as(org.name())
                        .isEqualTo(org.sector() == Sector.VILLAGE ? Sector.TOWNSHIP : org.sector());
            }
        }
        Set<String> names = county.organizations().stream().map(Org::name).collect(Collectors.toSet());
        assertThat(names).as("names are unique, so unique among siblings").hasSize(533);
    }

    @Test
    void enrolsFifteenThousandMembersInBranchesWithEveryCategory() {
        assertThat(county.members()).hasSize(15_000);
        assertThat(county.members()).allSatisfy(member ->
                assertThat(county.organizations().get(member.branch()).tier()).isEqualTo(Tier.BRANCH));
        assertThat(county.members().stream().map(County.Member::field).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MemberField.values());
        assertThat(county.members().stream().map(County.Member::occupation).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MemberOccupation.values());
        assertThat(county.members().stream().map(County.Member::status).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(MemberStatus.values());
        Set<Integer> branchesWithMembers = county.members().stream().map(County.Member::branch)
                .collect(Collectors.toSet());
        assertThat(branchesWithMembers).hasSize(441);
    }

    @Test
    void leavesOneCountyBodyWithoutFiveConsecutiveSeptemberDays() {
        List<String> behind = new ArrayList<>();
        for (Org body : county.organizationsOf(Tier.COUNTY)) {
            if (longestConcentratedRun(activities(body), YearMonth.of(2019, 9)) < 5) {
                behind.add(body.name());
            }
        }
        assertThat(behind).containsExactly("县政协党组");
    }

    @Test
    void leavesSomeSectionTeamsBehindTheirSixDaysOrTwoDaysAMonth() {
        int behind = 0;
        for (Org team : county.organizationsOf(Tier.SECTION)) {
            Map<YearMonth, Double> byMonth = concentratedDaysByMonth(activities(team));
            double total = byMonth.values().stream().mapToDouble(Double::doubleValue).sum();
            boolean short1 = total < 6;
            boolean short2 = false;
            for (int month = 9; month <= 12; month++) {
                short2 |= byMonth.getOrDefault(YearMonth.of(2019, month), 0.0) < 2;
            }
            if (short1 || short2) {
                behind++;
            }
        }
        assertThat(behind).isEqualTo(11);
    }

    @Test
    void neverHoldsTwoConcentratedSessionsOfOneOrganizationOnOneDay() {
        for (Org org : county.organizations()) {
            Set<LocalDate> days = new HashSet<>();
            for (Session session : activities(org).sessions()) {
                if (session.format() == StudyFormat.CONCENTRATED) {
                    for (LocalDate day : StudyDays.spread(session.date(), session.days()).keySet()) {
                        assertThat(days.add(day)).as(org.name() + " " + day).isTrue();
                    }
                }
            }
        }
    }

    @Test
    void hasSixtySixUnitsAndExactly1630PersonVisitsToTheHonorRoomBeforeTheReport() {
        Set<Integer> units = new HashSet<>();
        int visitors = 0;
        for (Org org : county.organizations()) {
            for (Visit visit : activities(org).visits()) {
                units.add(org.index());
                visitors += visit.visitors();
                assertThat(visit.date()).isBetween(LocalDate.of(2019, 9, 1), LocalDate.of(2019, 9, 26));
                assertThat(visit.visitors()).isPositive();
            }
        }
        assertThat(units).hasSize(66);
        assertThat(visitors).isEqualTo(1_630);
    }

    @Test
    void filesReportsFromCountyBodiesBriefsFromTeamsAndGoldenIdeasFromMembersOfTheBranch() {
        Map<ResearchKind, Integer> byKind = new HashMap<>();
        for (Org org : county.organizations()) {
            for (County.Research piece : activities(org).research()) {
                byKind.merge(piece.kind(), 1, Integer::sum);
                switch (org.tier()) {
                    case COUNTY -> assertThat(piece.kind()).isEqualTo(ResearchKind.RESEARCH_REPORT);
                    case SECTION -> assertThat(piece.kind()).isIn(ResearchKind.PROBLEM_BRIEF,
                            ResearchKind.RESEARCH_REPORT);
                    case BRANCH -> {
                        assertThat(piece.kind()).isEqualTo(ResearchKind.GOLDEN_IDEA);
                        assertThat(county.members().get(piece.author()).branch()).isEqualTo(org.index());
                        assertThat(piece.date()).as("a member files on loading day").isNull();
                    }
                }
            }
        }
        assertThat(byKind.get(ResearchKind.RESEARCH_REPORT)).isGreaterThanOrEqualTo(35);
        assertThat(byKind.get(ResearchKind.PROBLEM_BRIEF)).isGreaterThan(80);
        assertThat(byKind.get(ResearchKind.GOLDEN_IDEA)).isGreaterThan(200);
    }

    @Test
    void takesNotesFromPublicServantMembersOfTheirOwnBranch() {
        int notes = 0;
        for (Org org : county.organizations()) {
            for (County.Note note : activities(org).notes()) {
                County.Member member = county.members().get(note.member());
                assertThat(member.branch()).isEqualTo(org.index());
                assertThat(member.occupation()).isEqualTo(MemberOccupation.PUBLIC_SERVANT);
                notes++;
            }
        }
        assertThat(notes).isGreaterThan(500);
    }

    @Test
    void findsExactly178ProblemsOf157RectifiedAnd21BeingRectifiedAFewOverdue() {
        List<Problem> problems = county.problems();
        assertThat(problems).hasSize(178);
        assertThat(problems.stream().filter(p -> p.finalStatus().countsAsRectified())).hasSize(157);
        assertThat(problems.stream().filter(p -> !p.finalStatus().countsAsRectified())).hasSize(21);
        assertThat(problems.stream().filter(Problem::overdue)).hasSize(CountyGenerator.OVERDUE);
        assertThat(problems.stream().filter(p -> !p.overdue()))
                .allSatisfy(p -> assertThat(p.currentDeadline().passed()).isFalse());
        assertThat(problems.stream().filter(p -> p.finalStatus() == org.jingzhun.contracts.ProblemStatus.VERIFIED))
                .hasSizeGreaterThan(30);
        assertThat(problems.stream().map(Problem::special).filter(s -> s >= 0).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(0, 1, 2);
        assertThat(county.specialRectifications())
                .containsExactly("省委巡视组巡视反馈问题", "营商环境不优问题", "国有资产管理不规范问题");
        assertThat(problems.stream().map(p -> county.organizations().get(p.org()).tier()).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(Tier.values());
    }

    @Test
    void keepsTheTenOnesMostlyDoneWithSomeBranchesCompleteAndSomeBehind() {
        int complete = 0;
        int behind = 0;
        int mostly = 0;
        Set<ChecklistItem> repeatable = EnumSet.of(ChecklistItem.EXPERIENCE_EXCHANGE, ChecklistItem.VOLUNTEER_SERVICE);
        for (Org org : county.organizations()) {
            List<Completion> completions = activities(org).checklist();
            if (org.tier() != Tier.BRANCH) {
                assertThat(completions).isEmpty();
                continue;
            }
            Set<ChecklistItem> done = new TreeSet<>();
            for (Completion completion : completions) {
                assertThat(done.add(completion.item()) || repeatable.contains(completion.item()))
                        .as(org.name() + " " + completion.item()).isTrue();
            }
            if (done.size() == 10) {
                complete++;
            } else if (done.size() >= 7) {
                mostly++;
            } else {
                behind++;
            }
        }
        assertThat(complete).isBetween(80, 180);
        assertThat(behind).isBetween(40, 140);
        assertThat(complete + mostly).isGreaterThan(441 / 2);
    }

    @Test
    void sendsAReasonableNumberOfCommands() {
        assertThat(county.commands()).isBetween(20_000, 26_000);
    }

    private Activities activities(Org org) {
        return county.activities().get(org.index());
    }

    private static Map<YearMonth, Double> concentratedDaysByMonth(Activities activities) {
        Map<YearMonth, Double> byMonth = new HashMap<>();
        for (Session session : activities.sessions()) {
            if (session.format() == StudyFormat.CONCENTRATED) {
                StudyDays.spread(session.date(), session.days())
                        .forEach((day, days) -> byMonth.merge(YearMonth.from(day), days, Double::sum));
            }
        }
        return byMonth;
    }

    private static int longestConcentratedRun(Activities activities, YearMonth month) {
        TreeSet<LocalDate> days = new TreeSet<>();
        for (Session session : activities.sessions()) {
            if (session.format() == StudyFormat.CONCENTRATED) {
                StudyDays.spread(session.date(), session.days()).forEach((day, length) -> {
                    if (YearMonth.from(day).equals(month) && length >= 1.0) {
                        days.add(day);
                    }
                });
            }
        }
        int longest = 0;
        int run = 0;
        LocalDate previous = null;
        for (LocalDate day : days) {
            run = previous != null && previous.plusDays(1).equals(day) ? run + 1 : 1;
            longest = Math.max(longest, run);
            previous = day;
        }
        return longest;
    }
}
