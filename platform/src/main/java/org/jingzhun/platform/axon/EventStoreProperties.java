package org.jingzhun.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store tuning. Axon's gap heuristics decide when a tracker stops waiting for a hole in the
 * global index; whatever they give up, the relay's safety net still delivers (see
 * {@code org.jingzhun.platform.relay}), so these only trade latency against work.
 *
 * @param gapTimeoutMillis     how long a gap in the global index is waited for before it may be given
 *                             up: should stay well above the longest transaction that appends events
 * @param gapCleaningThreshold how many gaps a token carries before Axon looks for gaps older than the
 *                             timeout (Axon's default 250)
 * @param maxGapOffset         how far behind the token's position a gap is still kept (Axon's 10,000)
 * @param cachedEvents         how many of the latest events the embedded event store keeps for its trackers
 *                             (Axon's default is 10,000). Each cached event keeps its tracking token, and a
 *                             token holds every gap in the global index open at its position: while inbox
 *                             batches are recorded in transactions of a hundred events or more, 8 of them side
 *                             by side, that is hundreds of gaps per token, and 10,000 cached tokens held
 *                             8 million {@code Long}s (320 MB) in organization-service during the demo load
 *                             (docs/benchmarks.md, "An inbox batch in one transaction"). The relay, the only
 *                             tracker, reads a batch at a time and reads the store itself when it lags further.
 */
@ConfigurationProperties("jingzhun.event-store")
public record EventStoreProperties(@DefaultValue("60000") int gapTimeoutMillis,
                                   @DefaultValue("250") int gapCleaningThreshold,
                                   @DefaultValue("10000") int maxGapOffset,
                                   @DefaultValue("100") int cachedEvents) {
}
