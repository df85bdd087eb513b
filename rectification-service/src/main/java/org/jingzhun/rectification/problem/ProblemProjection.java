package org.jingzhun.rectification.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.messaging.unitofwork.CurrentUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
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
 *
 * <p>The events a command applies reach this projection together, in one batch of Axon's subscribing
 * processor; their changes are gathered and written when that batch commits, in one statement: a problem
 * logged and found overdue in the same command is one row inserted with both facts (one version of it,
 * {@code problem_view_version}), not an insert and an update; several events on one problem are one
 * update; every history entry goes in with them. Each statement is a round trip with PostgreSQL that
 * costs both sides more CPU than its work (docs/benchmarks.md, "A command's writes in fewer statements").
 * Outside a unit of work (a handler called directly) each event is written at once.
 */
@Component
@ProcessingGroup("problem-views")
class ProblemProjection {

    private static final ObjectMapper JSON = EventJson.newMapper();
    private static final String CHANGES = ProblemProjection.class.getName() + ".changes";
    /** The columns written as JSONB (their values are JSON text). */
    private static final Set<String> JSONB = Set.of("measures", "attachments");

    private final JdbcClient jdbc;

    ProblemProjection(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @EventHandler
    void on(ProblemLogged event, @SequenceNumber long sequence, @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("id", event.problemId());
        row.put("organization_id", event.organizationId());
        row.put("campaign_id", event.campaignId());
        row.put("focus_area", event.focusArea().name());
        row.put("source", event.source().name());
        row.put("special_rectification_id", event.specialRectificationId());
        row.put("description", event.description());
        row.put("owner", event.owner());
        row.put("deadline", Timestamp.from(event.deadline()));
        row.put("status", ProblemStatus.LOGGED.name());
        row.put("logged_at", Timestamp.from(at));
        row.put("last_sequence", sequence);
        row.put("last_event_at", Timestamp.from(at));
        Changes changes = changes();
        changes.inserted.putIfAbsent(event.problemId(), row);
        changes.history(event.problemId(), sequence, event, at, actor);
        written(changes);
    }

    @EventHandler
    void on(RectificationMeasuresSet event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor,
                "status", ProblemStatus.RECTIFYING.name(), "measures", json(event.measures()));
    }

