package org.jingzhun.rectification.problem;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.TestExecutor;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.platform.axon.Actor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.jingzhun.platform.axon.SnapshotJson;

/** Every transition of the lifecycle and every refusal, given/when/expect. */
class ProblemTest {

    private static final Instant DUE = Instant.parse("2019-10-31T15:59:59Z");
    private static final Instant LATER = Instant.parse("2019-11-15T15:59:59Z");
    private static final LogProblem LOG = new LogProblem("p1", "o1", "c1", FocusArea.POVERTY_ALLEVIATION,
            ProblemSource.SELF_INSPECTION, null, "帮扶台账不完整", "支部书记", DUE);
    private static final ProblemLogged LOGGED = new ProblemLogged("p1", "o1", "c1", FocusArea.POVERTY_ALLEVIATION,
            ProblemSource.SELF_INSPECTION, null, "帮扶台账不完整", "支部书记", DUE);
    private static final Attachment PHOTO = new Attachment("台账.jpg", "a".repeat(64));
    private static final List<Measure> MEASURES = List.of(new Measure("逐户核对", LocalDate.of(2019, 10, 15)),
            new Measure("补齐台账", LocalDate.of(2019, 10, 25)));
    private static final RectificationMeasuresSet MEASURES_SET = new RectificationMeasuresSet("p1", "o1", "c1", MEASURES);
    private static final ProblemRectified RECTIFIED = new ProblemRectified("p1", "o1", "c1", "已补齐台账", List.of(PHOTO));
    private static final RectificationVerified VERIFIED = new RectificationVerified("p1", "o1", "c1", "admin", null);
    private static final ProblemReopened REOPENED = new ProblemReopened("p1", "o1", "c1", "仍缺三户");
    private static final ProblemOverdue OVERDUE = new ProblemOverdue("p1", "o1", "c1", DUE);

    /** When the tests' commands are handled, unless a test says otherwise: before DUE. */
    private static final Instant BEFORE = Instant.parse("2019-10-01T00:00:00Z");

