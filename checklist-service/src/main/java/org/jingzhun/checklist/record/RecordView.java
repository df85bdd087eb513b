package org.jingzhun.checklist.record;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.plan.ChecklistFrequency;

/**
 * What an organization has done in a campaign ({@code GET /api/organizations/{orgId}/record}). Months
 * are {@code YYYY-MM}; each entry says when it was recorded and by whom.
 */
record RecordView(String organizationId, String campaignId, Organization organization, Study study, Notes notes,
                  HonorRoom honorRoom, Research research, Checklist checklist) {

    record Organization(String name, Tier tier, Sector sector, boolean dissolved) {
    }

    /**
     * @param sessionCount       sessions held
     * @param days               their days summed
     * @param daysByMonth        study days per calendar month, every format
     * @param countedFormats     the formats the plan counts toward this organization's study days; empty: every format
     * @param countedDaysByMonth study days per month in the counted formats
     * @param sessions           every session, in the order recorded
     */
    record Study(int sessionCount, double days, Map<String, Double> daysByMonth, List<StudyFormat> countedFormats,
                 Map<String, Double> countedDaysByMonth, List<Session> sessions) {
    }

    record Session(String id, LocalDate date, double days, StudyFormat format, List<String> readings, int attendees,
                   List<String> attendeeIds, Instant recordedAt, String recordedBy) {
    }

    /** @param members distinct members with at least one note */
    record Notes(int count, int members, Map<StudyNoteKind, Integer> byKind, List<Note> entries) {
    }

    record Note(String id, String memberId, StudyNoteKind kind, LocalDate date, Instant recordedAt,
                String recordedBy) {
    }

    record HonorRoom(int visits, long personVisits, List<Visit> entries) {
    }

    record Visit(LocalDate date, int visitors, Instant recordedAt, String recordedBy) {
    }

    /** @param mayFile the kinds the plan lets this organization file */
    record Research(int count, Map<ResearchKind, Integer> byKind, List<ResearchKind> mayFile, List<Piece> entries) {
    }

    record Piece(String id, ResearchKind kind, String title, String memberId, LocalDate date, Instant recordedAt,
                 String recordedBy) {
    }

    /**
     * The "ten ones": kept by branches only ({@code kept}); every item of the plan's checklist with its
     * frequency, whether it is done and when.
     */
    record Checklist(boolean kept, int itemsDone, int completions, boolean complete, List<Item> items) {
    }

    record Item(ChecklistItem item, ChecklistFrequency frequency, boolean done, LocalDate firstDoneOn,
                List<Completion> completions) {
    }

    record Completion(String id, LocalDate date, String note, Instant recordedAt, String recordedBy) {
    }
}
