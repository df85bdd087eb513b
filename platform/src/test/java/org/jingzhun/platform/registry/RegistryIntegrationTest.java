package org.jingzhun.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.flywaydb.core.Flyway;
import org.jingzhun.contracts.MemberField;
import org.jingzhun.contracts.MemberOccupation;
import org.jingzhun.contracts.MemberStatus;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.Topics;
import org.jingzhun.contracts.organization.CampaignLaunched;
import org.jingzhun.contracts.organization.GuidancePlanIssued;
import org.jingzhun.contracts.organization.MemberEnrolled;
import org.jingzhun.contracts.organization.MemberTransferred;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.platform.kafka.KafkaConfiguration;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.kafka.TopicProvisioner;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.jingzhun.platform.registry.OrganizationRegistry.OrganizationInfo;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.autoconfigure.flyway.FlywayAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.autoconfigure.kafka.KafkaAutoConfiguration;
import org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The replica as a service gets it — one property and the platform's auto-configuration — fed by a
 * real Kafka broker and stored in a real PostgreSQL. Records are produced by hand in the contract's
 * wire format. Tests share the broker and database, so each uses its own ids.
 */
class RegistryIntegrationTest {

    private static final String SERVICE = "checklist-service";
    private static final int PARTITIONS = 3;
    private static final Duration BOUND = Duration.ofSeconds(30);
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-01T09:00:00+08:00");

    @TempDir
    static Path dataDirectory;
    private static EmbeddedInfrastructure infrastructure;
    private static ConfigurableApplicationContext service;
    private static KafkaProducer<String, byte[]> producer;
    private static OrganizationRegistry registry;

    /** What a service has besides the platform: a database, transactions, JDBC, Flyway, metrics. */
    @Configuration(proxyBeanMethods = false)
    @ImportAutoConfiguration({DataSourceAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
            TransactionAutoConfiguration.class, JdbcTemplateAutoConfiguration.class, JdbcClientAutoConfiguration.class,
            FlywayAutoConfiguration.class, KafkaAutoConfiguration.class, KafkaConfiguration.class,
            RegistryConfiguration.class})
    static class Service {
        @Bean
        MeterRegistry meterRegistry() {
            return new SimpleMeterRegistry();
        }
    }

