package org.jingzhun.reporting.totals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import org.jingzhun.platform.projection.BatchHook;
import org.jingzhun.platform.projection.ProjectedBatch;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Deletes the totals checkpoints that a late event makes wrong: every checkpoint covering up to the
 * event's recorded time or later, once per projector transaction, just before it commits (under the
 * shared side of {@link TotalsCheckpoints#LOCK}, see there). Events recorded after every checkpoint,
 * the usual case, delete nothing.
 */
@Component
class CheckpointInvalidation implements BatchHook {

    private final JdbcClient jdbc;
    private final Counter invalidated;

    CheckpointInvalidation(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.invalidated = Counter.builder("jingzhun.totals.checkpoints.invalidated")
                .description("Checkpoints of the totals model deleted because an event arrived late").register(meters);
    }

    /** Just before the batch commits, from the earliest recorded time among its events. */
    @Override
    public void beforeCommit(ProjectedBatch batch) {
        batch.earliestTime().ifPresent(this::invalidateFrom);
    }

    private void invalidateFrom(OffsetDateTime time) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)").param(TotalsCheckpoints.LOCK).query().singleRow();
        int deleted = jdbc.sql("DELETE FROM totals_checkpoint WHERE covers_until >= ?").param(time).update();
        invalidated.increment(deleted);
    }
}
