package org.jingzhun.reporting.totals;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.OffsetDateTime;
import org.jingzhun.platform.projection.ProjectedEvent;
import org.jingzhun.platform.projection.Projection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Deletes the totals checkpoints that a late event makes wrong: every checkpoint covering up to the
 * event's recorded time or later, once per projector transaction, just before it commits (under the
 * shared side of {@link TotalsCheckpoints#LOCK}, see there). Events recorded after every checkpoint,
 * the usual case, delete nothing.
 */
@Component
class CheckpointInvalidation implements Projection {

    private final JdbcClient jdbc;
    private final Counter invalidated;
    /** Marks a transaction that has its earliest event time bound. */
    private final Object key = new Object();

    CheckpointInvalidation(JdbcClient jdbc, MeterRegistry meters) {
        this.jdbc = jdbc;
        this.invalidated = Counter.builder("jingzhun.totals.checkpoints.invalidated")
                .description("Checkpoints of the totals model deleted because an event arrived late").register(meters);
    }

    @Override
    public void apply(ProjectedEvent event) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            invalidateFrom(event.time());
            return;
        }
        Earliest earliest = (Earliest) TransactionSynchronizationManager.getResource(key);
        if (earliest != null) {
            earliest.include(event.time());
            return;
        }
        Earliest first = new Earliest(event.time());
        TransactionSynchronizationManager.bindResource(key, first);
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void beforeCommit(boolean readOnly) {
                invalidateFrom(first.time);
            }

            @Override
            public void afterCompletion(int status) {
                TransactionSynchronizationManager.unbindResourceIfPossible(key);
            }
        });
    }

    private void invalidateFrom(OffsetDateTime time) {
        jdbc.sql("SELECT pg_advisory_xact_lock_shared(?)").param(TotalsCheckpoints.LOCK).query().singleRow();
        int deleted = jdbc.sql("DELETE FROM totals_checkpoint WHERE covers_until >= ?").param(time).update();
        invalidated.increment(deleted);
    }

    /** The earliest recorded time among the transaction's events. */
    private static final class Earliest {
        OffsetDateTime time;

        Earliest(OffsetDateTime time) {
            this.time = time;
        }

        void include(OffsetDateTime other) {
            if (other.isBefore(time)) {
                time = other;
            }
        }
    }
}
