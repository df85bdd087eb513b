package org.jingzhun.platform.projection;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How projectors judge their own health and keep their tables small ({@code JINGZHUN_PROJECTOR_*}).
 *
 * @param stuckAfter         health turns DOWN when records wait and none was committed for this long, or a
 *                           poll round has not finished for this long (a batch hangs on a lock)
 * @param keepAppliedRecords an applied event id is kept while fewer records than this were committed after
 *                           it on its partition (redeliveries arrive later on the same partition)…
 * @param keepAppliedFor     …or while it is younger than this; pruned only when both are past
 * @param pruneEvery         how often the projector prunes applied event ids
 * @param bulkFrom           a poll of at least this many records is applied set-based in one transaction
 *                           ({@link ProjectionWriter#applyInBulk}), a smaller one record by record, each in its
 *                           savepoints ({@link ProjectionWriter#apply}); 1, every poll set-based: record by record
 *                           let events wait up to half a second behind a busy moment at 100 commands/s
 *                           (docs/benchmarks.md, "Every poll set-based after all")
 */
@ConfigurationProperties("jingzhun.projector")
public record ProjectorSettings(@DefaultValue("2m") Duration stuckAfter,
                                @DefaultValue("1000000") long keepAppliedRecords,
                                @DefaultValue("30d") Duration keepAppliedFor,
                                @DefaultValue("10m") Duration pruneEvery,
                                @DefaultValue("1") int bulkFrom) {

    /** The defaults above, for a projector built outside Spring's binding. */
    public static ProjectorSettings defaults() {
        return new ProjectorSettings(Duration.ofMinutes(2), 1_000_000, Duration.ofDays(30), Duration.ofMinutes(10), 1);
    }
}
