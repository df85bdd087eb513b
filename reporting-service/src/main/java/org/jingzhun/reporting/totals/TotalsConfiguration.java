package org.jingzhun.reporting.totals;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of the live and as-of views of the totals. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties({TotalsStreamSettings.class, AsOfSettings.class})
class TotalsConfiguration {
}
