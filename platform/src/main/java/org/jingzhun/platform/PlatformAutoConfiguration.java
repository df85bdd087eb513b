package org.jingzhun.platform;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Clock;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;

/** Settings and the clock shared by every service. */
@AutoConfiguration
@EnableConfigurationProperties({JingzhunProperties.class, KafkaSettings.class})
public class PlatformAutoConfiguration {

    /**
     * The web layer's mapper, as Boot would build it. Declared here because Axon's own
     * {@code defaultAxonObjectMapper} bean would otherwise make Boot's auto-configured one back off,
     * and the web layer would lose Boot's Jackson settings (problem details among them).
     */
    @Bean
    @Primary
    ObjectMapper jacksonObjectMapper(Jackson2ObjectMapperBuilder builder) {
        return builder.createXmlMapper(false).build();
    }

    /** The clock of the county: injectable so that tests can move time. */
    @Bean
    @ConditionalOnMissingBean
    Clock clock(JingzhunProperties properties) {
        return Clock.system(properties.timeZone());
    }
}
