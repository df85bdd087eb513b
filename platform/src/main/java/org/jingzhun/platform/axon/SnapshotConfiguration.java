package org.jingzhun.platform.axon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.ToDoubleFunction;
import javax.sql.DataSource;
import org.axonframework.common.AxonThreadFactory;
import org.axonframework.common.caching.Cache;
import org.axonframework.common.transaction.TransactionManager;
import org.axonframework.config.Configuration;
import org.axonframework.eventsourcing.EventCountSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.NoSnapshotTriggerDefinition;
import org.axonframework.eventsourcing.SnapshotTriggerDefinition;
import org.axonframework.eventsourcing.Snapshotter;
import org.axonframework.eventsourcing.SnapshotterSpanFactory;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.eventsourcing.eventstore.jdbc.EventSchema;
import org.axonframework.messaging.annotation.HandlerDefinition;
import org.axonframework.messaging.annotation.ParameterResolverFactory;
import org.axonframework.spring.eventsourcing.SpringAggregateSnapshotter;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Snapshots of every aggregate that names {@value #TRIGGER} as its snapshot trigger: loading an
 * aggregate then reads its latest snapshot and the events after it, so a command's cost stays flat as
 * the aggregate's history grows.
 *
 * <p>Snapshots are taken after the command's transaction committed ({@link AfterTransactionSnapshotter}: also when
 * it is longer than the command, as an inbox group's), on one background thread, so no
 * command waits for one; when that thread is busy, further requests are dropped (a later load asks
 * again). A snapshot that cannot be read is skipped by Axon and the aggregate rebuilt from its events.
 * Between commands, aggregates are kept in memory by {@value #CACHE} and checked against the store's last
 * sequence number before each use, so a cached aggregate is never used stale, even with several instances of a
 * service ({@link CheckedAggregateCache}); within one transaction (the Kafka inbox's poll) without the check
 * ({@link TransactionAggregateCache}).
 */
// After the storage engine is declared, before Axon declares its own snapshotter (which would take snapshots on
// the committing thread while it still holds the aggregate's lock, waiting for a pooled connection that the
// commands queued behind that lock hold: a deadlock until the pool times out).
@AutoConfiguration(after = AxonJdbcConfiguration.class,
        beforeName = "org.axonframework.springboot.autoconfig.AxonAutoConfiguration")
@EnableConfigurationProperties(SnapshotSettings.class)
public class SnapshotConfiguration implements DisposableBean {

    /** The bean name aggregates put in {@code @Aggregate(snapshotTriggerDefinition = …)}. */
    public static final String TRIGGER = "jingzhunSnapshotTrigger";
    /** The bean name aggregates put in {@code @Aggregate(cache = …)}: kept between commands, checked before use. */
    public static final String CACHE = "jingzhunTransactionCache";

    private final ThreadPoolExecutor executor = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
            new ArrayBlockingQueue<>(1_000), new AxonThreadFactory("snapshotter"),
            new ThreadPoolExecutor.DiscardPolicy());

    @Bean
    @ConditionalOnBean(EventStorageEngine.class)
    SpringAggregateSnapshotter aggregateSnapshotter(Configuration configuration, HandlerDefinition handlerDefinition,
                                                    ParameterResolverFactory parameterResolverFactory,
                                                    EventStore eventStore, TransactionManager transactionManager,
                                                    SnapshotterSpanFactory spanFactory) {
        return SpringAggregateSnapshotter.builder()
                .repositoryProvider(configuration::repository)
                .transactionManager(transactionManager)
                .eventStore(eventStore)
                .parameterResolverFactory(parameterResolverFactory)
                .handlerDefinition(handlerDefinition)
                .spanFactory(spanFactory)
                .executor(executor)
                .build();
    }

    @Bean(TRIGGER)
    SnapshotTriggerDefinition jingzhunSnapshotTrigger(Snapshotter snapshotter, SnapshotSettings settings) {
        return settings.threshold() == 0
                ? NoSnapshotTriggerDefinition.INSTANCE
                : new EventCountSnapshotTriggerDefinition(new AfterTransactionSnapshotter(snapshotter),
                        settings.threshold());
    }

    /**
     * Aggregates kept between commands and checked against the store before use ({@link CheckedAggregateCache}),
     * with its hits and stale entries counted as {@code jingzhun.aggregates.cache{result=hit|stale}}.
     */
    @Bean(CACHE)
    Cache jingzhunAggregateCache(DataSource dataSource, EventSchema schema, SnapshotSettings settings,
                                 ObjectProvider<MeterRegistry> meters) {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        String lastSequence = "SELECT max(" + schema.sequenceNumberColumn() + ") FROM " + schema.domainEventTable()
                + " WHERE " + schema.aggregateIdentifierColumn() + " = ?";
        CheckedAggregateCache cache = new CheckedAggregateCache(settings.cachedAggregates(),
                aggregate -> jdbc.sql(lastSequence).param(aggregate).query(Long.class).optional().orElse(null));
        Map<String, ToDoubleFunction<CheckedAggregateCache>> results =
                Map.of("hit", CheckedAggregateCache::hits, "stale", CheckedAggregateCache::stale);
        meters.ifAvailable(registry -> results.forEach((result, count) ->
                FunctionCounter.builder("jingzhun.aggregates.cache", cache, count)
                        .description("Aggregates handed to a command from memory after the store confirmed them "
                                + "current (hit), or found behind the store and read from it (stale)")
                        .tag("result", result).register(registry)));
        return cache;
    }

    @Override
    public void destroy() throws InterruptedException {
        executor.shutdown();
        executor.awaitTermination(5, TimeUnit.SECONDS);
    }
}
