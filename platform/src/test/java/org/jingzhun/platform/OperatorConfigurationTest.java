package org.jingzhun.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.Banner;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

/**
 * A service reads {@code spring.config.name=application,<service>} (see the services' main classes): an
 * operator's {@code application.yml} beside the jar, in {@code ./config/} or in
 * {@code SPRING_CONFIG_ADDITIONAL_LOCATION} applies to every service, a {@code <service>.yml} there to
 * that service only and wins over the shared file; profiles work as in any Spring Boot application.
 */
class OperatorConfigurationTest {

    @TempDir
    Path operatorDirectory;

    @Configuration(proxyBeanMethods = false)
    static class Service {
    }

    @Test
    void readsTheOperatorsApplicationYmlAndTheServiceFileWinsOverIt() throws Exception {
        Files.writeString(operatorDirectory.resolve("application.yml"), """
                jingzhun:
                  shared: from-application
                  overridden: from-application
                """);
        Files.writeString(operatorDirectory.resolve("test-service.yml"), """
                jingzhun:
                  overridden: from-test-service
                """);
        Files.writeString(operatorDirectory.resolve("application-county.yml"), """
                jingzhun:
                  profiled: from-county-profile
                """);
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(Service.class)
                .web(WebApplicationType.NONE).bannerMode(Banner.Mode.OFF)
                .properties("spring.config.name=application,test-service",
                        "spring.config.additional-location=file:" + operatorDirectory + "/",
                        "spring.profiles.active=county")
                .run()) {
            assertThat(context.getEnvironment().getProperty("jingzhun.shared")).isEqualTo("from-application");
            assertThat(context.getEnvironment().getProperty("jingzhun.overridden")).isEqualTo("from-test-service");
            assertThat(context.getEnvironment().getProperty("jingzhun.profiled")).isEqualTo("from-county-profile");
        }
    }
}
