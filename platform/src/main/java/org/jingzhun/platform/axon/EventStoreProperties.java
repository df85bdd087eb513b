package org.jingzhun.platform.axon;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Event store tuning.
 *
 * @param gapTimeoutMillis how long a gap in the global index is waited for before it is given up:
 *                         must stay well above the longest transaction that appends events
 */
@ConfigurationProperties("jingzhun.event-store")
public record EventStoreProperties(@DefaultValue("60000") int gapTimeoutMillis) {
}
