package org.jingzhun.reporting.totals;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The settings of the totals stream. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(TotalsStreamSettings.class)
class TotalsConfiguration {
}
