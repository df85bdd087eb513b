package org.jingzhun.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Aggregate snapshots.
 *
 * @param threshold after how many events read to load an aggregate a snapshot of it is taken, so that
 *                  loading reads at most about this many events however long the aggregate's history is
 *                  (an organization's campaign record grows with every visit and session); 0 turns
 *                  snapshots off
 * @param cachedAggregates how many aggregates each service keeps in memory between commands, each checked
 *                         against the store's last sequence number before use (so never stale, even with
 *                         several instances); 0 keeps them for one transaction only
 */
@ConfigurationProperties("jingzhun.snapshots")
public record SnapshotSettings(@DefaultValue("50") int threshold, @DefaultValue("1024") int cachedAggregates) {

    public SnapshotSettings {
        if (threshold < 0) {
            throw new IllegalArgumentException("jingzhun.snapshots.threshold must not be negative: " + threshold);
        }
        if (cachedAggregates < 0) {
            throw new IllegalArgumentException(
                    "jingzhun.snapshots.cached-aggregates must not be negative: " + cachedAggregates);
        }
    }
}
