package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.validation.Validator;
import org.axonframework.messaging.correlation.CorrelationDataProvider;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.security.Scope;
import org.springframework.beans.factory.ObjectProvider;
import org.axonframework.messaging.correlation.SimpleCorrelationDataProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The inbox of a service that declares its {@link InboxRoutes}, and the causation metadata of every
 * service (commands caused by an inbox CloudEvent carry it onto their events).
 */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration",
        "org.springframework.boot.autoconfigure.validation.ValidationAutoConfiguration"})
public class InboxConfiguration {

    static final String KAFKA_ENABLED = "jingzhun.inbox.kafka.enabled";

    /** Copies the causing CloudEvent's source and id from a command onto every event it causes. */
    @Bean
    CorrelationDataProvider causationCorrelationDataProvider() {
        return new SimpleCorrelationDataProvider(Causation.SOURCE, Causation.ID);
    }

    @Bean
    Causation.DispatchInterceptor causationDispatchInterceptor() {
        return new Causation.DispatchInterceptor();
    }

    @Bean
    @ConditionalOnWebApplication
    SchemaController schemaController() {
        return new SchemaController();
    }

    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBean(InboxRoutes.class)
    static class Receiving {

        @Bean
        Inbox inbox(InboxRoutes routes, JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json,
                    Validator validator, MeterRegistry meters, ObjectProvider<Scope> scope) {
            return new Inbox(routes, jdbc, transactions, json, validator, meters, scope.getIfAvailable());
        }

        /**
         * Not started with {@code jingzhun.inbox.kafka.enabled=false} (HTTP only). Read when the service starts,
         * not as a condition: a condition would be fixed when the jar is built (Spring AOT).
         */
        @Bean
        KafkaInbox kafkaInbox(Inbox inbox, JingzhunProperties jingzhun, KafkaClients kafka, JdbcClient jdbc,
                              TransactionTemplate transactions, MeterRegistry meters, Environment environment) {
            return new KafkaInbox(inbox, jingzhun.serviceName(), kafka, jdbc, transactions, meters,
                    environment.getProperty(KAFKA_ENABLED, Boolean.class, true));
        }

        @Bean
        @ConditionalOnWebApplication
        InboxController inboxController(Inbox inbox, ObjectMapper json) {
            return new InboxController(inbox, json);
        }
    }
}
