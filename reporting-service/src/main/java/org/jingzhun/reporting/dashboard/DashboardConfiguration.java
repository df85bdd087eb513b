package org.jingzhun.reporting.dashboard;

import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Configuration;

/** The dashboard's settings record, bound from {@code jingzhun.dashboard.*} (environment: JINGZHUN_DASHBOARD_*). */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(DashboardSettings.class)
class DashboardConfiguration {
}
