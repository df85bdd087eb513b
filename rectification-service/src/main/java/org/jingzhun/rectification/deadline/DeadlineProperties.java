package org.jingzhun.rectification.deadline;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The durable deadline scheduler ({@code JINGZHUN_DEADLINES_POLLING_INTERVAL} and friends).
 *
 * @param pollingInterval how often due deadlines are looked for: the most an overdue problem waits to be recorded
 * @param threads         deadlines handled at once
 * @param shutdownMaxWait how long a stop waits for deadlines being handled before it gives up on them
 *                        (they are picked up again after the next start)
 */
@ConfigurationProperties("jingzhun.deadlines")
public record DeadlineProperties(@DefaultValue("5s") Duration pollingInterval,
                                 @DefaultValue("2") int threads,
                                 @DefaultValue("10s") Duration shutdownMaxWait) {
}
