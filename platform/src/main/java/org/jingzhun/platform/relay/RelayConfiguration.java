package org.jingzhun.platform.relay;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.TimeUnit;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/** Wires the relay for a service that sets {@code jingzhun.relay.topic}. */
@AutoConfiguration
@ConditionalOnProperty("jingzhun.relay.topic")
@EnableConfigurationProperties({RelaySettings.class, KafkaSettings.class, JingzhunProperties.class})
public class RelayConfiguration {

    @Bean(destroyMethod = "close")
    KafkaRelay kafkaRelay(RelaySettings relay, KafkaClients kafka, JingzhunProperties jingzhun, MeterRegistry meters) {
        // Producer settings (acks=all, idempotence, short timeouts) and their reasons: KafkaClients.
        return new KafkaRelay(relay, "/jingzhun/" + jingzhun.serviceName(), jingzhun.timeZone(),
                () -> kafka.producer(jingzhun.serviceName() + "-relay"), new TopicProvisioner(kafka), meters);
    }

    /**
     * A dedicated tracking processor for the relay, polling every 100 ms, whose failures propagate
     * (no logging-and-skipping, no dead letters): a batch that did not reach Kafka is retried.
     */
    @Bean
    ConfigurerModule kafkaRelayProcessorModule(RelaySettings relay) {
        return configurer -> configurer.eventProcessing()
                .registerTrackingEventProcessorConfiguration(KafkaRelay.PROCESSING_GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(relay.batchSize())
                                .andEventAvailabilityTimeout(relay.pollInterval().toMillis(), TimeUnit.MILLISECONDS))
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
