package org.jingzhun.platform.web;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What the HTTP edge accepts at most. Whatever a writing service accepts must also fit through Kafka
 * (1 MiB per record) and into reporting's PostgreSQL, so the edge refuses more than that up front
 * instead of storing an event that can never be relayed.
 *
 * @param maxBodySize   the largest request body (413 above it), checked before the body is read
 * @param maxTextLength the longest text field in characters, a backstop behind each request's own
 *                      {@code @Size} limits (which are smaller)
 * @param idempotencyWait how long a request waits for the first answer of a concurrent request with the
 *                        same {@code Idempotency-Key} before answering 409
 */
@ConfigurationProperties("jingzhun.web")
public record WebLimits(@DefaultValue("1MB") DataSize maxBodySize,
                        @DefaultValue("10000") int maxTextLength,
                        @DefaultValue("10s") Duration idempotencyWait) {
}
