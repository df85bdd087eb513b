package org.jingzhun.reporting.replay;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A rebuild as {@code GET /api/admin/replay/{id}} shows it.
 *
 * @param status        {@code RUNNING}, {@code COMPLETED} or {@code FAILED}
 * @param phase         what it does now: {@code REBUILDING} (from the start of the topics up to their end at
 *                      the start), {@code CATCHING_UP} (live projector paused, up to its offsets),
 *                      {@code COMPARING}, {@code SWAPPING}, then {@code DONE}
 * @param eventsDone    records read so far (applied, redelivered duplicates and poison records alike)
 * @param eventsTotal   records in the topics when the rebuild started (more arrive while it runs)
 * @param eventsPerSecond records read per second since the start
 * @param skipped       records (or parts of records) left out, as the live projector dead-lettered them and
 *                      has not re-driven them since
 * @param totalsEqual   at the end: whether the rebuilt totals equalled the live ones before the swap
 * @param differences   where they differed (the rebuilt ones are live now)
 * @param error         why it failed; the live tables are then left as they were
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record ReplayStatus(String id, String status, String phase, OffsetDateTime startedAt, OffsetDateTime finishedAt,
                    long eventsDone, long eventsTotal, double eventsPerSecond, long skipped, Boolean totalsEqual,
                    List<String> differences, String error) {
}
