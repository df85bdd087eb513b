package org.jingzhun.reporting.totals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.jingzhun.contracts.rectification.SpecialRectificationLaunched;
import org.jingzhun.platform.projection.ColumnArrays;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A batch's facts written set-based, one statement per table ({@link TotalsProjection#applyAll}): visits,
 * study sessions and their days, notes, research, checklist completions and special rectifications. Each
 * fact is a row of its own, keyed by its own id, inserted once ({@code ON CONFLICT DO NOTHING}, the first copy
 * wins) and read by no handler, so the facts of a batch can be written together, apart from the registry,
 * member and problem events, which change rows and stay one by one in their order. The rows are those of
 * {@link ChecklistRows}, {@link ActivityRows} and {@link ProblemRows}.
 */
final class FactBatch {

    private final ColumnArrays visits = new ColumnArrays("event_id", "record_id", "organization_id", "campaign_id",
            "visit_date", "visitors", "recorded_at", "n");
    private final Map<String, Session> sessions = new LinkedHashMap<>();
    private final ColumnArrays notes = new ColumnArrays("note_id", "organization_id", "campaign_id", "member_id",
            "kind", "noted_on", "recorded_at", "n");
    private final ColumnArrays research = new ColumnArrays("research_id", "organization_id", "campaign_id", "kind",
            "member_id", "submitted_on", "recorded_at", "n");
    private final ColumnArrays completions = new ColumnArrays("completion_id", "organization_id", "campaign_id",
            "item", "completed_on", "recorded_at", "n");
    private final ColumnArrays specialRectifications = new ColumnArrays("special_rectification_id", "campaign_id",
            "title", "scope", "organization_id", "recorded_at", "n");
    private int n;

    private record Session(StudySessionHeld held, OffsetDateTime at) {
    }

    /** Takes the event if it is a fact; false for the events that change rows. */
    boolean add(ProjectedEvent event) {
        Object payload = event.payload();
        OffsetDateTime at = event.time();
        if (payload instanceof StudyNoteRecorded e) {
            notes.add(e.noteId(), e.organizationId(), e.campaignId(), e.memberId(), e.kind().name(), e.date(), at, n++);
        } else if (payload instanceof HonorRoomVisited e) {
            visits.add(event.eventId(), e.recordId(), e.organizationId(), e.campaignId(), e.date(), e.visitors(), at,
                    n++);
        } else if (payload instanceof StudySessionHeld e) {
            sessions.putIfAbsent(e.sessionId(), new Session(e, at));
        } else if (payload instanceof ResearchSubmitted e) {
            research.add(e.researchId(), e.organizationId(), e.campaignId(), e.kind().name(), e.memberId(), e.date(),
                    at, n++);
        } else if (payload instanceof ChecklistItemCompleted e) {
            completions.add(e.completionId(), e.organizationId(), e.campaignId(), e.item().name(), e.date(), at, n++);
        } else if (payload instanceof SpecialRectificationLaunched e) {
            specialRectifications.add(e.specialRectificationId(), e.campaignId(), e.title(), e.scope(),
                    e.organizationId(), at, n++);
        } else {
            return false;
        }
        return true;
    }

    void write(JdbcClient jdbc, HourlyRollUps rollUps) {
        // Visits, notes and research are rolled up by the hour and second (HourlyRollUps), the new rows only, in the
        // same statement.
        if (!visits.isEmpty()) {
            jdbc.sql("WITH fresh AS (" + sql("honor_room_visit", "event_id", visits, """
                            v.event_id, v.record_id, v.organization_id, v.campaign_id, CAST(v.visit_date AS DATE),
                            CAST(v.visitors AS INTEGER), CAST(v.recorded_at AS TIMESTAMPTZ)""")
                            + " RETURNING campaign_id, organization_id, visitors, recorded_at)"
                            + rollUps.addFresh(HourlyRollUps.HONOR_ROOM, "organization_id", "visitors")
                            + " SELECT count(*) FROM fresh")
                    .params(visits.parameters()).query(Long.class).single();
        }
        if (!notes.isEmpty()) {
            jdbc.sql("WITH fresh AS (" + sql("study_note", "note_id", notes, """
                            v.note_id, v.organization_id, v.campaign_id, v.member_id, v.kind, CAST(v.noted_on AS DATE),
                            CAST(v.recorded_at AS TIMESTAMPTZ)""") + " RETURNING campaign_id, recorded_at)"
                            + rollUps.addFresh(HourlyRollUps.STUDY_NOTES, "''", "1")
                            + " SELECT count(*) FROM fresh")
                    .params(notes.parameters()).query(Long.class).single();
        }
        if (!research.isEmpty()) {
            jdbc.sql("WITH fresh AS (" + sql("research", "research_id", research, """
                            v.research_id, v.organization_id, v.campaign_id, v.kind, v.member_id,
                            CAST(v.submitted_on AS DATE), CAST(v.recorded_at AS TIMESTAMPTZ)""")
                            + " RETURNING campaign_id, kind, recorded_at)"
                            + rollUps.addFresh(HourlyRollUps.RESEARCH, "kind", "1")
                            + " SELECT count(*) FROM fresh")
                    .params(research.parameters()).query(Long.class).single();
        }
        insert(jdbc, "checklist_completion", "completion_id", completions, """
                v.completion_id, v.organization_id, v.campaign_id, v.item, CAST(v.completed_on AS DATE),
                CAST(v.recorded_at AS TIMESTAMPTZ)""");
        insert(jdbc, "special_rectification", "special_rectification_id", specialRectifications, """
                v.special_rectification_id, v.campaign_id, v.title, v.scope, v.organization_id,
                CAST(v.recorded_at AS TIMESTAMPTZ)""");
        writeSessions(jdbc, rollUps);
    }

