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
 */
@ConfigurationProperties("jingzhun.snapshots")
public record SnapshotSettings(@DefaultValue("50") int threshold) {

    public SnapshotSettings {
        if (threshold < 0) {
            throw new IllegalArgumentException("jingzhun.snapshots.threshold must not be negative: " + threshold);
        }
    }
}
