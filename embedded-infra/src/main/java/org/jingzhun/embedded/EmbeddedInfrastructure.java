package org.jingzhun.embedded;

import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * PostgreSQL and Kafka started together under one data directory: {@code <dir>/postgres} and
 * {@code <dir>/kafka}. Both keep their data across restarts.
 *
 * <p>Close the applications that use them (Spring contexts, service processes) first, then this.
 */
public final class EmbeddedInfrastructure implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

    private final EmbeddedPostgresServer postgres;
    private final EmbeddedKafkaBroker kafka;

    private EmbeddedInfrastructure(EmbeddedPostgresServer postgres, EmbeddedKafkaBroker kafka) {
        this.postgres = postgres;
        this.kafka = kafka;
    }

    /**
     * Starts PostgreSQL, then Kafka. If Kafka fails to start, PostgreSQL is stopped again.
     *
     * @param dataDirectory the parent of the {@code postgres} and {@code kafka} data directories
     * @param postgresPort PostgreSQL's port, or {@code 0} for a free one
     * @param kafkaPort Kafka's client port, or {@code 0} for a free one
     * @param kafkaControllerPort Kafka's KRaft controller port, or {@code 0} for a free one
     * @return both servers, running
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, int postgresPort, int kafkaPort, int kafkaControllerPort) {
        long startedAt = System.nanoTime();
        EmbeddedPostgresServer postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort);
        try {
            EmbeddedKafkaBroker kafka = EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), kafkaPort, kafkaControllerPort);
            LOG.info("Embedded infrastructure started in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
            return new EmbeddedInfrastructure(postgres, kafka);
        } catch (RuntimeException e) {
            try {
                postgres.close();
            } catch (RuntimeException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /**
     * Starts both servers on free ports.
     *
     * @param dataDirectory the parent of the {@code postgres} and {@code kafka} data directories
     * @return both servers, running
     */
    public static EmbeddedInfrastructure start(Path dataDirectory) {
        return start(dataDirectory, 0, 0, 0);
    }

    /** @return the PostgreSQL server */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    /** @return the Kafka broker */
    public EmbeddedKafkaBroker kafka() {
        return kafka;
    }

    /** Stops Kafka, then PostgreSQL; the second is stopped even if the first fails. Idempotent. */
    @Override
    public void close() {
        try {
            kafka.close();
        } finally {
            postgres.close();
        }
    }
}
