package org.jingzhun.reporting.compliance;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jingzhun.contracts.ChecklistItem;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.ResearchKind;
import org.jingzhun.contracts.StudyFormat;
import org.jingzhun.contracts.checklist.StudyNoteKind;
import org.jingzhun.contracts.plan.ChecklistFrequency;
import org.jingzhun.contracts.plan.ResearchBy;
import org.springframework.lang.Nullable;

/**
 * One organization's picture in one campaign ({@code GET /api/organizations/{orgId}/scorecard}): what it
 * owes by the plan in force, what it has done, and the compliance entries it has (those of
 * {@code GET /api/compliance}). Every enumeration key is present, 0 when nothing happened; a requirement
 * the plan does not state is {@code null}.
 *
 * @param planVersion the plan version judged by, 0 when none is projected yet
 * @param compliance  its entries of the compliance answer, in that answer's order (none for a dissolved
 *                    organization, which is no longer held to the plan)
 */
record Scorecard(String campaignId, OffsetDateTime asOf, Organization organization, int planVersion,
                 Study study, Notes notes, HonorRoom honorRoom, Research research, List<ChecklistStatus> checklist,
                 Problems problems, SpecialRectifications specialRectifications, List<Behind> compliance) {

    /**
     * Study sessions as recorded, and the days the requirements count.
     *
     * @param sessions          sessions held in the campaign, every format
     * @param sessionDays       their days summed, every format (as the totals count them)
     * @param daysByFormat      the same by format
     * @param countedFormats    the formats the requirements count (empty: every format)
     * @param countedDays       days of counted study within the campaign, each calendar day at most one
     * @param requiredTotalDays the plan's minimum over the campaign, {@code null} when it states none
     * @param totalJudged       whether the campaign is over, so that the total is judged
     * @param byMonth           every month of the campaign
     * @param consecutive       every run of consecutive days the plan asks for
     */
    record Study(long sessions, Number sessionDays, Map<StudyFormat, Number> daysByFormat,
                 List<StudyFormat> countedFormats, Number countedDays,
                 @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer requiredTotalDays, boolean totalJudged,
                 List<MonthOfStudy> byMonth, List<ConsecutiveRun> consecutive) {
    }

    /** Counted study days of a month (its days within the campaign) against the plan's monthly minimum. */
    record MonthOfStudy(String month, Number days,
                        @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer required, boolean judged) {
    }

    /** A run the plan asks for, and the longest run of counted study days found in that month. */
    record ConsecutiveRun(String month, int required, int longestRun, boolean judged) {
    }

    /**
     * Study notes recorded in the organization, and the members who owe them.
     *
     * @param requiredOf       the occupations the plan asks notes of
     * @param membersRequired  active members of those occupations
     * @param membersWithNotes those of them with at least one note in the campaign
     */
    record Notes(long total, Map<StudyNoteKind, Long> byKind, List<MemberOccupation> requiredOf,
                 int membersRequired, int membersWithNotes) {
    }

    /** Visits to the honor room: visits recorded and the people they brought. */
    record HonorRoom(long visits, long personVisits) {
    }

    /** Research filed by kind, and each research duty of the plan with what counts toward it. */
    record Research(Map<ResearchKind, Long> byKind, List<ResearchDutyStatus> duties) {
    }

    /** A research duty: filing {@code minimum} of its kinds (0: permitted, not required) and how many are filed. */
    record ResearchDutyStatus(List<ResearchKind> kinds, @Nullable ResearchBy by, int minimum, long done) {
    }

    /**
     * A checklist item the plan asks for or the organization did.
     *
     * @param frequency        the plan's frequency, {@code null} when the plan does not ask for it here
     * @param firstCompletedOn its first completion, {@code null} when not done
     */
    record ChecklistStatus(ChecklistItem item, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable ChecklistFrequency frequency,
                           boolean done, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable LocalDate firstCompletedOn,
                           int completions) {
    }

    /**
     * The organization's problems by the totals' rule: rectified = RECTIFIED or VERIFIED, the rest in
     * progress, found = both; overdue = flagged overdue and not rectified.
     */
    record Problems(long found, long rectified, long inProgress, long overdue, Map<ProblemStatus, Long> byStatus) {
    }

    /**
     * The special-rectification duty and the special rectifications the organization takes part in.
     *
     * @param minimum {@code null} with {@code maximum} when the plan states no duty
     */
    record SpecialRectifications(@JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer minimum,
                                 @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable Integer maximum,
                                 List<TakingPart> takingPart) {
    }

    /**
     * One special rectification it takes part in.
     *
     * @param title        {@code null} when its launch is not projected yet
     * @param launchedHere launched with this organization's id
     * @param problems     this organization's problems under it
     */
    record TakingPart(String specialRectificationId, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String title,
                      boolean launchedHere, long problems) {
    }
}
