package org.jingzhun.platform;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Defaults every service shares, at the lowest precedence, so a service's {@code application.yml}
 * or an environment variable can still override each of them.
 */
public class PlatformDefaults implements EnvironmentPostProcessor {

    static Map<String, Object> defaults() {
        Map<String, Object> d = new LinkedHashMap<>();
        // No Axon Server: the event store is PostgreSQL through Axon's JDBC engine.
        d.put("axon.axonserver.enabled", "false");
        // Jackson everywhere; XStream is not on the classpath at all.
        d.put("axon.serializer.general", "jackson");
        d.put("axon.serializer.events", "jackson");
        d.put("axon.serializer.messages", "jackson");
        d.put("axon.metrics.micrometer.dimensional", "true");
        // Axon 4.13 reports usage to axoniq.io at start-up; a county's network may be closed, and
        // nothing of ours calls out.
        d.put("axon.update-check.disabled", "true");
        // Axon 4.11+ wraps every command, event handler and unit of work in a watchdog (AxonTimeLimitedTask)
        // that interrupts it after 60 s; each start takes a Thread.getStackTrace() to name the caller: ~10 % of
        // the Kafka inbox thread's CPU, several per command. Our handlers are short database work, bounded by
        // the pool's and PostgreSQL's own timeouts; set it to true to get the watchdog back.
        d.put("axon.timeout.enabled", "false");
        // Flyway owns every table: the platform's (Axon, idempotency, projector) and the service's own.
        d.put("spring.flyway.locations", "classpath:db/jingzhun-platform,classpath:db/${jingzhun.service-name}");
        // Two version lines share one history: the platform's V1_x and the service's V2_x. A platform
        // migration added later (V1_20) sorts below a service's applied V2_x and must still be applied to
        // an existing database instead of failing validation.
        d.put("spring.flyway.out-of-order", "true");
        // A command's or an inbox batch's events are one JDBC batch of INSERTs into the event store (Axon);
        // pgjdbc then sends them as multi-row INSERTs (up to 128 rows each), one execution instead of one per
        // event. Axon does not read the batch's update counts (which become SUCCESS_NO_INFO).
        d.put("spring.datasource.hikari.data-source-properties.reWriteBatchedInserts", "true");
        // Kafka is Boot's spring.kafka.*; the older JINGZHUN_KAFKA_BOOTSTRAP_SERVERS still names the brokers
        // when SPRING_KAFKA_BOOTSTRAP_SERVERS (or spring.kafka.bootstrap-servers) is not set.
        d.put("spring.kafka.bootstrap-servers", "${jingzhun.kafka.bootstrap-servers:localhost:9092}");
        d.put("management.endpoints.web.exposure.include", "health,prometheus");
        d.put("management.endpoint.health.probes.enabled", "true");
        d.put("management.metrics.tags.service", "${jingzhun.service-name}");
        // Latency percentiles per service in Grafana need the HTTP timer's histogram buckets.
        d.put("management.metrics.distribution.percentiles-histogram.http.server.requests", "true");
        d.put("spring.jackson.default-property-inclusion", "non_null");
        d.put("spring.jackson.deserialization.fail-on-unknown-properties", "true");
        d.put("server.shutdown", "graceful");
        // A body refused before it is read (413 above jingzhun.web.max-body-size, a refused path) is
        // still read to its end, up to this size, before Tomcat answers and closes: a connection closed
        // with unread bytes is reset, and the client may lose the answer (docs/reliability.md, finding 6).
        // Tomcat's default, 2 MiB, is barely above our 1 MiB limit.
        d.put("server.tomcat.max-swallow-size", "64MB");
        // Only the organization service issues tokens, and it configures Spring Authorization Server
        // itself (accounts as clients, a persistent key). Boot's defaults would give every service of
        // the suite's shared classpath a random signing key and a second token decoder.
        d.put("spring.autoconfigure.exclude", String.join(",",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerAutoConfiguration",
                "org.springframework.boot.autoconfigure.security.oauth2.server.servlet.OAuth2AuthorizationServerJwtAutoConfiguration"));
        return d;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        environment.getPropertySources().addLast(new MapPropertySource("jingzhunPlatformDefaults", defaults()));
    }
}
