package org.jingzhun.reporting;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** County-wide read models: consumes every event topic and answers totals. */
@SpringBootApplication
public class ReportingServiceApplication {

    /** Its own config name: the suite runs all four services from one classpath. */
    public static final String CONFIG_NAME = "reporting-service";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as {@link #main} starts it; tests start it the same way. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ReportingServiceApplication.class)
                .properties("spring.config.name=" + CONFIG_NAME);
    }
}
