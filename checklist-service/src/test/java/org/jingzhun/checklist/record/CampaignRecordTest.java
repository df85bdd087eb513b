package org.jingzhun.checklist.record;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.jingzhun.checklist.SourcePlan;
import org.jingzhun.contracts.ChecklistItem;
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
import org.jingzhun.contracts.plan.GuidancePlan;
import org.jingzhun.contracts.plan.Requirements;
import org.jingzhun.platform.axon.SnapshotJson;
import org.jingzhun.platform.web.RuleViolation;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CampaignRecordTest {

    private static final LocalDate DAY = LocalDate.of(2019, 9, 20);
    private static final List<String> READINGS = List.of("《摘编》");
    private AggregateTestFixture<CampaignRecord> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(CampaignRecord.class);
    }

    /** A refusal of the given kind and code, e.g. 409 {@code checklist.already-done}. */
    static Matcher<RuleViolation> refused(RuleViolation.Kind kind, String code, String field) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(RuleViolation violation) {
                return violation.kind() == kind && violation.code().equals(code) && field.equals(violation.field());
            }

            @Override
            public void describeTo(Description description) {
                description.appendText(kind + " " + code + " on " + field);
            }
        };
    }

    @Nested
    class HonorRoomVisits {

        @Test
        void firstVisitCreatesTheRecord() {
            fixture.givenNoPriorActivity()
                    .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY, 25))
                    .expectEvents(new HonorRoomVisited("r1", "o1", "c1", DAY, 25));
        }

        @Test
        void laterVisitsAddToTheSameRecord() {
            fixture.given(new HonorRoomVisited("r1", "o1", "c1", DAY, 25))
                    .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY.plusDays(3), 12))
                    .expectEvents(new HonorRoomVisited("r1", "o1", "c1", DAY.plusDays(3), 12));
        }

        @Test
        void rejectsAVisitWithoutVisitors() {
            fixture.givenNoPriorActivity()
                    .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY, 0))
                    .expectException(refused(RuleViolation.Kind.INVALID, "visit.no-visitors", "visitors"))
                    .expectNoEvents();
        }
    }

    @Nested
    class StudySessions {

        @Test
        void recordsASessionWithItsHalfDaysReadingsAndAttendees() {
            fixture.givenNoPriorActivity()
                    .when(session("s1", DAY, 1.5, StudyFormat.CONCENTRATED, 30, List.of("m1", "m2")))
                    .expectEvents(new StudySessionHeld("r1", "s1", "o1", "c1", DAY, 1.5, StudyFormat.CONCENTRATED,
                            READINGS, 30, List.of("m1", "m2")));
        }

        @Test
        void rejectsALengthThatIsNotAWholeNumberOfHalfDays() {
            fixture.givenNoPriorActivity()
                    .when(session("s1", DAY, 0.3, StudyFormat.ONLINE, 10, List.of()))
                    .expectException(refused(RuleViolation.Kind.INVALID, "study.invalid-days", "days"))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(session("s1", DAY, 0, StudyFormat.ONLINE, 10, List.of()))
                    .expectException(refused(RuleViolation.Kind.INVALID, "study.invalid-days", "days"));
        }

        @Test
        void rejectsASessionWithoutAttendeesOrListingMoreAttendeesThanAttended() {
            fixture.givenNoPriorActivity()
                    .when(session("s1", DAY, 1, StudyFormat.ONLINE, 0, List.of()))
                    .expectException(refused(RuleViolation.Kind.INVALID, "study.no-attendees", "attendees"));
            fixture.givenNoPriorActivity()
                    .when(session("s1", DAY, 1, StudyFormat.ONLINE, 1, List.of("m1", "m2")))
                    .expectException(refused(RuleViolation.Kind.INVALID, "study.too-many-attendee-ids", "attendeeIds"))
                    .expectNoEvents();
        }

        @Test
        void rejectsASecondConcentratedSessionCoveringADayAlreadyCovered() {
            // 3 days from the 20th cover the 20th, 21st and 22nd; 1 day from the 22nd overlaps.
            fixture.given(held("s1", DAY, 3, StudyFormat.CONCENTRATED))
                    .when(session("s2", DAY.plusDays(2), 1, StudyFormat.CONCENTRATED, 10, List.of()))
                    .expectException(refused(RuleViolation.Kind.CONFLICT, "study.concentrated-day-taken", "date"))
                    .expectExceptionMessage("A concentrated session held from 2019-09-20 already covers [2019-09-22];"
                            + " one organization holds one concentrated session a day")
                    .expectNoEvents();
        }

        @Test
        void rejectsTwoConcentratedHalfDaysOnTheSameDay() {
            fixture.given(held("s1", DAY, 0.5, StudyFormat.CONCENTRATED))
                    .when(session("s2", DAY, 0.5, StudyFormat.CONCENTRATED, 10, List.of()))
                    .expectException(refused(RuleViolation.Kind.CONFLICT, "study.concentrated-day-taken", "date"));
        }

        @Test
        void acceptsAConcentratedSessionRightAfterAnother() {
            fixture.given(held("s1", DAY, 2.5, StudyFormat.CONCENTRATED))
                    .when(session("s2", DAY.plusDays(3), 2, StudyFormat.CONCENTRATED, 10, List.of()))
                    .expectSuccessfulHandlerExecution()
                    .expectEvents(held("s2", DAY.plusDays(3), 2, StudyFormat.CONCENTRATED));
        }

        @Test
        void acceptsSessionsOfOtherFormatsOnAConcentratedDay() {
            fixture.given(held("s1", DAY, 1, StudyFormat.CONCENTRATED), held("s2", DAY, 1, StudyFormat.ONLINE))
                    .when(session("s3", DAY, 0.5, StudyFormat.THEMED_PARTY_DAY, 10, List.of()))
                    .expectEvents(held("s3", DAY, 0.5, StudyFormat.THEMED_PARTY_DAY));
        }

        private RecordStudySession session(String id, LocalDate date, double days, StudyFormat format, int attendees,
                                           List<String> attendeeIds) {
            return new RecordStudySession("r1", id, "o1", "c1", date, days, format, READINGS, attendees, attendeeIds);
        }

        private StudySessionHeld held(String id, LocalDate date, double days, StudyFormat format) {
            return new StudySessionHeld("r1", id, "o1", "c1", date, days, format, READINGS, 10, List.of());
        }
    }

    @Nested
    class StudyNotes {

        @Test
        void recordsANoteOfAMemberOfTheOrganization() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStudyNote("r1", "n1", "o1", "c1", "m1", StudyNoteKind.ANNOTATION, DAY, "o1"))
                    .expectEvents(new StudyNoteRecorded("r1", "n1", "o1", "c1", "m1", StudyNoteKind.ANNOTATION, DAY));
        }

        @Test
        void rejectsANoteOfAMemberOfAnotherBranchOnThatDate() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStudyNote("r1", "n1", "o1", "c1", "m1", StudyNoteKind.NOTES, DAY, "o2"))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "note.not-a-member", "memberId"))
                    .expectExceptionMessage("Member m1 did not belong to organization o1 on 2019-09-20 but to o2")
                    .expectNoEvents();
        }

        @Test
        void rejectsANoteOfAMemberOfNoBranchOnThatDate() {
            fixture.givenNoPriorActivity()
                    .when(new RecordStudyNote("r1", "n1", "o1", "c1", "m1", StudyNoteKind.REFLECTION, DAY, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "note.not-a-member", "memberId"))
                    .expectNoEvents();
        }
    }

    @Nested
    class Research {

        @Test
        void aCountyBodyFilesResearchReports() {
            fixture.givenNoPriorActivity()
                    .when(submit(participant("o1", Tier.COUNTY, Sector.COUNTY_LEADERSHIP), ResearchKind.RESEARCH_REPORT,
                            "m9", "branch-9"))
                    .expectEvents(submitted("o1", ResearchKind.RESEARCH_REPORT, "m9"));
        }

        @Test
        void aCountyBodyFilesNoGoldenIdeasNorProblemBriefs() {
            Participant county = participant("o1", Tier.COUNTY, Sector.COUNTY_LEADERSHIP);
            fixture.givenNoPriorActivity()
                    .when(submit(county, ResearchKind.GOLDEN_IDEA, null, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.kind-not-allowed", "kind"))
                    .expectExceptionMessage("The campaign's guidance plan lets COUNTY/COUNTY_LEADERSHIP organizations"
                            + " file RESEARCH_REPORT, not GOLDEN_IDEA")
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(submit(county, ResearchKind.PROBLEM_BRIEF, null, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.kind-not-allowed", "kind"));
        }

        @Test
        void aSectionTeamFilesProblemBriefsOrReportsButNoGoldenIdeas() {
            Participant town = participant("o1", Tier.SECTION, Sector.TOWNSHIP);
            fixture.givenNoPriorActivity()
                    .when(submit(town, ResearchKind.PROBLEM_BRIEF, null, null))
                    .expectEvents(submitted("o1", ResearchKind.PROBLEM_BRIEF, null));
            fixture.givenNoPriorActivity()
                    .when(submit(town, ResearchKind.RESEARCH_REPORT, null, null))
                    .expectEvents(submitted("o1", ResearchKind.RESEARCH_REPORT, null));
            fixture.givenNoPriorActivity()
                    .when(submit(town, ResearchKind.GOLDEN_IDEA, null, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.kind-not-allowed", "kind"))
                    .expectExceptionMessage("The campaign's guidance plan lets SECTION/TOWNSHIP organizations file"
                            + " RESEARCH_REPORT, PROBLEM_BRIEF, not GOLDEN_IDEA");
        }

        @Test
        void aBranchFilesGoldenIdeasOfItsOwnMembersOnly() {
            Participant village = participant("o1", Tier.BRANCH, Sector.VILLAGE);
            fixture.givenNoPriorActivity()
                    .when(submit(village, ResearchKind.GOLDEN_IDEA, "m1", "o1"))
                    .expectEvents(submitted("o1", ResearchKind.GOLDEN_IDEA, "m1"));
            fixture.givenNoPriorActivity()
                    .when(submit(village, ResearchKind.GOLDEN_IDEA, null, null))
                    .expectEvents(submitted("o1", ResearchKind.GOLDEN_IDEA, null));
            fixture.givenNoPriorActivity()
                    .when(submit(village, ResearchKind.GOLDEN_IDEA, "m2", "o2"))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.author-not-a-member",
                            "memberId"))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(submit(village, ResearchKind.RESEARCH_REPORT, null, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.kind-not-allowed", "kind"))
                    .expectExceptionMessage("The campaign's guidance plan lets BRANCH/VILLAGE organizations file"
                            + " GOLDEN_IDEA, not RESEARCH_REPORT");
        }

        @Test
        void rejectsANamedAuthorWhoBelongedToNoBranch() {
            fixture.givenNoPriorActivity()
                    .when(submit(participant("o1", Tier.SECTION, Sector.ORGAN), ResearchKind.PROBLEM_BRIEF, "m1", null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.author-not-a-member",
                            "memberId"));
        }

        @Test
        void refusesEveryKindWhereThePlanStatesNoResearchDuty() {
            Participant branch = new Participant("o1", Tier.BRANCH, Sector.HEALTH,
                    new GuidancePlan(List.of(), List.of(), List.of()).requirementsFor(Tier.BRANCH, Sector.HEALTH));
            fixture.givenNoPriorActivity()
                    .when(submit(branch, ResearchKind.GOLDEN_IDEA, null, null))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "research.kind-not-allowed", "kind"))
                    .expectExceptionMessage("The campaign's guidance plan lets BRANCH/HEALTH organizations file no"
                            + " research; GOLDEN_IDEA refused");
        }

        private SubmitResearch submit(Participant participant, ResearchKind kind, String memberId, String authorBranch) {
            return new SubmitResearch("r1", "x1", "c1", participant, kind, "关于产业发展的调研", memberId, DAY,
                    authorBranch);
        }

        private ResearchSubmitted submitted(String organizationId, ResearchKind kind, String memberId) {
            return new ResearchSubmitted("r1", "x1", organizationId, "c1", kind, "关于产业发展的调研", memberId, DAY);
        }
    }

    @Nested
    class Checklist {

        private final Participant branch = participant("o1", Tier.BRANCH, Sector.VILLAGE);

        @Test
        void aBranchCompletesAnItem() {
            fixture.givenNoPriorActivity()
                    .when(complete(branch, "k1", ChecklistItem.PLAN, DAY))
                    .expectEvents(completed("k1", ChecklistItem.PLAN, DAY));
        }

        @Test
        void rejectsCompletingAOnceOnlyItemTwice() {
            fixture.given(completed("k1", ChecklistItem.PARTY_LECTURE, DAY))
                    .when(complete(branch, "k2", ChecklistItem.PARTY_LECTURE, DAY.plusDays(7)))
                    .expectException(refused(RuleViolation.Kind.CONFLICT, "checklist.already-done", "item"))
                    .expectExceptionMessage("PARTY_LECTURE was done on 2019-09-20; the plan asks for it once")
                    .expectNoEvents();
        }

        @Test
        void repeatsAnAtLeastOnceItem() {
            fixture.given(completed("k1", ChecklistItem.VOLUNTEER_SERVICE, DAY),
                            completed("k2", ChecklistItem.EXPERIENCE_EXCHANGE, DAY))
                    .when(complete(branch, "k3", ChecklistItem.VOLUNTEER_SERVICE, DAY.plusDays(7)))
                    .expectEvents(completed("k3", ChecklistItem.VOLUNTEER_SERVICE, DAY.plusDays(7)));
        }

        @Test
        void takesTheFrequencyFromThePlan() {
            // A plan that asks for party lectures "at least once" lets them repeat.
            Requirements repeatable = SourcePlan.requirementsFor(Tier.BRANCH, Sector.VILLAGE)
                    .plus(new Requirements(Tier.BRANCH, Sector.VILLAGE, null, null, null, null, null,
                            List.of(new org.jingzhun.contracts.plan.ChecklistRequirement(ChecklistItem.PARTY_LECTURE,
                                    org.jingzhun.contracts.plan.ChecklistFrequency.AT_LEAST_ONCE)), null));
            fixture.given(completed("k1", ChecklistItem.PARTY_LECTURE, DAY))
                    .when(complete(new Participant("o1", Tier.BRANCH, Sector.VILLAGE, repeatable), "k2",
                            ChecklistItem.PARTY_LECTURE, DAY.plusDays(7)))
                    .expectEvents(completed("k2", ChecklistItem.PARTY_LECTURE, DAY.plusDays(7)));
        }

        @Test
        void onlyBranchesKeepTheChecklist() {
            fixture.givenNoPriorActivity()
                    .when(complete(participant("o1", Tier.SECTION, Sector.TOWNSHIP), "k1", ChecklistItem.PLAN, DAY))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "checklist.branches-only", "orgId"))
                    .expectNoEvents();
            fixture.givenNoPriorActivity()
                    .when(complete(participant("o1", Tier.COUNTY, Sector.COUNTY_LEADERSHIP), "k1", ChecklistItem.PLAN,
                            DAY))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "checklist.branches-only", "orgId"));
        }

        @Test
        void rejectsAnItemThePlansChecklistDoesNotList() {
            Participant noChecklist = new Participant("o1", Tier.BRANCH, Sector.VILLAGE,
                    new GuidancePlan(List.of(), List.of(), List.of()).requirementsFor(Tier.BRANCH, Sector.VILLAGE));
            fixture.givenNoPriorActivity()
                    .when(complete(noChecklist, "k1", ChecklistItem.SUMMARY, DAY))
                    .expectException(refused(RuleViolation.Kind.UNPROCESSABLE, "checklist.item-not-in-plan", "item"));
        }

        private CompleteChecklistItem complete(Participant participant, String id, ChecklistItem item, LocalDate date) {
            return new CompleteChecklistItem("r1", id, "c1", participant, item, date, "按计划完成");
        }

        private ChecklistItemCompleted completed(String id, ChecklistItem item, LocalDate date) {
            return new ChecklistItemCompleted("r1", id, "o1", "c1", item, date, "按计划完成");
        }
    }

    @Test
    void aRecordRestoredFromItsSnapshotEqualsTheRecordItsEventsBuild() {
        fixture.given(new StudySessionHeld("r1", "s1", "o1", "c1", DAY, 2.5, StudyFormat.CONCENTRATED, READINGS, 10,
                                List.of()),
                        new HonorRoomVisited("r1", "o1", "c1", DAY, 25),
                        new ChecklistItemCompleted("r1", "k1", "o1", "c1", ChecklistItem.PLAN, DAY.plusDays(1), null),
                        new ChecklistItemCompleted("r1", "k2", "o1", "c1", ChecklistItem.VOLUNTEER_SERVICE, DAY, null))
                .when(new RecordHonorRoomVisit("r1", "o1", "c1", DAY.plusDays(3), 12))
                .expectSuccessfulHandlerExecution()
                .expectState(record -> assertThat(SnapshotJson.restored(record))
                        .usingRecursiveComparison().isEqualTo(record));
        // A new field, or one of another type, needs a new @Revision: old snapshots are then passed over.
        assertThat(SnapshotJson.shape(CampaignRecord.class)).isEqualTo("1: recordId String, concentratedDays Map<LocalDate, LocalDate>, itemsDone Map<ChecklistItem, LocalDate>");
    }

    @Test
    void derivesOneRecordPerOrganizationAndCampaign() {
        assertThat(RecordId.of("o1", "c1"))
                .isEqualTo(RecordId.of("o1", "c1"))
                .isNotEqualTo(RecordId.of("o1", "c2"))
                .isNotEqualTo(RecordId.of("o2", "c1"));
    }

    private static Participant participant(String organizationId, Tier tier, Sector sector) {
        return new Participant(organizationId, tier, sector, SourcePlan.requirementsFor(tier, sector));
    }
}
