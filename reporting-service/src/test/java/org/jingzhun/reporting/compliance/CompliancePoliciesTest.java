package org.jingzhun.reporting.compliance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.jingzhun.contracts.StudyFormat.CONCENTRATED;
import static org.jingzhun.contracts.StudyFormat.ONLINE;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ChecklistRequirement;
import org.jingzhun.contracts.plan.ConsecutiveStudy;
import org.jingzhun.contracts.plan.MemberGuidance;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.contracts.plan.ResearchBy;
import org.jingzhun.contracts.plan.ResearchDuty;
import org.jingzhun.contracts.plan.SpecialRectificationDuty;
import org.jingzhun.contracts.plan.StudyRequirement;
import org.jingzhun.reporting.compliance.OrganizationRecord.ItemDone;
import org.jingzhun.reporting.compliance.OrganizationRecord.MemberNotes;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** Each policy on its own: met, not met, and a period not over yet (so not judged). */
class CompliancePoliciesTest {

    /** Campaign of the tests: 2019-09-01 .. 2019-11-30. */
    private static final LocalDate STARTS_ON = LocalDate.of(2019, 9, 1);
    private static final LocalDate ENDS_ON = LocalDate.of(2019, 11, 30);
    private static final LocalDate AFTER_THE_CAMPAIGN = LocalDate.of(2019, 12, 1);
    private static final YearMonth SEPTEMBER = YearMonth.of(2019, 9);
    private static final YearMonth OCTOBER = YearMonth.of(2019, 10);
    private static final Organization TEAM = new Organization("team", "县教育局党组", Tier.SECTION, Sector.EDUCATION,
            null, false);

    private static CampaignCalendar today(LocalDate today) {
        return new CampaignCalendar(STARTS_ON, ENDS_ON, today);
    }

    private static Requirements study(StudyRequirement study) {
        return new Requirements(Tier.SECTION, null, study, List.of(), List.of(), List.of(), null, List.of(), null);
    }

    /** Sessions as the projection spreads them over calendar days. */
    private static StudyLog sessions(Object... dateDaysFormat) {
        StudyLog log = new StudyLog();
        for (int i = 0; i < dateDaysFormat.length; i += 3) {
            StudyFormat format = (StudyFormat) dateDaysFormat[i + 2];
            StudyDays.spread((LocalDate) dateDaysFormat[i], ((Number) dateDaysFormat[i + 1]).doubleValue())
                    .forEach((day, part) -> log.add(day, format, BigDecimal.valueOf(part)));
        }
        return log;
    }

    private static OrganizationRecord studied(StudyLog log) {
        return new OrganizationRecord(TEAM, log, Map.of(), Map.of(), Map.of(), Set.of());
    }

    private static LocalDate sep(int day) {
        return LocalDate.of(2019, 9, day);
    }

    private static LocalDate oct(int day) {
        return LocalDate.of(2019, 10, day);
    }

    @Nested
    class ConsecutiveStudyDays {

        private final ConsecutiveStudyPolicy policy = new ConsecutiveStudyPolicy();
        private final Requirements fiveInSeptember = study(new StudyRequirement(null, null,
                List.of(new ConsecutiveStudy(SEPTEMBER, 5)), List.of(CONCENTRATED)));

        @Test
        void isMetByFiveConsecutiveDaysOfConcentratedStudy() {
            assertThat(policy.shortfalls(fiveInSeptember, studied(sessions(sep(16), 5, CONCENTRATED)),
                    today(oct(1)))).isEmpty();
        }

        @Test
        void namesTheLongestRunWhenItIsShort() {
            OrganizationRecord fourDays = studied(sessions(sep(16), 4, CONCENTRATED, sep(23), 1, CONCENTRATED));

            assertThat(policy.shortfalls(fiveInSeptember, fourDays, today(oct(1)))).containsExactly(
                    new Shortfall(Requirement.STUDY_CONSECUTIVE_DAYS, "2019-09", 5, BigDecimal.valueOf(4),
                            "2019年9月集中学习最长连续 4 天，要求连续不少于 5 天"));
        }

