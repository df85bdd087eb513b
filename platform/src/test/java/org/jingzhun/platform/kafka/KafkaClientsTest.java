package org.jingzhun.platform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;
import org.jingzhun.platform.PlatformDefaults;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

/** Every client carries Boot's {@code spring.kafka.*}, with our defaults under it and our guarantees over it. */
class KafkaClientsTest {

    private static final String JAAS = "org.apache.kafka.common.security.plain.PlainLoginModule required "
            + "username=\"relay\" password=\"s3cret\";";

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, KafkaConfiguration.class))
            .withInitializer(context -> new PlatformDefaults().postProcessEnvironment(context.getEnvironment(), null))
            .withBean(MeterRegistry.class, SimpleMeterRegistry::new);

    @Test
    void everyClientCarriesSaslFromSpringKafkaProperties() {
        runner.withPropertyValues(
                "spring.kafka.bootstrap-servers=broker-1:9093,broker-2:9093",
                "spring.kafka.security.protocol=SASL_PLAINTEXT",
                "spring.kafka.properties.sasl.mechanism=PLAIN",
                "spring.kafka.properties.sasl.jaas.config=" + JAAS).run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            for (Map<String, Object> config : List.of(clients.producerConfig("relay"),
                    clients.consumerConfig("projector", "group"), clients.adminConfig("topics"))) {
                assertThat(config)
                        .containsEntry("bootstrap.servers", List.of("broker-1:9093", "broker-2:9093"))
                        .containsEntry("security.protocol", "SASL_PLAINTEXT")
                        .containsEntry("sasl.mechanism", "PLAIN")
                        .containsEntry("sasl.jaas.config", JAAS);
            }
        });
    }

    @Test
    void takesSaslFromEnvironmentVariablesAsComposeSetsThem() {
        Map<String, Object> environment = Map.of(
                "SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092",
                "SPRING_KAFKA_SECURITY_PROTOCOL", "SASL_SSL",
                "SPRING_KAFKA_PROPERTIES_SASL_MECHANISM", "SCRAM-SHA-512",
                "SPRING_KAFKA_PROPERTIES_SASL_JAAS_CONFIG", JAAS);
        runner.withInitializer(context -> context.getEnvironment().getPropertySources().addFirst(
                new SystemEnvironmentPropertySource("systemEnvironment", environment))).run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.consumerConfig("projector", "group"))
                    .containsEntry("bootstrap.servers", List.of("kafka:9092"))
                    .containsEntry("security.protocol", "SASL_SSL")
                    .containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                    .containsEntry("sasl.jaas.config", JAAS);
        });
    }

    @Test
    void perClientSectionsApplyToTheirClientsOnly() {
        runner.withPropertyValues(
                "spring.kafka.producer.security.protocol=SSL",
                "spring.kafka.consumer.properties.fetch.min.bytes=1024",
                "spring.kafka.admin.client-id=ops").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.producerConfig("relay")).containsEntry("security.protocol", "SSL");
            assertThat(clients.consumerConfig("projector", "group"))
                    .containsEntry("fetch.min.bytes", "1024").doesNotContainKey("security.protocol");
            assertThat(clients.adminConfig("topics")).containsEntry("client.id", "ops-topics");
        });
    }

    @Test
    void operatorSettingsReplaceOurDefaultsButNotOurGuarantees() {
        runner.withPropertyValues(
                "spring.kafka.producer.acks=1",
                "spring.kafka.producer.properties.enable.idempotence=false",
                "spring.kafka.producer.properties.linger.ms=50",
                "spring.kafka.producer.properties.max.in.flight.requests.per.connection=5",
                "spring.kafka.producer.transaction-id-prefix=tx-",
                "spring.kafka.consumer.enable-auto-commit=true",
                "spring.kafka.consumer.group-id=shared",
                "spring.kafka.consumer.auto-offset-reset=latest",
                "spring.kafka.consumer.max-poll-records=50").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.producerConfig("relay"))
                    .containsEntry("acks", "all")
                    .containsEntry("enable.idempotence", true)
                    .containsEntry("max.in.flight.requests.per.connection", 1)
                    .containsEntry("linger.ms", "50")
                    .doesNotContainKey("transactional.id");
            assertThat(clients.consumerConfig("projector", "jingzhun-projector"))
                    .containsEntry("enable.auto.commit", false)
                    .containsEntry("group.id", "jingzhun-projector")
                    .containsEntry("auto.offset.reset", "earliest")
                    .containsEntry("isolation.level", "read_committed")
                    .containsEntry("max.poll.records", 50);
            assertThat(clients.consumerConfig("replay", null)).doesNotContainKey("group.id");
        });
    }

    @Test
    void ourDefaultsApplyWhereTheOperatorSaysNothing() {
        runner.run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            assertThat(clients.producerConfig("relay"))
                    .containsEntry("bootstrap.servers", List.of("localhost:9092"))
                    .containsEntry("delivery.timeout.ms", 20_000)
                    .containsEntry("max.block.ms", 10_000)
                    .containsEntry("client.id", "relay");
            assertThat(clients.consumerConfig("projector", "g")).containsEntry("max.poll.records", 500);
            assertThat(clients.adminConfig("topics")).containsEntry("default.api.timeout.ms", 15_000);
            assertThat(clients.settings().replicationFactor()).as("the broker's default").isNull();
            assertThat(clients.settings().minInsyncReplicas()).as("the broker's default").isNull();
        });
    }

    @Test
    void theOlderBootstrapVariableStillNamesTheBrokersUnlessSpringKafkaDoes() {
        runner.withPropertyValues("jingzhun.kafka.bootstrap-servers=old:9092").run(context ->
                assertThat(context.getBean(KafkaClients.class).producerConfig("relay"))
                        .containsEntry("bootstrap.servers", List.of("old:9092")));
        runner.withPropertyValues("jingzhun.kafka.bootstrap-servers=old:9092",
                "spring.kafka.bootstrap-servers=new:9092").run(context ->
                assertThat(context.getBean(KafkaClients.class).consumerConfig("projector", "g"))
                        .containsEntry("bootstrap.servers", List.of("new:9092")));
    }

    @Test
    void topicSettingsBindReplicationAndMinInsyncReplicas() {
        runner.withPropertyValues("jingzhun.kafka.replication-factor=3", "jingzhun.kafka.min-insync-replicas=2",
                "jingzhun.kafka.partitions=12").run(context -> {
            KafkaSettings settings = context.getBean(KafkaClients.class).settings();
            assertThat(settings.replicationFactor()).isEqualTo((short) 3);
            assertThat(settings.minInsyncReplicas()).isEqualTo(2);
            assertThat(settings.partitions()).isEqualTo(12);
            assertThat(settings.topicReadyTimeout()).hasSeconds(30);
        });
    }

    @Test
    void bindsKafkaClientMetricsForEachClientUntilItCloses() {
        runner.withPropertyValues("spring.kafka.bootstrap-servers=localhost:1").run(context -> {
            KafkaClients clients = context.getBean(KafkaClients.class);
            MeterRegistry meters = context.getBean(MeterRegistry.class);
            try (Producer<String, byte[]> producer = clients.producer("relay");
                 Consumer<String, byte[]> consumer = clients.consumer("projector", "g");
                 Admin admin = clients.admin("topics")) {
                assertThat(meters.find("kafka.producer.record.send.total").tag("client.id", "relay").meters())
                        .isNotEmpty();
                assertThat(meters.find("kafka.consumer.fetch.manager.records.consumed.total")
                        .tag("client.id", "projector").meters()).isNotEmpty();
                assertThat(meters.find("kafka.admin.client.request.total").tag("client.id", "topics").meters())
                        .isNotEmpty();
            }
            assertThat(meters.find("kafka.producer.record.send.total").tag("client.id", "relay").meters())
                    .as("unbound once closed").isEmpty();
            assertThat(meters.find("kafka.admin.client.request.total").tag("client.id", "topics").meters()).isEmpty();
        });
    }
}
