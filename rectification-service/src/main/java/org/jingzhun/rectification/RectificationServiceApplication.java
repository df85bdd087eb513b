package org.jingzhun.rectification;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** Problems found, their rectification lifecycle, deadlines, special rectifications and ledgers. */
@SpringBootApplication
public class RectificationServiceApplication {

    /** Its own config name: the suite runs all four services from one classpath. */
    public static final String CONFIG_NAME = "rectification-service";

    public static void main(String[] args) {
        new SpringApplicationBuilder(RectificationServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME)
                .run(args);
    }
}
