package org.jingzhun.reporting.totals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code GET /api/totals?asOf=}: checkpoints of the totals model, from which an answer replays the
 * audit trail.
 *
 * @param checkpointEvery  events of recorded time between two checkpoints: an answer replays at most
 *                         about this many (JINGZHUN_REPORTING_ASOF_CHECKPOINTEVERY)
 * @param checkpointSettle how far behind the latest recorded event a checkpoint stays: events of the last
 *                         moments still arrive out of order across partitions and services, and each late
 *                         one would discard the checkpoints after it
 * @param checkpointPoll   how often the builder looks for enough new events
 */
@ConfigurationProperties("jingzhun.reporting.as-of")
record AsOfSettings(@DefaultValue("5000") int checkpointEvery,
                    @DefaultValue("5s") Duration checkpointSettle,
                    @DefaultValue("2s") Duration checkpointPoll) {

    AsOfSettings {
        if (checkpointEvery < 1 || checkpointSettle.isNegative() || checkpointPoll.isNegative() || checkpointPoll.isZero()) {
            throw new IllegalArgumentException("jingzhun.reporting.as-of: checkpoint-every must be positive,"
                    + " checkpoint-settle not negative, checkpoint-poll positive");
        }
    }
}
