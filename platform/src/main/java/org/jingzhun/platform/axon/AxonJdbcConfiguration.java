package org.jingzhun.platform.axon;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.common.jdbc.ConnectionProvider;
import org.axonframework.common.jdbc.PersistenceExceptionResolver;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventhandling.EventBusSpanFactory;
import org.axonframework.eventhandling.tokenstore.jdbc.TokenSchema;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.eventsourcing.eventstore.jdbc.JdbcEventStorageEngine;
import org.axonframework.eventsourcing.eventstore.jpa.SQLStateResolver;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.axonframework.modelling.command.CommandTargetResolver;
import org.axonframework.serialization.Serializer;
import org.jingzhun.platform.EventJson;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigureBefore;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;

/**
 * Axon's JDBC storage with our table names. Axon's own JDBC auto-configuration backs off for every
 * bean declared here; the tables are created by the platform's Flyway migrations.
 */
@AutoConfiguration
@AutoConfigureBefore(name = {"org.axonframework.springboot.autoconfig.JdbcAutoConfiguration",
        "org.axonframework.springboot.autoconfig.AxonAutoConfiguration"})
@EnableConfigurationProperties(EventStoreProperties.class)
public class AxonJdbcConfiguration {

    /** Axon takes this mapper by name; without it, it would use the MVC mapper and its settings. */
    @Bean("defaultAxonObjectMapper")
    ObjectMapper defaultAxonObjectMapper() {
        return EventJson.newMapper();
    }

    @Bean
    EventSchema eventSchema() {
        return EventSchema.builder()
                .eventTable("domain_event_entry")
                .snapshotTable("snapshot_event_entry")
                .globalIndexColumn("global_index")
                .eventIdentifierColumn("event_identifier")
                .metaDataColumn("meta_data")
                .payloadColumn("payload")
                .payloadRevisionColumn("payload_revision")
                .payloadTypeColumn("payload_type")
                .timestampColumn("time_stamp")
                .aggregateIdentifierColumn("aggregate_identifier")
                .sequenceNumberColumn("sequence_number")
                .typeColumn("type")
                .build();
    }

    @Bean
    TokenSchema tokenSchema() {
        return TokenSchema.builder()
                .setTokenTable("token_entry")
                .setProcessorNameColumn("processor_name")
                .setSegmentColumn("segment")
                .setTokenColumn("token")
                .setTokenTypeColumn("token_type")
                .setTimestampColumn("time_stamp")
                .setOwnerColumn("owner")
                .build();
    }

    /**
     * PostgreSQL reports a unique violation by SQL state 23505 and no vendor error code, which the
     * error-code resolver Axon configures by default looks for: without this, a second stream under one
     * aggregate id or a concurrent append became an opaque EventStoreException (500) rather than an
     * AggregateStreamCreationException or ConcurrencyException (409).
     */
    @Bean
    PersistenceExceptionResolver uniqueViolationResolver() {
        return new SQLStateResolver("23505");
    }

    @Bean
    EventStorageEngine eventStorageEngine(PersistenceExceptionResolver persistenceExceptionResolver,
                                          @Qualifier("eventSerializer") Serializer eventSerializer,
                                          Configuration configuration,
                                          ConnectionProvider connectionProvider,
                                          TransactionManager transactionManager,
                                          EventSchema eventSchema,
                                          EventStoreProperties properties) {
        Serializer snapshotSerializer = SnapshotJson.serializer();
        return JdbcEventStorageEngine.builder()
                .snapshotSerializer(snapshotSerializer)
                .upcasterChain(configuration.upcasterChain())
                .persistenceExceptionResolver(persistenceExceptionResolver)
                .eventSerializer(PayloadJsonSerializer.around(eventSerializer))
                .snapshotFilter(configuration.snapshotFilter().and(SnapshotJson.readableBy(snapshotSerializer)))
                .connectionProvider(connectionProvider)
                .transactionManager(transactionManager)
                .schema(eventSchema)
                // bytea columns: never oid/BLOB.
                .dataType(byte[].class)
                // Axon's trackers may give up a gap older than this (or more than maxGapOffset behind);
                // the relay's safety net still sends such late events (see platform.relay), so these
                // only trade latency: commands commit in milliseconds, a minute is a wide margin.
                .gapTimeout(properties.gapTimeoutMillis())
                .gapCleaningThreshold(properties.gapCleaningThreshold())
                .maxGapOffset(properties.maxGapOffset())
                .build();
    }

    /**
     * Axon's embedded event store as its auto-configuration builds it, but waking the relay when a
     * transaction commits rather than after each command in it ({@link CommitAwareEventStore}).
     */
    @Bean(name = "eventBus")
    @Qualifier("eventStore")
    EmbeddedEventStore eventStore(EventStorageEngine storageEngine, Configuration configuration,
                                  EventStoreProperties properties) {
        return new CommitAwareEventStore(EmbeddedEventStore.builder()
                .storageEngine(storageEngine)
                .cachedEvents(properties.cachedEvents())
                .messageMonitor(configuration.messageMonitor(EventStore.class, "eventStore"))
                .spanFactory(configuration.getComponent(EventBusSpanFactory.class)));
    }

    /** Finds a command class's target aggregate members once, not per command ({@link CachingCommandTargetResolver}). */
    @Bean
    CommandTargetResolver commandTargetResolver() {
        return new CachingCommandTargetResolver();
    }

    /** Copies the actor from a command's metadata onto every event it causes. */
    @Bean
    CorrelationDataProvider actorCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Actor.META_DATA_KEY);
    }

    @Bean
    ActorDispatchInterceptor actorDispatchInterceptor() {
        return new ActorDispatchInterceptor();
    }

    /**
     * Chains every public event as it is appended ({@link EventChainInterceptor}). Registered on the event
     * store itself, not declared as an interceptor bean: Axon would put such a bean on the event gateway
     * only, which aggregates do not use.
     */
    @Bean
    InitializingBean eventChainRegistration(EventStore eventStore, EventStorageEngine eventStorageEngine) {
        return () -> eventStore.registerDispatchInterceptor(new EventChainInterceptor(eventStorageEngine));
    }
}