        @Test
        void countsOnlyThePlansFormatsSoAnOnlineDayBreaksTheRun() {
            OrganizationRecord broken = studied(sessions(sep(16), 2, CONCENTRATED, sep(18), 1, ONLINE,
                    sep(19), 2, CONCENTRATED));

            assertThat(policy.shortfalls(fiveInSeptember, broken, today(oct(1))))
                    .extracting(Shortfall::done).containsExactly(BigDecimal.valueOf(2));
        }

        @Test
        void letsAHalfDayCompleteARun() {
            assertThat(policy.shortfalls(fiveInSeptember, studied(sessions(sep(16), 4.5, CONCENTRATED)),
                    today(oct(1)))).isEmpty();
        }

        @Test
        void doesNotJudgeTheMonthUntilItIsOver() {
            OrganizationRecord nothing = studied(new StudyLog());

            assertThat(policy.shortfalls(fiveInSeptember, nothing, today(sep(30)))).isEmpty();
            assertThat(policy.shortfalls(fiveInSeptember, nothing, today(oct(1)))).hasSize(1);
        }
    }

    @Nested
    class TotalStudyDays {

        private final TotalStudyDaysPolicy policy = new TotalStudyDaysPolicy();
        private final Requirements sixDays = study(new StudyRequirement(6, null, List.of(), List.of(CONCENTRATED)));

        @Test
        void isMetBySixDaysOverTheCampaign() {
            assertThat(policy.shortfalls(sixDays, studied(sessions(sep(3), 2, CONCENTRATED, oct(8), 2, CONCENTRATED,
                    LocalDate.of(2019, 11, 5), 2, CONCENTRATED)), today(AFTER_THE_CAMPAIGN))).isEmpty();
        }

        @Test
        void countsHalfDaysButACalendarDayOnlyOnceAndNothingOutsideTheCampaign() {
            OrganizationRecord record = studied(sessions(LocalDate.of(2019, 8, 30), 3, CONCENTRATED,
                    sep(3), 2, CONCENTRATED, sep(3), 2, CONCENTRATED, oct(8), 2.5, CONCENTRATED));

            assertThat(policy.shortfalls(sixDays, record, today(AFTER_THE_CAMPAIGN))).containsExactly(
                    new Shortfall(Requirement.STUDY_TOTAL_DAYS, null, 6, new BigDecimal("5.5"),
                            "整个主题教育期间集中学习 5.5 天，要求不少于 6 天"));
        }

        @Test
        void doesNotJudgeTheTotalBeforeTheCampaignIsOver() {
            assertThat(policy.shortfalls(sixDays, studied(new StudyLog()), today(ENDS_ON))).isEmpty();
        }
    }

    @Nested
    class StudyDaysPerMonth {

        private final MonthlyStudyDaysPolicy policy = new MonthlyStudyDaysPolicy();
        private final Requirements twoAMonth = study(new StudyRequirement(6, 2, List.of(), List.of(CONCENTRATED)));

        @Test
        void judgesEveryMonthThatIsOverAndOnlyThose() {
            OrganizationRecord oneDayInOctober = studied(sessions(sep(10), 2, CONCENTRATED, oct(15), 1, CONCENTRATED));

            assertThat(policy.shortfalls(twoAMonth, oneDayInOctober, today(LocalDate.of(2019, 11, 5))))
                    .containsExactly(new Shortfall(Requirement.STUDY_DAYS_PER_MONTH, "2019-10", 2,
                            BigDecimal.valueOf(1), "2019年10月集中学习 1 天，要求不少于 2 天"));
        }

        @Test
        void explainsAMonthWithoutStudyAsTheContractShows() {
            assertThat(policy.shortfalls(twoAMonth, studied(sessions(sep(10), 2, CONCENTRATED)), today(oct(31))))
                    .isEmpty();
            assertThat(policy.shortfalls(twoAMonth, studied(sessions(sep(10), 2, CONCENTRATED)),
                    today(LocalDate.of(2019, 11, 1))))
                    .extracting(Shortfall::explanation).containsExactly("2019年10月集中学习 0 天，要求不少于 2 天");
        }

