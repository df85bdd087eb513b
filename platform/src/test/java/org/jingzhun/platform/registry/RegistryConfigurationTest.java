package org.jingzhun.platform.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import org.flywaydb.core.api.Location;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.jingzhun.platform.projection.TransactionalProjector;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class RegistryConfigurationTest {

    @Test
    void staysOffUnlessAServiceEnablesIt() {
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(RegistryConfiguration.class))
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(context).doesNotHaveBean(OrganizationRegistry.class);
                    assertThat(context).doesNotHaveBean(TransactionalProjector.class);
                });
    }

    @Test
    void appendsTheReplicaMigrationsToTheServicesLocationsOnce() {
        FluentConfiguration flyway = new FluentConfiguration()
                .locations("classpath:db/jingzhun-platform", "classpath:db/checklist-service");
        var customizer = new RegistryConfiguration().registryMigrations();

        customizer.customize(flyway);
        customizer.customize(flyway);

        // Flyway keeps its locations in its own order; what matters is that each is there, once.
        assertThat(Arrays.stream(flyway.getLocations()).map(Location::getDescriptor)).containsExactlyInAnyOrder(
                "classpath:db/jingzhun-platform", "classpath:db/checklist-service", "classpath:db/jingzhun-registry");
    }
}
