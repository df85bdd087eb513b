package org.jingzhun.platform.axon;

import io.micrometer.core.instrument.MeterRegistry;
import org.axonframework.micrometer.GlobalMetricRegistry;
import org.springframework.boot.actuate.autoconfigure.metrics.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.context.annotation.Bean;

/** Axon's message metrics as {@link AxonMessageMetrics} registers them; Axon's own registry backs off. */
@AutoConfiguration(
        after = CompositeMeterRegistryAutoConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.MicrometerMetricsAutoConfiguration")
@ConditionalOnClass(GlobalMetricRegistry.class)
public class AxonMetricsConfiguration {

    @Bean
    @ConditionalOnBean(MeterRegistry.class)
    GlobalMetricRegistry globalMetricRegistry(MeterRegistry registry) {
        return new AxonMessageMetrics(registry);
    }
}
