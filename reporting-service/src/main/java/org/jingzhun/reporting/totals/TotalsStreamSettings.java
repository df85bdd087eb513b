package org.jingzhun.reporting.totals;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code GET /api/totals/stream}.
 *
 * @param minInterval the shortest time between two pushes of {@code totals} events: changes within it are
 *                    coalesced into one (JINGZHUN_REPORTING_TOTALSSTREAM_MININTERVAL); 0 leaves only the
 *                    coalescing by the pushes' own cost ({@link TotalsBroadcast})
 * @param heartbeat   how often an idle stream gets a comment line, so that proxies and load balancers do
 *                    not close it (most cut idle connections after 30–60 s)
 * @param timeout     how long one connection may stay open; 0 for as long as the client likes (browsers'
 *                    EventSource reconnects by itself either way)
 */
@ConfigurationProperties("jingzhun.reporting.totals-stream")
record TotalsStreamSettings(@DefaultValue("0ms") Duration minInterval,
                            @DefaultValue("15s") Duration heartbeat,
                            @DefaultValue("0s") Duration timeout) {
}
