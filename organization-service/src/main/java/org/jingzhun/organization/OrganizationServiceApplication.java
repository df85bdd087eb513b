package org.jingzhun.organization;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Campaigns, the guidance plan, the organization tree and members. */
@SpringBootApplication
public class OrganizationServiceApplication {

    /** Its own config name: the suite runs all four services from one classpath. */
    public static final String CONFIG_NAME = "organization-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrganizationServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
