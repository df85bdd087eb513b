package org.jingzhun.platform.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay of a service that publishes events.
 *
 * @param topic        the service's event topic; the relay is enabled when it is set
 * @param batchSize    events per unit of work: sent asynchronously, acknowledged together
 * @param ackTimeout   how long a batch waits for the broker's acknowledgements before it is retried
 * @param pollInterval how long the tracker waits for new events before polling again; Axon's 1 s
 *                     default stalled the relay after a backlog, 100 ms keeps latency low
 */
@ConfigurationProperties("jingzhun.relay")
public record RelaySettings(String topic,
                            @DefaultValue("100") int batchSize,
                            @DefaultValue("30s") Duration ackTimeout,
                            @DefaultValue("100ms") Duration pollInterval) {
}
