package org.jingzhun.reporting.intake;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.projection.Projection;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/** Wires the live projector: every event topic into every read model of this service. */
@Configuration(proxyBeanMethods = false)
class IntakeConfiguration {

    /**
     * The live projector's name: its Kafka consumer group and the key of its stored offsets and applied
     * event ids. Renaming it would make the service re-read every topic from the start.
     */
    static final String LIVE_PROJECTOR = "reporting-live";

    @Bean
    RecordDecoder recordDecoder() {
        return new RecordDecoder(ContractSchemaCheck.forCatalog());
    }

    @Bean
    TransactionalProjector liveProjector(List<Projection> readModels, RecordDecoder decoder, KafkaClients kafka,
                                         JdbcClient jdbc, TransactionTemplate transactions, MeterRegistry meters) {
        return new TransactionalProjector(LIVE_PROJECTOR, Topics.ALL, new ReadModels(readModels), decoder, kafka,
                jdbc, transactions, meters);
    }
}