    @EventHandler
    void on(ProblemRectified event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor, "status", ProblemStatus.RECTIFIED.name(),
                "evidence", event.evidence(), "attachments", json(event.attachments()));
    }

    @EventHandler
    void on(RectificationVerified event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor,
                "status", ProblemStatus.VERIFIED.name(), "verified_by", event.verifiedBy());
    }

    @EventHandler
    void on(ProblemReopened event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor, "status", ProblemStatus.REOPENED.name());
    }

    @EventHandler
    void on(ProblemDeadlineExtended event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor, "deadline", Timestamp.from(event.deadline()));
    }

    @EventHandler
    void on(ProblemOverdue event, @SequenceNumber long sequence,
            @org.axonframework.eventhandling.Timestamp Instant at,
            @MetaDataValue(value = Actor.META_DATA_KEY, required = false) String actor) {
        change(event.problemId(), sequence, event, at, actor,
                "overdue_deadline", Timestamp.from(event.deadline()), "overdue_at", Timestamp.from(at));
    }

    /**
     * Records an event's changes of a problem's columns ({@code column, value} pairs): into its row when the
     * problem was logged in the same batch, else into the batch's update of it; and its history entry.
     */
    private void change(String problemId, long sequence, Object event, Instant at, String actor, Object... columns) {
        Changes changes = changes();
        Map<String, Object> row = changes.inserted.get(problemId);
        if (row == null) {
            row = changes.updated.computeIfAbsent(problemId, id -> new LinkedHashMap<>());
        }
        for (int i = 0; i < columns.length; i += 2) {
            row.put((String) columns[i], columns[i + 1]);
        }
        // Events come in their order: the last one's sequence and time are the row's (an update keeps a
        // higher sequence already written, as before).
        row.put("last_sequence", sequence);
        row.put("last_event_at", Timestamp.from(at));
        changes.history(problemId, sequence, event, at, actor);
        written(changes);
    }

    /** This batch's changes, written when it commits; a fresh set outside a unit of work. */
    private Changes changes() {
        if (!CurrentUnitOfWork.isStarted()) {
            return new Changes();
        }
        UnitOfWork<?> unitOfWork = CurrentUnitOfWork.get();
        return unitOfWork.getOrComputeResource(CHANGES, key -> {
            Changes changes = new Changes();
            unitOfWork.onPrepareCommit(u -> write(changes));
            return changes;
        });
    }

    /** Outside a unit of work nothing writes the changes later: now. */
    private void written(Changes changes) {
        if (!CurrentUnitOfWork.isStarted()) {
            write(changes);
        }
    }

    /**
     * One statement: each new row inserted (a problem already there is left as it is), each changed row
     * updated, the history entries inserted — as data-modifying {@code WITH} parts of the history's insert.
     */
    private void write(Changes changes) {
        if (changes.history.isEmpty()) {
            return;
        }
        StringBuilder sql = new StringBuilder();
        List<Object> params = new ArrayList<>();
        int part = 0;
        for (Map<String, Object> row : changes.inserted.values()) {
            sql.append(part == 0 ? "WITH " : ", ").append("p").append(part++).append(" AS (INSERT INTO problem_view (")
                    .append(String.join(", ", row.keySet())).append(") VALUES (");
            String separator = "";
            for (Map.Entry<String, Object> column : row.entrySet()) {
                sql.append(separator).append(placeholder(column.getKey()));
                params.add(column.getValue());
                separator = ", ";
            }
            sql.append(") ON CONFLICT (id) DO NOTHING)");
        }
        for (Map.Entry<String, Map<String, Object>> update : changes.updated.entrySet()) {
            sql.append(part == 0 ? "WITH " : ", ").append("p").append(part++).append(" AS (UPDATE problem_view SET ");
            for (Map.Entry<String, Object> column : update.getValue().entrySet()) {
                String name = column.getKey();
                sql.append(name).append(" = ").append(name.equals("last_sequence")
                        ? "GREATEST(last_sequence, ?)" : placeholder(name)).append(", ");
                params.add(column.getValue());
            }
            sql.setLength(sql.length() - 2);
            sql.append(" WHERE id = ?)");
            params.add(update.getKey());
        }
        // The ids are the problem's own: the entry sits under it already. The event is the JSON the store
        // took (not written again); PostgreSQL drops the ids (a tree built here to drop them cost a command
        // ~2 % of its CPU, writing the event again another ~2 %).
        sql.append(part == 0 ? "" : " ").append(
                "INSERT INTO problem_history (problem_id, sequence, type, occurred_at, actor, details) VALUES ");
        String separator = "";
        for (Object[] entry : changes.history) {
            sql.append(separator)
                    .append("(?, ?, ?, ?, ?, CAST(? AS JSONB) - 'problemId' - 'organizationId' - 'campaignId')");
            params.addAll(List.of(entry));
            separator = ", ";
        }
        sql.append(" ON CONFLICT DO NOTHING");
        jdbc.sql(sql.toString()).params(params).update();
    }

    private static String placeholder(String column) {
        return JSONB.contains(column) ? "CAST(? AS JSONB)" : "?";
    }

    private static String json(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    /** The rows and history entries of one batch of events, in their order. */
    private static final class Changes {
        final Map<String, Map<String, Object>> inserted = new LinkedHashMap<>();
        final Map<String, Map<String, Object>> updated = new LinkedHashMap<>();
        final List<Object[]> history = new ArrayList<>();

        void history(String problemId, long sequence, Object event, Instant at, String actor) {
            history.add(new Object[] {problemId, sequence, event.getClass().getSimpleName(), Timestamp.from(at),
                    actor == null ? Actor.SYSTEM : actor, PayloadJson.text(event)});
        }
    }
}
