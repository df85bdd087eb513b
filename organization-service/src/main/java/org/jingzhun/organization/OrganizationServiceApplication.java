package org.jingzhun.organization;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Campaigns, the guidance plan, the organization tree and members. */
@SpringBootApplication
public class OrganizationServiceApplication {

    /**
     * Its own config name, as the suite runs all four services from one classpath; {@code main} reads
     * {@code application} first, so an operator's {@code application.yml} (beside the jar, in {@code ./config/},
     * {@code SPRING_CONFIG_ADDITIONAL_LOCATION}) applies to every service and a {@code <service>.yml} to this one.
     */
    public static final String CONFIG_NAME = "organization-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrganizationServiceApplication.class)
                .properties("spring.config.name=application," + CONFIG_NAME)
                .run(args);
    }
}
