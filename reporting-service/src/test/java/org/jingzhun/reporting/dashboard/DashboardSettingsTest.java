package org.jingzhun.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class DashboardSettingsTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(DashboardConfiguration.class);

    @Test
    void defaultsToTheRectificationServiceOnItsEmbeddedPort() {
        context.run(app -> {
            DashboardSettings settings = app.getBean(DashboardSettings.class);
            assertThat(settings.rectificationUrl()).isEqualTo(URI.create("http://localhost:8083"));
            assertThat(settings.connectTimeout()).isEqualTo(Duration.ofSeconds(2));
            assertThat(settings.ledgerTimeout()).isEqualTo(Duration.ofSeconds(60));
            assertThat(settings.dueSoon()).isEqualTo(Duration.ofDays(7));
        });
    }

    /** As docker-compose and the suite set it; Boot maps environment names only from a "…systemEnvironment" source. */
    @Test
    void takesTheRectificationUrlFromTheEnvironment() {
        context.withInitializer(app -> app.getEnvironment().getPropertySources().addFirst(
                        new SystemEnvironmentPropertySource("test-systemEnvironment", Map.of(
                                "JINGZHUN_DASHBOARD_RECTIFICATIONURL", "http://rectification-service:8083",
                                "JINGZHUN_DASHBOARD_DUESOON", "3d"))))
                .run(app -> {
                    DashboardSettings settings = app.getBean(DashboardSettings.class);
                    assertThat(settings.rectificationUrl()).isEqualTo(URI.create("http://rectification-service:8083"));
                    assertThat(settings.dueSoon()).isEqualTo(Duration.ofDays(3));
                });
    }
}
