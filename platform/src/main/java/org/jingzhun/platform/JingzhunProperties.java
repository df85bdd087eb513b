package org.jingzhun.platform;

import java.time.ZoneId;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Settings every service shares.
 *
 * @param serviceName the service's name, e.g. {@code organization-service}; the CloudEvents source
 * @param timeZone    the county's time zone: local dates are dates of this zone
 */
@ConfigurationProperties("jingzhun")
public record JingzhunProperties(@DefaultValue("jingzhun") String serviceName,
                                 @DefaultValue("Asia/Shanghai") ZoneId timeZone) {
}
