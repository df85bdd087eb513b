package org.jingzhun.rectification.problem;

import java.sql.Timestamp;
import java.util.Optional;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/** The problem read model, written in the command's transaction (subscribing processor). */
@Component
@ProcessingGroup("problem-views")
class ProblemProjection {

    private final JdbcClient jdbc;

    ProblemProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProblemLogged event) {
        jdbc.sql("""
                        INSERT INTO problem_view (id, organization_id, campaign_id, focus_area, source,
                            special_rectification_id, description, owner, deadline, status)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(event.problemId(), event.organizationId(), event.campaignId(), event.focusArea().name(),
                        event.source().name(), event.specialRectificationId(), event.description(), event.owner(),
                        Timestamp.from(event.deadline()), ProblemStatus.LOGGED.name())
                .update();
    }

    @EventHandler
    void on(ProblemRectified event) {
        jdbc.sql("UPDATE problem_view SET status = ? WHERE id = ?")
                .params(ProblemStatus.RECTIFIED.name(), event.problemId()).update();
    }

    Optional<ProblemView> find(String id) {
        return jdbc.sql("""
                        SELECT id, organization_id, campaign_id, focus_area, source, special_rectification_id,
                               description, owner, deadline, status
                        FROM problem_view WHERE id = ?""")
                .param(id).query(ProblemView.class).optional();
    }
}
