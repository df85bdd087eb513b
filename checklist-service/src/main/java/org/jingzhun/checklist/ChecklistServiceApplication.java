package org.jingzhun.checklist;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Study sessions, notes, honor-room visits, research and the branch "ten ones". */
@SpringBootApplication
public class ChecklistServiceApplication {

    /** Its own config name: the suite runs all four services from one classpath. */
    public static final String CONFIG_NAME = "checklist-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(ChecklistServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
