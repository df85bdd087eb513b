package org.jingzhun.reporting.audit;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Signed checkpoints of the audit trail.
 *
 * @param checkpointEveryEvents a checkpoint once this many events were recorded since the last one
 *                              (JINGZHUN_REPORTING_AUDIT_CHECKPOINTEVERYEVENTS)
 * @param checkpointEvery       and at least this often while events arrive (JINGZHUN_REPORTING_AUDIT_CHECKPOINTEVERY)
 * @param checkpointPoll        how often the checkpointer looks; zero turns automatic checkpoints off
 */
@ConfigurationProperties("jingzhun.reporting.audit")
record AuditSettings(@DefaultValue("1000") long checkpointEveryEvents,
                     @DefaultValue("10m") Duration checkpointEvery,
                     @DefaultValue("5s") Duration checkpointPoll) {

    AuditSettings {
        if (checkpointEveryEvents < 1 || checkpointEvery.isNegative() || checkpointEvery.isZero()
                || checkpointPoll.isNegative()) {
            throw new IllegalArgumentException("jingzhun.reporting.audit: checkpoint-every-events and checkpoint-every"
                    + " must be positive, checkpoint-poll not negative");
        }
    }
}
