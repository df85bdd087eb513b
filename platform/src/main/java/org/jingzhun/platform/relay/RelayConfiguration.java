package org.jingzhun.platform.relay;

import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.axonframework.config.ConfigurerModule;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.eventhandling.TrackingEventProcessorConfiguration;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.axonframework.eventsourcing.eventstore.AbstractEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.serialization.Serializer;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
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
    KafkaRelay kafkaRelay(RelaySettings relay, KafkaClients kafka, JingzhunProperties jingzhun, RelayJournal journal,
                          EventStorageEngine eventStorageEngine, MeterRegistry meters) {
        // Producer settings (acks=all, idempotence, short timeouts) and their reasons: KafkaClients.
        String clientId = jingzhun.serviceName() + "-relay";
        // The limit an event's record is checked against before it is sent (Kafka's 1 MiB by default).
        int maxRequestSize = new ProducerConfig(kafka.producerConfig(clientId))
                .getInt(ProducerConfig.MAX_REQUEST_SIZE_CONFIG);
        return new KafkaRelay(relay, "/jingzhun/" + jingzhun.serviceName(), jingzhun.timeZone(),
                () -> kafka.producer(clientId), new TopicProvisioner(kafka), maxRequestSize, journal,
                storeSerializer(eventStorageEngine), meters);
    }

    /** The serializer the event store reads payloads with: the relay takes a stored payload's bytes through it. */
    private static Serializer storeSerializer(EventStorageEngine eventStorageEngine) {
        if (eventStorageEngine instanceof AbstractEventStorageEngine store) {
            return store.getEventSerializer();
        }
        throw new IllegalStateException("The relay needs the event store's serializer; "
                + eventStorageEngine.getClass().getName() + " does not tell it");
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

    /**
     * A dedicated tracking processor for the relay, polling every 100 ms, whose failures propagate
     * (no logging-and-skipping, no dead letters): a batch that did not reach Kafka is retried. Its claim
     * is extended sparsely while it waits ({@link SparseClaimExtensions}).
     */
    @Bean
    ConfigurerModule kafkaRelayProcessorModule(RelaySettings relay, ObjectProvider<TokenStore> tokenStores,
            @Value("${axon.eventhandling.tokenstore.claim-timeout:10s}") Duration claimTimeout) {
        if (relay.claimExtension().isNegative() || relay.claimExtension().compareTo(claimTimeout.dividedBy(2)) > 0) {
            throw new IllegalStateException("jingzhun.relay.claim-extension (" + relay.claimExtension()
                    + ") must be at most half of axon.eventhandling.tokenstore.claim-timeout (" + claimTimeout
                    + "): a claim not extended within its timeout may be taken by another instance");
        }
        return configurer -> configurer.eventProcessing()
                .registerTokenStore(KafkaRelay.PROCESSING_GROUP,
                        c -> new SparseClaimExtensions(tokenStores.getObject(), relay.claimExtension(), Clock.systemUTC()))
                .registerTrackingEventProcessorConfiguration(KafkaRelay.PROCESSING_GROUP,
                        c -> TrackingEventProcessorConfiguration.forSingleThreadedProcessing()
                                .andBatchSize(relay.batchSize())
                                .andEventAvailabilityTimeout(relay.pollInterval().toMillis(), TimeUnit.MILLISECONDS))
                .registerTrackingEventProcessor(KafkaRelay.PROCESSING_GROUP)
                .registerListenerInvocationErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance())
                .registerErrorHandler(KafkaRelay.PROCESSING_GROUP, c -> PropagatingErrorHandler.instance());
    }
}