        @Test
        void judgesAMonthCutByTheCampaignsEndFromTheDayAfterTheEnd() {
            CampaignCalendar endsMidNovember = new CampaignCalendar(STARTS_ON, LocalDate.of(2019, 11, 15),
                    LocalDate.of(2019, 11, 16));
            OrganizationRecord record = studied(sessions(sep(10), 2, CONCENTRATED, oct(10), 2, CONCENTRATED,
                    LocalDate.of(2019, 11, 20), 2, CONCENTRATED));

            assertThat(policy.shortfalls(twoAMonth, record, endsMidNovember))
                    .extracting(Shortfall::period, Shortfall::done)
                    .containsExactly(tuple("2019-11", BigDecimal.ZERO));
        }

        @Test
        void requiresNothingWhenThePlanStatesNoMonthlyNumber() {
            assertThat(policy.shortfalls(study(StudyRequirement.NONE), studied(new StudyLog()), today(AFTER_THE_CAMPAIGN)))
                    .isEmpty();
        }
    }

    @Nested
    class StudyNotes {

        private final StudyNotesPolicy policy = new StudyNotesPolicy();
        private final Requirements ofPublicServants = new Requirements(Tier.BRANCH, null, null, List.of(), List.of(),
                List.of(), null, List.of(), new MemberGuidance(List.of(MemberOccupation.PUBLIC_SERVANT), List.of()));

        private OrganizationRecord members(MemberNotes publicServants, MemberNotes others) {
            Map<MemberOccupation, MemberNotes> members = new EnumMap<>(MemberOccupation.class);
            members.put(MemberOccupation.PUBLIC_SERVANT, publicServants);
            members.put(MemberOccupation.NO_POST, others);
            return new OrganizationRecord(TEAM, new StudyLog(), members, Map.of(), Map.of(), Set.of());
        }

        @Test
        void countsTheListedOccupationsMembersWithoutANote() {
            assertThat(policy.shortfalls(ofPublicServants, members(new MemberNotes(3, 2), new MemberNotes(5, 0)),
                    today(AFTER_THE_CAMPAIGN))).containsExactly(new Shortfall(Requirement.STUDY_NOTES, null, 3,
                    BigDecimal.valueOf(2), "公职人员党员 3 名中 1 名尚无学习笔记、心得随笔或圈阅批注，要求每人都有"));
        }

        @Test
        void isMetWhenEveryListedMemberHasANoteWhateverTheOthersDid() {
            assertThat(policy.shortfalls(ofPublicServants, members(new MemberNotes(3, 3), new MemberNotes(5, 0)),
                    today(AFTER_THE_CAMPAIGN))).isEmpty();
        }

        @Test
        void doesNotJudgeBeforeTheCampaignIsOver() {
            assertThat(policy.shortfalls(ofPublicServants, members(new MemberNotes(3, 0), new MemberNotes(0, 0)),
                    today(ENDS_ON))).isEmpty();
        }
    }

    @Nested
    class ChecklistItems {

        private final ChecklistPolicy policy = new ChecklistPolicy();
        private final Requirements tenOnes = new Requirements(Tier.BRANCH, null, null, List.of(), List.of(), List.of(),
                null, Arrays.stream(ChecklistItem.values())
                .map(item -> new ChecklistRequirement(item, ChecklistFrequency.ONCE)).toList(), null);

        private OrganizationRecord done(ChecklistItem... items) {
            Map<ChecklistItem, ItemDone> checklist = new EnumMap<>(ChecklistItem.class);
            for (ChecklistItem item : items) {
                checklist.put(item, new ItemDone(sep(20), 1));
            }
            return new OrganizationRecord(TEAM, new StudyLog(), Map.of(), Map.of(), checklist, Set.of());
        }

        @Test
        void listsEachMissingItemOnceInItemOrder() {
            List<ChecklistItem> allButTwo = Arrays.stream(ChecklistItem.values())
                    .filter(item -> item != ChecklistItem.RECTIFICATION_LEDGER && item != ChecklistItem.SUMMARY)
                    .toList();

            assertThat(policy.shortfalls(tenOnes, done(allButTwo.toArray(ChecklistItem[]::new)),
                    today(AFTER_THE_CAMPAIGN))).containsExactly(
                    new Shortfall(Requirement.CHECKLIST_ITEM, null, 1, BigDecimal.ZERO,
                            "“十个一”第 7 项“制定一个整改台帐”尚未完成"),
                    new Shortfall(Requirement.CHECKLIST_ITEM, null, 1, BigDecimal.ZERO,
                            "“十个一”第 10 项“搞好一次总结”尚未完成"));
        }

