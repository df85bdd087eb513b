package org.jingzhun.rectification.ledger;

import java.time.Instant;
import java.util.List;
import org.jingzhun.contracts.FocusArea;
import org.jingzhun.contracts.ProblemSource;
import org.jingzhun.contracts.ProblemStatus;
import org.jingzhun.contracts.rectification.Attachment;
import org.jingzhun.contracts.rectification.Measure;

/**
 * A ledger and the event position it was generated from: {@code lastEventAt} is the time of the latest
 * event of any problem in it (null when it is empty), {@code events} the number of problem events it
 * reflects (each problem's sequence number + 1, summed).
 *
 * <p>Tied to the hash-chained log (contracts/AUDIT-CHAIN.md): each row names the event it reflects last
 * ({@code eventId}, its chain hash {@code hash}: the head of the problem's chain at that point);
 * {@code chainRoot} is the RFC 6962 Merkle root over those hashes in the ledger's row order (leaves as in a
 * checkpoint), {@code position} the highest event-store global index among them (0 when empty). The
 * reporting service's signed checkpoints cover the same events (by id and hash, {@code GET
 * /api/audit/proof?eventId=}); this service holds no checkpoint of its own.
 */
record Ledger(String organizationId, String organizationName, boolean includeSubtree, String campaignId,
              Instant lastEventAt, int problems, long events, long position, String chainRoot, List<Row> rows) {

    /**
     * One problem. {@code overdue}: a ProblemOverdue was recorded for its current deadline and it is not
     * rectified. {@code sequence} and {@code lastEventAt}: the last of its events the row reflects.
     * {@code specialRectificationTitle}: the title of its special rectification, if any;
     * {@code rectifiedAt}: when it was last rectified, while it is RECTIFIED or VERIFIED.
     */
    record Row(String problemId, String organizationId, String organizationName, String campaignId,
               FocusArea focusArea, ProblemSource source, String specialRectificationId, String description,
               String owner, Instant deadline, ProblemStatus status, boolean overdue, List<Measure> measures,
               String evidence, List<Attachment> attachments, String verifiedBy, Instant loggedAt, long sequence,
               Instant lastEventAt, String specialRectificationTitle, Instant rectifiedAt, String eventId,
               String hash) {
    }
}
