package org.jingzhun.platform.relay;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.Properties;
import javax.sql.DataSource;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the relay for a service that sets {@code jingzhun.relay.topic}. */
@AutoConfiguration
@ConditionalOnProperty("jingzhun.relay.topic")
@EnableConfigurationProperties({RelaySettings.class, KafkaSettings.class, JingzhunProperties.class})
public class RelayConfiguration {

    @Bean
    RelayJournal relayJournal(DataSource dataSource, Serializer serializer) {
        // The general serializer: the one Axon's token store writes tokens with.
        return new RelayJournal(JdbcClient.create(dataSource), serializer, KafkaRelay.PROCESSING_GROUP);
    }

    @Bean(destroyMethod = "close")
    KafkaRelay kafkaRelay(RelaySettings relay, KafkaSettings kafka, JingzhunProperties jingzhun, RelayJournal journal,
                          MeterRegistry meters) {
        int maxRequestSize = new ProducerConfig(producerProperties(kafka, jingzhun))
                .getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return new KafkaRelay(relay, "/jingzhun/" + jingzhun.serviceName(), jingzhun.timeZone(),
                () -> new KafkaProducer<>(producerProperties(kafka, jingzhun)), new TopicProvisioner(kafka),
                maxRequestSize, journal, meters);
    }

    @Bean
    RelayProgress relayProgress() {
        return new RelayProgress(Clock.systemUTC());
    }

    @Bean
    RelaySafetyNet relaySafetyNet(KafkaRelay kafkaRelay, RelayJournal journal, EventStorageEngine eventStorageEngine,
                                  PlatformTransactionManager transactionManager, RelaySettings relay,
                                  RelayProgress progress, MeterRegistry meters) {
        return new RelaySafetyNet(kafkaRelay, journal, eventStorageEngine, new TransactionTemplate(transactionManager),
                relay, progress, meters);
    }

    @Bean
    RelayHealthIndicator relayHealthIndicator(KafkaRelay kafkaRelay, RelayJournal journal, RelayProgress progress,
                                              RelaySettings relay) {
        return new RelayHealthIndicator(kafkaRelay, journal, progress, relay, Clock.systemUTC());
    }

    @Bean
    ParkedEventsController parkedEventsController(KafkaRelay kafkaRelay, RelayJournal journal,
                                                  EventStorageEngine eventStorageEngine,
                                                  PlatformTransactionManager transactionManager) {
        return new ParkedEventsController(kafkaRelay, journal, eventStorageEngine,
                new TransactionTemplate(transactionManager));
    }

    static Properties producerProperties(KafkaSettings kafka, JingzhunProperties jingzhun) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        props.put(ProducerConfig.CLIENT_ID_CONFIG, jingzhun.serviceName() + "-relay");
        // No acknowledged event may be lost: all in-sync replicas, idempotent retries.
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        // Fail a batch within seconds when Kafka is away, so the processor backs off and retries
        // instead of blocking the tracker thread for the 60 s/120 s defaults.
        props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 10_000);
        props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000);
        props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 20_000);
        // A few ms of batching: a relay batch is sent as few requests.
        props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
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