        @Test
        void isMetWhenEveryItemIsDone() {
            assertThat(policy.shortfalls(tenOnes, done(ChecklistItem.values()), today(AFTER_THE_CAMPAIGN))).isEmpty();
        }

        @Test
        void doesNotJudgeBeforeTheCampaignIsOver() {
            assertThat(policy.shortfalls(tenOnes, done(), today(ENDS_ON))).isEmpty();
        }
    }

    @Nested
    class ResearchDuties {

        private final ResearchPolicy policy = new ResearchPolicy();
        private final Requirements briefOrReport = new Requirements(Tier.SECTION, null, null, List.of(), List.of(),
                List.of(new ResearchDuty(List.of(ResearchKind.PROBLEM_BRIEF, ResearchKind.RESEARCH_REPORT),
                                ResearchBy.EACH_LEADER, 1),
                        new ResearchDuty(List.of(ResearchKind.GOLDEN_IDEA), ResearchBy.MEMBERS, 0)),
                null, List.of(), null);

        private OrganizationRecord filed(ResearchKind kind, int count) {
            return new OrganizationRecord(TEAM, new StudyLog(), Map.of(), Map.of(kind, count), Map.of(), Set.of());
        }

        @Test
        void namesTheRequiredDutyNotMetAndIgnoresAPermittedOne() {
            assertThat(policy.shortfalls(briefOrReport, filed(ResearchKind.GOLDEN_IDEA, 4), today(AFTER_THE_CAMPAIGN)))
                    .containsExactly(new Shortfall(Requirement.RESEARCH, null, 1, BigDecimal.ZERO,
                            "领导干部领题调研形成问题和建议类调研信息或调研报告 0 篇，要求不少于 1 篇"));
        }

        @Test
        void isMetByAnyOfTheDutysKinds() {
            assertThat(policy.shortfalls(briefOrReport, filed(ResearchKind.RESEARCH_REPORT, 1), today(AFTER_THE_CAMPAIGN)))
                    .isEmpty();
        }

        @Test
        void doesNotJudgeBeforeTheCampaignIsOver() {
            assertThat(policy.shortfalls(briefOrReport, filed(ResearchKind.GOLDEN_IDEA, 0), today(ENDS_ON))).isEmpty();
        }
    }

    @Nested
    class SpecialRectifications {

        private final SpecialRectificationPolicy policy = new SpecialRectificationPolicy();
        private final Requirements oneOrTwo = new Requirements(Tier.SECTION, null, null, List.of(), List.of(),
                List.of(), new SpecialRectificationDuty(1, 2), List.of(), null);

        private OrganizationRecord takingPartIn(String... ids) {
            return new OrganizationRecord(TEAM, new StudyLog(), Map.of(), Map.of(), Map.of(), Set.of(ids));
        }

        @Test
        void isBehindWithFewerThanTheMinimum() {
            assertThat(policy.shortfalls(oneOrTwo, takingPartIn(), today(AFTER_THE_CAMPAIGN))).containsExactly(
                    new Shortfall(Requirement.SPECIAL_RECTIFICATION, null, 1, BigDecimal.ZERO,
                            "开展专项整治 0 项，要求 1 至 2 项"));
        }

        @Test
        void isMetByTheMinimumAndNotBehindAboveTheMaximum() {
            assertThat(policy.shortfalls(oneOrTwo, takingPartIn("sr-1"), today(AFTER_THE_CAMPAIGN))).isEmpty();
            assertThat(policy.shortfalls(oneOrTwo, takingPartIn("sr-1", "sr-2", "sr-3"), today(AFTER_THE_CAMPAIGN)))
                    .isEmpty();
        }

        @Test
        void doesNotJudgeBeforeTheCampaignIsOverOrWhenWaived() {
            assertThat(policy.shortfalls(oneOrTwo, takingPartIn(), today(ENDS_ON))).isEmpty();
            Requirements waived = new Requirements(Tier.SECTION, null, null, List.of(), List.of(), List.of(),
                    new SpecialRectificationDuty(0, 0), List.of(), null);
            assertThat(policy.shortfalls(waived, takingPartIn(), today(AFTER_THE_CAMPAIGN))).isEmpty();
        }
    }
}
