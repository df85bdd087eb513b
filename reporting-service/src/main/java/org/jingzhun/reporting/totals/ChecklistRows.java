package org.jingzhun.reporting.totals;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Map;
import org.jingzhun.contracts.checklist.ChecklistItemCompleted;
import org.jingzhun.contracts.checklist.ResearchSubmitted;
import org.jingzhun.contracts.checklist.StudyDays;
import org.jingzhun.contracts.checklist.StudyNoteRecorded;
import org.jingzhun.contracts.checklist.StudySessionHeld;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * What organizations record in the checklist service besides honor-room visits: tables
 * {@code study_session} and {@code study_day}, {@code study_note}, {@code research} and
 * {@code checklist_completion}. Each fact is keyed by its own id; a second copy changes nothing.
 */
final class ChecklistRows {

    private final JdbcClient jdbc;
    private final HourlyRollUps rollUps;

    ChecklistRows(JdbcClient jdbc, HourlyRollUps rollUps) {
        this.jdbc = jdbc;
        this.rollUps = rollUps;
    }

    void studySessionHeld(StudySessionHeld e, OffsetDateTime at) {
        int fresh = jdbc.sql("""
                        INSERT INTO study_session (session_id, organization_id, campaign_id, held_on, days, format,
                                                   attendees, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (session_id) DO NOTHING""")
                .params(e.sessionId(), e.organizationId(), e.campaignId(), e.date(), BigDecimal.valueOf(e.days()),
                        e.format().name(), e.attendees(), at)
                .update();
        if (fresh == 0) {
            return;
        }
        rollUps.counted(e.campaignId(), HourlyRollUps.STUDY_SESSIONS, "", at, BigDecimal.ONE);
        rollUps.counted(e.campaignId(), HourlyRollUps.STUDY_DAYS, "", at, BigDecimal.valueOf(e.days()));
        // The calendar days it covers, so that months and consecutive runs can be counted by day.
        for (Map.Entry<LocalDate, Double> day : StudyDays.spread(e.date(), e.days()).entrySet()) {
            jdbc.sql("""
                            INSERT INTO study_day (session_id, day, organization_id, campaign_id, format, days,
                                                   recorded_at)
                            VALUES (?, ?, ?, ?, ?, ?, ?)
                            ON CONFLICT (session_id, day) DO NOTHING""")
                    .params(e.sessionId(), day.getKey(), e.organizationId(), e.campaignId(), e.format().name(),
                            BigDecimal.valueOf(day.getValue()), at)
                    .update();
        }
    }

    void studyNoteRecorded(StudyNoteRecorded e, OffsetDateTime at) {
        int fresh = jdbc.sql("""
                        INSERT INTO study_note (note_id, organization_id, campaign_id, member_id, kind, noted_on,
                                                recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (note_id) DO NOTHING""")
                .params(e.noteId(), e.organizationId(), e.campaignId(), e.memberId(), e.kind().name(), e.date(), at)
                .update();
        if (fresh > 0) {
            rollUps.counted(e.campaignId(), HourlyRollUps.STUDY_NOTES, "", at, BigDecimal.ONE);
        }
    }

    void researchSubmitted(ResearchSubmitted e, OffsetDateTime at) {
        int fresh = jdbc.sql("""
                        INSERT INTO research (research_id, organization_id, campaign_id, kind, member_id, submitted_on,
                                              recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (research_id) DO NOTHING""")
                .params(e.researchId(), e.organizationId(), e.campaignId(), e.kind().name(), e.memberId(), e.date(), at)
                .update();
        if (fresh > 0) {
            rollUps.counted(e.campaignId(), HourlyRollUps.RESEARCH, e.kind().name(), at, BigDecimal.ONE);
        }
    }

    void checklistItemCompleted(ChecklistItemCompleted e, OffsetDateTime at) {
        jdbc.sql("""
                        INSERT INTO checklist_completion (completion_id, organization_id, campaign_id, item,
                                                          completed_on, recorded_at)
                        VALUES (?, ?, ?, ?, ?, ?)
                        ON CONFLICT (completion_id) DO NOTHING""")
                .params(e.completionId(), e.organizationId(), e.campaignId(), e.item().name(), e.date(), at)
                .update();
    }
}
