package org.jingzhun.reporting.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.projection.BatchHook;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.ProjectorSettings;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.jingzhun.reporting.readmodel.LiveProjector;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the live projector: every event topic into every read model of this service (every
 * {@link Projection} bean, each in a savepoint of its own within the projector's one transaction, so the
 * read models and the stored offsets move together and one failing read model does not take an event from
 * the others), with every {@link BatchHook} bean around each commit.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ProjectorSettings.class)
class IntakeConfiguration {

    @Bean
    RecordDecoder recordDecoder() {
        return new RecordDecoder(ContractSchemaCheck.forCatalog());
    }

    @Bean
    TransactionalProjector liveProjector(List<Projection> readModels, List<BatchHook> hooks, RecordDecoder decoder,
                                         KafkaClients kafka, JdbcClient jdbc, TransactionTemplate transactions,
                                         MeterRegistry meters, ProjectorSettings settings) {
        return new TransactionalProjector(LiveProjector.NAME, Topics.ALL, readModels, hooks, decoder, kafka, jdbc,
                transactions, meters, settings);
    }
}
