package org.jingzhun.rectification.problem;

import java.time.Instant;
import java.util.List;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ProblemTest {

    private static final Instant DUE = Instant.parse("2019-10-31T15:59:59Z");
    private static final ProblemLogged LOGGED = new ProblemLogged("p1", "o1", "c1", FocusArea.POVERTY_ALLEVIATION,
            ProblemSource.SELF_INSPECTION, null, "帮扶台账不完整", "支部书记", DUE);
    private static final Attachment PHOTO = new Attachment("台账.jpg", "a".repeat(64));

    private AggregateTestFixture<Problem> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Problem.class);
    }

    @Test
    void logsAProblem() {
        fixture.givenNoPriorActivity()
                .when(new LogProblem("p1", "o1", "c1", FocusArea.POVERTY_ALLEVIATION, ProblemSource.SELF_INSPECTION,
                        null, "帮扶台账不完整", "支部书记", DUE))
                .expectEvents(LOGGED);
    }

    @Test
    void rectifiesALoggedProblemDirectly() {
        fixture.given(LOGGED)
                .when(new RectifyProblem("p1", "已补齐台账", List.of(PHOTO)))
                .expectEvents(new ProblemRectified("p1", "o1", "c1", "已补齐台账", List.of(PHOTO)));
    }

    @Test
    void rejectsRectifyingARectifiedProblem() {
        fixture.given(LOGGED, new ProblemRectified("p1", "o1", "c1", "已补齐台账", List.of()))
                .when(new RectifyProblem("p1", "again", List.of()))
                .expectException(IllegalTransition.class)
                .expectExceptionMessage("Cannot rectify a problem that is RECTIFIED")
                .expectNoEvents();
    }
}