    @BeforeAll
    static void start() {
        quietBrokerLogs();
        infrastructure = EmbeddedInfrastructure.start(dataDirectory);
        infrastructure.postgres().createDatabaseIfMissing("checklist");
        String kafka = infrastructure.kafka().bootstrapServers();
        // Topics exist, with leaders, before anything is produced (KAFKA-15591, see ARCHITECTURE.md).
        new TopicProvisioner(new KafkaSettings(kafka, PARTITIONS, (short) 1, BOUND))
                .ensureTopics(List.of(Topics.ORGANIZATION_EVENTS));
        service = new SpringApplicationBuilder(Service.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .properties(
                        "jingzhun.service-name=" + SERVICE,
                        "jingzhun.registry.enabled=true",
                        "jingzhun.kafka.bootstrap-servers=" + kafka,
                        "jingzhun.kafka.partitions=" + PARTITIONS,
                        "spring.datasource.url=" + infrastructure.postgres().jdbcUrl("checklist"),
                        "spring.datasource.username=" + infrastructure.postgres().username(),
                        "logging.level.org.apache.kafka=WARN",
                        "logging.level.kafka=WARN")
                .run();
        registry = service.getBean(OrganizationRegistry.class);
        producer = new KafkaProducer<>(producerProperties(kafka));
    }

    @AfterAll
    static void stop() {
        if (producer != null) {
            producer.close();
        }
        if (service != null) {
            service.close();
        }
        if (infrastructure != null) {
            infrastructure.close();
        }
    }

    @Test
    void migratesTheReplicaWithTheServicesOwnFlywayLocations() {
        assertThat(Arrays.stream(service.getBean(Flyway.class).getConfiguration().getLocations())
                .map(Object::toString))
                .containsExactlyInAnyOrder("classpath:db/jingzhun-platform", "classpath:db/" + SERVICE,
                        RegistryConfiguration.MIGRATIONS);
        assertThat(jdbc().sql("SELECT version FROM flyway_schema_history WHERE success ORDER BY installed_rank")
                .query(String.class).list()).containsExactly("1.1", "1.2", "1.3", "1.4.1", "1.10", "1.20", "1.30", "1.45");
    }

    @Test
    void projectsRecordsOfTheWireFormatIntoTheReplica() {
        String county = id("county");
        String branch = id("branch");
        String campaign = id("campaign");
        String member = id("member");
        String other = id("branch");
        LocalDate startsOn = LocalDate.of(2019, 9, 1);
        LocalDate endsOn = LocalDate.of(2019, 11, 30);

        // The child first: its parent comes later, possibly on another partition.
        send(WireRecords.of(branch, 0, new OrganizationRegistered(branch, "第一支部", Tier.BRANCH, Sector.ORGAN, county), T0));
        send(WireRecords.of(county, 0, new OrganizationRegistered(county, "县委常委会", Tier.COUNTY,
                Sector.COUNTY_LEADERSHIP, null), T0));
        send(WireRecords.of(campaign, 0, new CampaignLaunched(campaign, "主题教育", startsOn, endsOn), T0));
        send(WireRecords.of(campaign, 1, new GuidancePlanIssued(campaign, 1, startsOn, endsOn, Plans.withTotalDays(6)), T0));
        send(WireRecords.of(member, 0, new MemberEnrolled(member, branch, MemberField.RURAL, MemberOccupation.NO_POST,
                MemberStatus.REGULAR), T0));
        send(WireRecords.of(member, 1, new MemberTransferred(member, other, branch), T0.plusDays(10)));

        await().atMost(BOUND).untilAsserted(() -> {
            assertThat(registry.subtree(county)).containsExactly(county, branch);
            assertThat(registry.plan(campaign)).contains(Plans.withTotalDays(6));
            assertThat(registry.branchOf(member, T0.plusDays(11).toInstant())).contains(other);
        });
        assertThat(registry.find(branch)).contains(new OrganizationInfo(branch, "第一支部", Tier.BRANCH, Sector.ORGAN,
                county, false));
        assertThat(registry.campaign(campaign)).map(OrganizationRegistry.CampaignInfo::endsOn).contains(endsOn);
        assertThat(registry.branchOf(member, T0.plusDays(1).toInstant())).contains(branch);
        // Its own offsets, under its own name: the replica can be rebuilt without touching anything else.
        assertThat(service.getBean(TransactionalProjector.class).name()).isEqualTo(SERVICE + "-registry");
        assertThat(jdbc().sql("SELECT count(*) FROM projector_offset WHERE projector = ?")
                .param(SERVICE + "-registry").query(Long.class).single()).isPositive();
    }

    @Test
    void awaitKnownReturnsAnOrganizationProducedAfterTheCallStarted() {
        String late = id("late");
        Arrivals arrivals = service.getBean(Arrivals.class);
        long started = System.nanoTime();
        CompletableFuture<Optional<OrganizationInfo>> answer =
                CompletableFuture.supplyAsync(() -> registry.awaitKnown(late, BOUND));
        await().atMost(BOUND).until(() -> arrivals.awaited(Arrivals.organization(late)));
        assertThat(answer).isNotDone();

        long produced = System.nanoTime();
        send(WireRecords.of(late, 0, new OrganizationRegistered(late, "后到支部", Tier.BRANCH, Sector.ORGAN, null), T0));

        assertThat(answer).succeedsWithin(BOUND).satisfies(found ->
                assertThat(found).map(OrganizationInfo::name).contains("后到支部"));
        System.out.printf("awaitKnown: waited %d ms, %d ms of them after the record was sent%n",
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - produced));
    }

    @Test
    void awaitKnownAnswersEmptyAfterTheTimeoutForAnUnknownOrganization() {
        long started = System.nanoTime();

        Optional<OrganizationInfo> found = registry.awaitKnown(id("unknown"), Duration.ofMillis(500));

        assertThat(found).isEmpty();
        assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isBetween(500L, 5_000L);
    }

    private static String id(String kind) {
        return kind + "-" + UUID.randomUUID();
    }

    private static JdbcClient jdbc() {
        return service.getBean(JdbcClient.class);
    }

    private static void send(ProducerRecord<String, byte[]> record) {
        try {
            producer.send(record).get(BOUND.toSeconds(), TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("Kafka did not acknowledge a record", e);
        }
    }

    private static Properties producerProperties(String bootstrapServers) {
        Properties props = new Properties();
        props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        props.put(ProducerConfig.ACKS_CONFIG, "all");
        props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
        props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
        return props;
    }

    /**
     * The platform module has no logback-test.xml, and Logback's fallback logs everything at DEBUG:
     * the broker alone would write megabytes before Spring configures logging.
     */
    private static void quietBrokerLogs() {
        if (LoggerFactory.getILoggerFactory() instanceof LoggerContext logback) {
            logback.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).setLevel(Level.INFO);
            logback.getLogger("org.apache.kafka").setLevel(Level.WARN);
            logback.getLogger("kafka").setLevel(Level.WARN);
        }
    }
}
