package org.jingzhun.reporting;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.builder.SpringApplicationBuilder;

/** County-wide read models: consumes every event topic and answers totals. */
@SpringBootApplication
public class ReportingServiceApplication {

    /**
     * Its own config name, as the suite runs all four services from one classpath; {@code main} reads
     * {@code application} first, so an operator's {@code application.yml} (beside the jar, in {@code ./config/},
     * {@code SPRING_CONFIG_ADDITIONAL_LOCATION}) applies to every service and a {@code <service>.yml} to this one.
     */
    public static final String CONFIG_NAME = "reporting-service";

    public static void main(String[] args) {
        application().run(args);
    }

    /** The application as {@link #main} starts it; tests start it the same way. */
    public static SpringApplicationBuilder application() {
        return new SpringApplicationBuilder(ReportingServiceApplication.class)
                .properties("spring.config.name=application," + CONFIG_NAME);
    }
}
