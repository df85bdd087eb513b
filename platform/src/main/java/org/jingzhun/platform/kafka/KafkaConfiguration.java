package org.jingzhun.platform.kafka;

import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.ConsumerFactory;
import org.springframework.kafka.core.KafkaAdmin;
import org.springframework.kafka.core.ProducerFactory;

/**
 * The service's {@link KafkaClients}: Boot's {@code spring.kafka.*} exactly as Boot itself applies it
 * (its producer and consumer factories and its {@link KafkaAdmin} hold the resolved settings, SSL
 * bundles and connection details included), with Jingzhun's defaults and guarantees on top.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(KafkaSettings.class)
public class KafkaConfiguration {

    @Bean
    KafkaClients kafkaClients(ProducerFactory<?, ?> producers, ConsumerFactory<?, ?> consumers, KafkaAdmin admin,
                              KafkaSettings settings, ObjectProvider<MeterRegistry> meters) {
        return new KafkaClients(producers.getConfigurationProperties(), consumers.getConfigurationProperties(),
                admin.getConfigurationProperties(), settings, meters.getIfAvailable());
    }
}