    /** A session's days are written when the session is new, as {@link ChecklistRows#studySessionHeld} does. */
    private void writeSessions(JdbcClient jdbc, HourlyRollUps rollUps) {
        if (sessions.isEmpty()) {
            return;
        }
        ColumnArrays rows = new ColumnArrays("session_id", "organization_id", "campaign_id", "held_on", "days",
                "format", "attendees", "recorded_at", "n");
        sessions.values().forEach(s -> rows.add(s.held().sessionId(), s.held().organizationId(),
                s.held().campaignId(), s.held().date(), BigDecimal.valueOf(s.held().days()), s.held().format().name(),
                s.held().attendees(), s.at(), n++));
        // The new sessions, with their roll-ups (HourlyRollUps) added in the same statement.
        Set<String> fresh = new HashSet<>(jdbc.sql("WITH fresh AS (" + sql("study_session", "session_id", rows, """
                        v.session_id, v.organization_id, v.campaign_id, CAST(v.held_on AS DATE),
                        CAST(v.days AS NUMERIC), v.format, CAST(v.attendees AS INTEGER),
                        CAST(v.recorded_at AS TIMESTAMPTZ)""") + " RETURNING session_id, campaign_id, days, recorded_at)"
                        + rollUps.addFresh(HourlyRollUps.STUDY_SESSIONS, "''", "1")
                        + rollUps.addFresh(HourlyRollUps.STUDY_DAYS, "''", "days") + " "
                        + "SELECT session_id FROM fresh")
                .params(rows.parameters()).query(String.class).list());
        ColumnArrays days = new ColumnArrays("session_id", "day", "organization_id", "campaign_id", "format", "days",
                "recorded_at", "n");
        for (Session s : sessions.values()) {
            if (!fresh.contains(s.held().sessionId())) {
                continue;
            }
            for (Map.Entry<LocalDate, Double> day : StudyDays.spread(s.held().date(), s.held().days()).entrySet()) {
                days.add(s.held().sessionId(), day.getKey(), s.held().organizationId(), s.held().campaignId(),
                        s.held().format().name(), BigDecimal.valueOf(day.getValue()), s.at(), n++);
            }
        }
        insert(jdbc, "study_day", "session_id, day", days, """
                v.session_id, CAST(v.day AS DATE), v.organization_id, v.campaign_id, v.format,
                CAST(v.days AS NUMERIC), CAST(v.recorded_at AS TIMESTAMPTZ)""");
    }

    private static void insert(JdbcClient jdbc, String table, String key, ColumnArrays rows, String select) {
        if (!rows.isEmpty()) {
            jdbc.sql(sql(table, key, rows, select)).params(rows.parameters()).update();
        }
    }

    /** The rows in the order they were added; the target columns are the unnest's, but the order number. */
    private static String sql(String table, String key, ColumnArrays rows, String select) {
        List<String> columns = rows.names().subList(0, rows.names().size() - 1);
        return "INSERT INTO " + table + " (" + String.join(", ", columns) + ") SELECT " + select
                + " FROM " + rows.unnest("v") + " ORDER BY CAST(v.n AS INTEGER) ON CONFLICT (" + key + ") DO NOTHING";
    }
}
