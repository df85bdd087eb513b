package org.jingzhun.platform.registry;

import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import javax.sql.DataSource;
import org.flywaydb.core.api.Location;
import org.jingzhun.contracts.Topics;
import org.jingzhun.platform.JingzhunProperties;
import org.jingzhun.platform.kafka.KafkaClients;
import org.jingzhun.platform.kafka.KafkaSettings;
import org.jingzhun.platform.projection.ProjectorSettings;
import org.jingzhun.platform.projection.RecordDecoder;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.flyway.FlywayConfigurationCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.jingzhun.platform.security.OrganizationSubtree;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the organization registry replica for a service that sets {@code jingzhun.registry.enabled=true}:
 * the {@link OrganizationRegistry}, the projector that feeds it from {@link Topics#ORGANIZATION_EVENTS},
 * and the replica's Flyway migrations.
 */
@AutoConfiguration
@ConditionalOnProperty(prefix = "jingzhun.registry", name = "enabled", havingValue = "true")
@EnableConfigurationProperties({RegistryProperties.class, KafkaSettings.class, JingzhunProperties.class,
        ProjectorSettings.class})
public class RegistryConfiguration {

    /** Where the replica's tables are created: added to the service's Flyway locations. */
    public static final String MIGRATIONS = "classpath:db/jingzhun-registry";

    /** The projector's name, its consumer group and the key of its stored offsets: {@code <service>-registry}. */
    public static String projectorName(String serviceName) {
        return serviceName + "-registry";
    }

    @Bean
    Arrivals registryArrivals(JdbcClient jdbc) {
        return new Arrivals(jdbc);
    }

    /** Wakes this instance's waiters for what any instance's replica projector committed. */
    @Bean
    ArrivalsListener registryArrivalsListener(DataSource dataSource, Arrivals arrivals) {
        return new ArrivalsListener(dataSource, arrivals);
    }

    @Bean
    @ConditionalOnMissingBean
    OrganizationRegistry organizationRegistry(JdbcClient jdbc, Arrivals arrivals, RegistryProperties properties) {
        return new JdbcOrganizationRegistry(jdbc, arrivals, properties.awaitTimeout());
    }

    /** The replica's tree, for {@link org.jingzhun.platform.security.Scope}: a secretary's subtree. */
    @Bean
    OrganizationSubtree registrySubtree(OrganizationRegistry registry) {
        return registry::within;
    }

    /**
     * The replica's own projector: own consumer group and stored offsets, so it can be rebuilt alone.
     * Records are decoded without a JSON Schema check (the schema validator is not a platform
     * dependency); a record Jackson maps but the tables reject (a missing field) is dead-lettered.
     */
    @Bean
    TransactionalProjector organizationRegistryProjector(JingzhunProperties jingzhun, JdbcClient jdbc,
                                                         Arrivals arrivals, KafkaClients kafka,
                                                         TransactionTemplate transactions, MeterRegistry meters,
                                                         ProjectorSettings settings) {
        return new TransactionalProjector(projectorName(jingzhun.serviceName()), List.of(Topics.ORGANIZATION_EVENTS),
                List.of(new RegistryProjection(jdbc, arrivals)), List.of(), new RecordDecoder((type, json) -> { }),
                kafka, jdbc, transactions, meters, settings);
    }

    /**
     * Appends the replica's migrations to whatever locations the service configured (the platform's
     * defaults or its own {@code spring.flyway.locations}), so enabling the replica is one property.
     * Boot applies customizers after the properties.
     */
    @Bean
    FlywayConfigurationCustomizer registryMigrations() {
        return configuration -> {
            List<Location> locations = new ArrayList<>(Arrays.asList(configuration.getLocations()));
            Location registry = new Location(MIGRATIONS);
            if (locations.stream().noneMatch(location -> location.getDescriptor().equals(registry.getDescriptor()))) {
                locations.add(registry);
                configuration.locations(locations.toArray(Location[]::new));
            }
        };
    }
}
