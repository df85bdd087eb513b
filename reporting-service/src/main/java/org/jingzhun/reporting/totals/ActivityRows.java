package org.jingzhun.reporting.totals;

import static org.jingzhun.reporting.totals.UnprojectableEvent.requireRow;

import java.math.BigDecimal;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.checklist.HonorRoomVisited;
import org.jingzhun.contracts.rectification.ProblemLogged;
import org.jingzhun.contracts.rectification.ProblemRectified;
import org.springframework.jdbc.core.simple.JdbcClient;

/** What organizations do within a campaign: tables {@code honor_room_visit} and {@code problem}. */
final class ActivityRows {

    private final JdbcClient jdbc;
    private final HourlyRollUps rollUps;

    ActivityRows(JdbcClient jdbc, HourlyRollUps rollUps) {
        this.jdbc = jdbc;
        this.rollUps = rollUps;
    }

    /** Each visit is its own row, keyed by the event id: all visits of one organization share a record. */
    void honorRoomVisited(HonorRoomVisited e, String eventId, OffsetDateTime at) {
        int fresh = jdbc.sql("""
                        INSERT INTO honor_room_visit (event_id, record_id, organization_id, campaign_id, visit_date,
                                                      visitors, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (event_id) DO NOTHING""")
                .params(eventId, e.recordId(), e.organizationId(), e.campaignId(), e.date(), e.visitors(), at)
                .update();
        if (fresh > 0) {
            rollUps.counted(e.campaignId(), HourlyRollUps.HONOR_ROOM, e.organizationId(), at,
                    BigDecimal.valueOf(e.visitors()));
        }
    }

    void problemLogged(ProblemLogged e, OffsetDateTime at) {
        // DO NOTHING, not an update: a late copy of ProblemLogged must not undo a later rectification.
        jdbc.sql("""
                        INSERT INTO problem (problem_id, organization_id, campaign_id, status, source, focus_area,
                                             special_rectification_id, deadline)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (problem_id) DO NOTHING""")
                .params(e.problemId(), e.organizationId(), e.campaignId(), ProblemStatus.LOGGED.name(),
                        e.source().name(), e.focusArea().name(), e.specialRectificationId(),
                        e.deadline().atOffset(ZoneOffset.UTC))
                .update();
        rollUps.problemChanged(e.problemId(), at);
    }

    void problemRectified(ProblemRectified e, OffsetDateTime at) {
        requireRow(jdbc.sql("UPDATE problem SET status = ? WHERE problem_id = ?")
                .params(ProblemStatus.RECTIFIED.name(), e.problemId())
                .update(), "problem", e.problemId(), ProblemLogged.class);
        rollUps.problemChanged(e.problemId(), at);
    }
}