    private AggregateTestFixture<Problem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Problem.class);
    }

    @Test
    void aProblemRestoredFromItsSnapshotEqualsTheProblemItsEventsBuild() {
        beforeTheDeadline().andGiven(LOGGED, MEASURES_SET, new ProblemDeadlineExtended("p1", "o1", "c1", DUE, LATER, "需等待年度数据"),
                        RECTIFIED, REOPENED, OVERDUE)
                .when(new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .expectSuccessfulHandlerExecution()
                .expectState(problem -> assertThat(SnapshotJson.restored(problem))
                        .usingRecursiveComparison().isEqualTo(problem));
        // A new field, or one of another type, needs a new @Revision: old snapshots are then passed over.
        assertThat(SnapshotJson.shape(Problem.class)).isEqualTo("1: problemId String, organizationId String, campaignId String, status ProblemStatus, deadline Instant,"
                + " overdueDeadline Instant");
    }

    @Test
    void logsAProblemAndSchedulesItsDeadline() {
        beforeTheDeadline()
                .when(LOG)
                .expectEvents(LOGGED)
                .expectScheduledDeadlineWithName(DUE, Problem.DEADLINE);
    }

    @Test
    void setsMeasuresOnALoggedProblem() {
        beforeTheDeadline().andGiven(LOGGED)
                .when(new SetRectificationMeasures("p1", MEASURES))
                .expectEvents(MEASURES_SET);
    }

    @Test
    void revisesTheMeasuresOfAProblemBeingRectified() {
        List<Measure> revised = List.of(new Measure("改为逐村核对", LocalDate.of(2019, 10, 20)));
        beforeTheDeadline().andGiven(LOGGED, MEASURES_SET)
                .when(new SetRectificationMeasures("p1", revised))
                .expectEvents(new RectificationMeasuresSet("p1", "o1", "c1", revised));
    }

    @Test
    void rectifiesALoggedProblemDirectly() {
        beforeTheDeadline().andGiven(LOGGED)
                .when(new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .expectEvents(RECTIFIED);
    }

    @Test
    void rectifiesAProblemBeingRectified() {
        beforeTheDeadline().andGiven(LOGGED, MEASURES_SET)
                .when(new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .expectEvents(RECTIFIED);
    }

    @Test
    void verifiesARectifiedProblemRecordingTheVerifyingUser() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new VerifyRectification("p1", "同意销号"), Map.of(Actor.META_DATA_KEY, "county-admin"))
                .expectEvents(new RectificationVerified("p1", "o1", "c1", "county-admin", "同意销号"));
    }

    @Test
    void reopensARectifiedProblem() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new ReopenProblem("p1", "仍缺三户"))
                .expectEvents(REOPENED);
    }

    @Test
    void goesAroundAgainAfterAReopening() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, REOPENED)
                .when(new SetRectificationMeasures("p1", MEASURES))
                .expectEvents(MEASURES_SET);
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, REOPENED, MEASURES_SET)
                .when(new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .expectEvents(RECTIFIED);
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, REOPENED, RECTIFIED)
                .when(new VerifyRectification("p1", null), Map.of(Actor.META_DATA_KEY, "admin"))
                .expectEvents(VERIFIED);
    }

    @Test
    void rejectsRectifyingARectifiedProblem() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new RectifyProblem("p1", "again", List.of()))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot rectify a problem that is RECTIFIED")
                .expectNoEvents();
    }

    @Test
    void rejectsRectifyingAVerifiedProblem() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, VERIFIED)
                .when(new RectifyProblem("p1", "again", List.of()))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot rectify a problem that is VERIFIED")
                .expectNoEvents();
    }

    @Test
    void rejectsSettingMeasuresOnARectifiedOrVerifiedProblem() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new SetRectificationMeasures("p1", MEASURES))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot set measures for a problem that is RECTIFIED");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, VERIFIED)
                .when(new SetRectificationMeasures("p1", MEASURES))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot set measures for a problem that is VERIFIED");
    }

    @Test
    void rejectsVerifyingAProblemThatIsNotRectified() {
        beforeTheDeadline().andGiven(LOGGED)
                .when(new VerifyRectification("p1", null))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot verify a problem that is LOGGED");
        beforeTheDeadline().andGiven(LOGGED, MEASURES_SET)
                .when(new VerifyRectification("p1", null))
                .expectExceptionMessage("Cannot verify a problem that is RECTIFYING");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, REOPENED)
                .when(new VerifyRectification("p1", null))
                .expectExceptionMessage("Cannot verify a problem that is REOPENED");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, VERIFIED)
                .when(new VerifyRectification("p1", null))
                .expectExceptionMessage("Cannot verify a problem that is VERIFIED")
                .expectNoEvents();
    }

    @Test
    void rejectsReopeningAProblemThatIsNotRectified() {
        beforeTheDeadline().andGiven(LOGGED)
                .when(new ReopenProblem("p1", "x"))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot reopen a problem that is LOGGED");
        beforeTheDeadline().andGiven(LOGGED, MEASURES_SET)
                .when(new ReopenProblem("p1", "x"))
                .expectExceptionMessage("Cannot reopen a problem that is RECTIFYING");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, REOPENED)
                .when(new ReopenProblem("p1", "x"))
                .expectExceptionMessage("Cannot reopen a problem that is REOPENED");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, VERIFIED)
                .when(new ReopenProblem("p1", "x"))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot reopen a problem that is VERIFIED")
                .expectNoEvents();
    }

    @Test
    void extendsTheDeadlineWithAReasonAndSchedulesTheNewOne() {
        beforeTheDeadline().andGiven(LOGGED, OVERDUE)
                .when(new ExtendDeadline("p1", LATER, "需等待年度数据"))
                .expectEvents(new ProblemDeadlineExtended("p1", "o1", "c1", DUE, LATER, "需等待年度数据"))
                .expectScheduledDeadlineWithName(LATER, Problem.DEADLINE);
    }

    @Test
    void rejectsADeadlineThatIsNotLater() {
        beforeTheDeadline().andGiven(LOGGED)
                .when(new ExtendDeadline("p1", DUE, "same"))
                .expectException(DeadlineNotLater.class)
                .expectNoEvents();
    }

    @Test
    void rejectsExtendingTheDeadlineOfARectifiedOrVerifiedProblem() {
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new ExtendDeadline("p1", LATER, "x"))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot extend the deadline of a problem that is RECTIFIED");
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED, VERIFIED)
                .when(new ExtendDeadline("p1", LATER, "x"))
                .expectExceptionMessage("Cannot extend the deadline of a problem that is VERIFIED");
    }

    @Test
    void recordsOverdueOnceWhenTheDeadlinePassesUnrectified() {
        beforeTheDeadline().andGivenCommands(LOG)
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Problem.DEADLINE)
                .expectEvents(OVERDUE);
    }

    @Test
    void recordsNothingWhenTheDeadlinePassesAfterTheRectification() {
        beforeTheDeadline().andGivenCommands(LOG, new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectTriggeredDeadlinesWithName(Problem.DEADLINE)
                .expectNoEvents();
    }

    @Test
    void ignoresTheOldDeadlineOnceExtendedAndRecordsTheNewOneWhenItPasses() {
        beforeTheDeadline().andGivenCommands(LOG, new ExtendDeadline("p1", LATER, "延期"))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectNoEvents();
        setUp();
        beforeTheDeadline().andGivenCommands(LOG, new ExtendDeadline("p1", LATER, "延期"))
                .whenTimeAdvancesTo(LATER.plusSeconds(1))
                .expectEvents(new ProblemOverdue("p1", "o1", "c1", LATER));
    }

    @Test
    void aDeadlineThatFiresTwiceIsRecordedOnce() {
        beforeTheDeadline().andGiven(LOGGED, OVERDUE)
                .andGivenCommands(new RectifyProblem("p1", "已补齐台账", List.of()), new ReopenProblem("p1", "仍缺三户"))
                .whenTimeElapses(Duration.ofDays(365 * 100))
                .expectNoEvents();
    }

    @Test
    void looksAtTheDeadlineAgainWhenAProblemIsReopened() {
        // Its deadline may have passed while it counted as rectified: the reopening schedules it again.
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .when(new ReopenProblem("p1", "仍缺三户"))
                .expectEvents(REOPENED)
                .expectScheduledDeadlineWithName(DUE, Problem.DEADLINE);
    }

    @Test
    void recordsOverdueForAProblemReopenedAfterItsDeadlinePassed() {
        // Only the reopening schedules here: the given events stand for what happened before.
        beforeTheDeadline().andGiven(LOGGED, RECTIFIED)
                .andGivenCommands(new ReopenProblem("p1", "仍缺三户"))
                .whenTimeAdvancesTo(DUE.plusSeconds(1))
                .expectEvents(OVERDUE);
    }

    @Test
    void doesNotLookAgainWhenTheDeadlineWasRecordedOverdueAlready() {
        beforeTheDeadline().andGiven(LOGGED, OVERDUE, RECTIFIED)
                .when(new ReopenProblem("p1", "仍缺三户"))
                .expectEvents(REOPENED)
                .expectNoScheduledDeadlines();
    }

    @Test
    void recordsAProblemLoggedAfterItsDeadlineOverdueAtOnce() {
        fixture.givenCurrentTime(DUE.plusSeconds(1))
                .when(LOG)
                .expectEvents(LOGGED, OVERDUE)
                .expectNoScheduledDeadlines();
        // On the deadline itself it has passed too (ProblemOverdue is never dated before its deadline).
        setUp();
        fixture.givenCurrentTime(DUE)
                .when(LOG)
                .expectEvents(LOGGED, OVERDUE);
    }

    @Test
    void recordsAnExtensionToADatePassedAlreadyOverdueAtOnce() {
        fixture.givenCurrentTime(LATER.plusSeconds(1)).andGiven(LOGGED, OVERDUE)
                .when(new ExtendDeadline("p1", LATER, "补录"))
                .expectEvents(new ProblemDeadlineExtended("p1", "o1", "c1", DUE, LATER, "补录"),
                        new ProblemOverdue("p1", "o1", "c1", LATER))
                .expectNoScheduledDeadlines();
    }

    @Test
    void recordsAProblemReopenedAfterItsDeadlineOverdueAtOnce() {
        fixture.givenCurrentTime(DUE.plusSeconds(1)).andGiven(LOGGED, RECTIFIED)
                .when(new ReopenProblem("p1", "仍缺三户"))
                .expectEvents(REOPENED, OVERDUE)
                .expectNoScheduledDeadlines();
    }

    private TestExecutor<Problem> beforeTheDeadline() {
        return fixture.givenCurrentTime(BEFORE);
    }
}
