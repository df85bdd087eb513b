package org.jingzhun.platform.relay;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The relay of a service that publishes events.
 *
 * @param topic              the service's event topic; the relay is enabled when it is set
 * @param batchSize          most events per unit of work: sent asynchronously, acknowledged together, the
 *                           token and {@code relay_log} committed once for them; 500 rather than 100 let
 *                           organization's relay keep up with a county's enrolments (docs/benchmarks.md,
 *                           "The relay's batch"); a quiet relay's batch is whatever one fetch finds
 * @param ackTimeout         how long a batch waits for the broker's acknowledgements before it is retried
 * @param pollInterval       how long the tracker waits for new events before polling again; Axon's 1 s
 *                           default stalled the relay after a backlog, 100 ms keeps latency low
 * @param claimExtension     how often, at most, the tracker's claim on its token is extended while no event
 *                           comes (Axon extends it after every empty poll); keep it well below the token
 *                           store's claim timeout ({@code axon.eventhandling.tokenstore.claim-timeout}, 10 s)
 * @param sweepInterval      how often the safety net looks for committed events the tracker passed
 *                           without handling; a skipped event reaches Kafka within about two intervals
 *                           after its transaction ended
 * @param stuckAfter         events pending and no progress for this long: the relay's health is DOWN
 * @param failuresBeforeDown this many failed batches in a row: the relay's health is DOWN (a short broker
 *                           hiccup costs one or two retries and should not page anyone)
 */
@ConfigurationProperties("jingzhun.relay")
public record RelaySettings(String topic,
                            @DefaultValue("500") int batchSize,
                            @DefaultValue("30s") Duration ackTimeout,
                            @DefaultValue("100ms") Duration pollInterval,
                            @DefaultValue("5s") Duration claimExtension,
                            @DefaultValue("5s") Duration sweepInterval,
                            @DefaultValue("2m") Duration stuckAfter,
                            @DefaultValue("5") int failuresBeforeDown) {
}
