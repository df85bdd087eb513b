package org.jingzhun.rectification.problem;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;

/**
 * A problem as clients read it. {@code overdue} and {@code dueSoon} are judged at the time of the
 * request (not rectified, and the deadline passed / due within {@link ProblemQueries#DUE_SOON});
 * {@code overdueRecordedAt} is when a {@code ProblemOverdue} was recorded for the current deadline.
 * {@code sequence} and {@code lastEventAt} are the event position the view reflects. {@code history}
 * is only given for a single problem.
 */
record ProblemView(String id, String organizationId, String campaignId, FocusArea focusArea, ProblemSource source,
                   String specialRectificationId, String description, String owner, Instant deadline,
                   ProblemStatus status, boolean overdue, boolean dueSoon, List<Measure> measures, String evidence,
                   List<Attachment> attachments, String verifiedBy, Instant overdueRecordedAt, Instant loggedAt,
                   long sequence, Instant lastEventAt, List<HistoryEntry> history) {

    /** One event of the problem: its sequence number, type, time, who caused it, and its fields. */
    record HistoryEntry(long sequence, String type, Instant at, String actor, JsonNode details) {
    }

    ProblemView withHistory(List<HistoryEntry> entries) {
        return new ProblemView(id, organizationId, campaignId, focusArea, source, specialRectificationId, description,
                owner, deadline, status, overdue, dueSoon, measures, evidence, attachments, verifiedBy,
                overdueRecordedAt, loggedAt, sequence, lastEventAt, entries);
    }
}
