package org.jingzhun.reporting.totals;

import static org.jingzhun.reporting.totals.UnprojectableEvent.requireRow;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A problem's lifecycle after it was logged (table {@code problem}; logging and rectifying are in
 * {@link ActivityRows}), and the special rectifications (table {@code special_rectification}).
 * A problem's events share one partition, so they arrive in the order they happened; each handler
 * sets the state its event leaves, so applying an event twice in a row changes nothing.
 */
final class ProblemRows {

    private final JdbcClient jdbc;
    private final HourlyRollUps rollUps;

    ProblemRows(JdbcClient jdbc, HourlyRollUps rollUps) {
        this.jdbc = jdbc;
        this.rollUps = rollUps;
    }

    void specialRectificationLaunched(SpecialRectificationLaunched e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO special_rectification (special_rectification_id, campaign_id, title, scope,
                                                           organization_id, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (special_rectification_id) DO NOTHING""")
                .params(e.specialRectificationId(), e.campaignId(), e.title(), e.scope(), e.organizationId(), at)
                .update();
    }

    void measuresSet(RectificationMeasuresSet e, OffsetDateTime at) {
        status(e.problemId(), ProblemStatus.RECTIFYING, at);
    }

    void verified(RectificationVerified e, OffsetDateTime at) {
        status(e.problemId(), ProblemStatus.VERIFIED, at);
    }

    /** Back in progress; an overdue flag stays: a reopened problem past its deadline is overdue work again. */
    void reopened(ProblemReopened e, OffsetDateTime at) {
        status(e.problemId(), ProblemStatus.REOPENED, at);
    }

    void overdue(ProblemOverdue e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE problem SET overdue = TRUE WHERE problem_id = ?")
                .param(e.problemId()).update(), "problem", e.problemId(), ProblemLogged.class);
        rollUps.problemChanged(e.problemId(), at);
    }

    /** A new deadline that has not passed yet: not overdue until a ProblemOverdue says so again. */
    void deadlineExtended(ProblemDeadlineExtended e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE problem SET deadline = ?, overdue = FALSE WHERE problem_id = ?")
                .params(e.deadline().atOffset(ZoneOffset.UTC), e.problemId()).update(),
                "problem", e.problemId(), ProblemLogged.class);
        rollUps.problemChanged(e.problemId(), at);
    }

    private void status(String problemId, ProblemStatus status, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE problem SET status = ? WHERE problem_id = ?")
                .params(status.name(), problemId).update(), "problem", problemId, ProblemLogged.class);
        rollUps.problemChanged(problemId, at);
    }
}
