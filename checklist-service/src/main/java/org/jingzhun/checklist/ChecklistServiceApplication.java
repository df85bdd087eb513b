package org.jingzhun.checklist;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Study sessions, notes, honor-room visits, research and the branch "ten ones". */
@SpringBootApplication
public class ChecklistServiceApplication {

    /**
     * Its own config name, as the suite runs all four services from one classpath; {@code main} reads
     * {@code application} first, so an operator's {@code application.yml} (beside the jar, in {@code ./config/},
     * {@code SPRING_CONFIG_ADDITIONAL_LOCATION}) applies to every service and a {@code <service>.yml} to this one.
     */
    public static final String CONFIG_NAME = "checklist-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=application," + CONFIG_NAME)
                .run(args);
    }
}
