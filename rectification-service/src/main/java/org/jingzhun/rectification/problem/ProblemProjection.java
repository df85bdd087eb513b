package org.jingzhun.rectification.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.ProblemDeadlineExtended;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemOverdue;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.jingzhun.contracts.rectification.ProblemReopened;
import org.jingzhun.contracts.rectification.RectificationMeasuresSet;
import org.jingzhun.contracts.rectification.RectificationVerified;
import org.jingzhun.platform.EventJson;
import org.jingzhun.platform.axon.Actor;
import org.jingzhun.platform.axon.PayloadJson;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * The problem read model ({@code problem_view}) and its history ({@code problem_history}), written
 * in the command's transaction (subscribing processor). Every row remembers the last sequence number
 * and event time it reflects; a history entry is keyed by the problem's sequence number, so writing
 * one twice changes nothing.
 */
@Component
@ProcessingGroup("problem-views")
class ProblemProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();

    private final JdbcClient jdbc;

    ProblemProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProblemLogged event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        jdbc.sql("""
                        INSERT INTO problem_view (id, organization_id, campaign_id, focus_area, source,
                            special_rectification_id, description, owner, deadline, status, logged_at,
                            last_sequence, last_event_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING""")
                .params(event.problemId(), event.organizationId(), event.campaignId(), event.focusArea().name(),
                        event.source().name(), event.specialRectificationId(), event.description(), event.owner(),
                        Timestamp.from(event.deadline()), ProblemStatus.LOGGED.name(), Timestamp.from(at),
                        sequence, Timestamp.from(at))
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(RectificationMeasuresSet event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at, "status = :status, measures = CAST(:measures AS JSONB)")
                .param("status", ProblemStatus.RECTIFYING.name()).param("measures", json(event.measures()))
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(ProblemRectified event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at,
                "status = :status, evidence = :evidence, attachments = CAST(:attachments AS JSONB)")
                .param("status", ProblemStatus.RECTIFIED.name()).param("evidence", event.evidence())
                .param("attachments", json(event.attachments()))
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(RectificationVerified event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at, "status = :status, verified_by = :verifiedBy")
                .param("status", ProblemStatus.VERIFIED.name()).param("verifiedBy", event.verifiedBy())
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(ProblemReopened event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at, "status = :status")
                .param("status", ProblemStatus.REOPENED.name())
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(ProblemDeadlineExtended event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at, "deadline = :deadline")
                .param("deadline", Timestamp.from(event.deadline()))
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    @EventHandler
    void on(ProblemOverdue event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        update(event.problemId(), sequence, at, "overdue_deadline = :overdueDeadline, overdue_at = :at")
                .param("overdueDeadline", Timestamp.from(event.deadline()))
                .update();
        history(event.problemId(), sequence, event, at, actor);
    }

    private JdbcClient.StatementSpec update(String problemId, long sequence, Instant at, String assignments) {
        return jdbc.sql("UPDATE problem_view SET " + assignments
                        + ", last_sequence = GREATEST(last_sequence, :sequence), last_event_at = :at WHERE id = :id")
                .param("sequence", sequence).param("at", Timestamp.from(at)).param("id", problemId);
    }

    private void history(String problemId, long sequence, Object event, Instant at, String actor) {
        // The ids are the problem's own: the entry sits under it already. The event is the JSON the store
        // took (not written again); PostgreSQL drops the ids (a tree built here to drop them cost a command
        // ~2 % of its CPU, writing the event again another ~2 %).
        jdbc.sql("""
                        INSERT INTO problem_history (problem_id, sequence, type, occurred_at, actor, details)
                        VALUES (?, ?, ?, ?, ?, CAST(? AS JSONB) - 'problemId' - 'organizationId' - 'campaignId')
                        ON CONFLICT DO NOTHING""")
                .params(problemId, sequence, event.getClass().getSimpleName(), Timestamp.from(at),
                        actor == null ? Actor.SYSTEM : actor, PayloadJson.text(event))
                .update();
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
