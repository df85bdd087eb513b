package org.jingzhun.embedded;

import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
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
     * Starts PostgreSQL and Kafka side by side (neither needs the other). If one fails, the other is stopped again.
     *
     * @param dataDirectory the parent of the {@code postgres} and {@code kafka} data directories
     * @param postgresPort PostgreSQL's port, or {@code 0} for a free one
     * @param kafkaPort Kafka's client port, or {@code 0} for a free one
     * @param kafkaControllerPort Kafka's KRaft controller port, or {@code 0} for a free one
     * @return both servers, running
     */
    public static EmbeddedInfrastructure start(Path dataDirectory, int postgresPort, int kafkaPort, int kafkaControllerPort) {
        long startedAt = System.nanoTime();
        CompletableFuture<EmbeddedKafkaBroker> kafka = new CompletableFuture<>();
        Thread kafkaStarter = new Thread(() -> {
            try {
                kafka.complete(EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), kafkaPort, kafkaControllerPort));
            } catch (Throwable e) {
                kafka.completeExceptionally(e);
            }
        }, "kafka-start");
        kafkaStarter.start();
        EmbeddedPostgresServer postgres;
        try {
            postgres = EmbeddedPostgresServer.start(dataDirectory.resolve("postgres"), postgresPort);
        } catch (RuntimeException e) {
            kafka.thenAccept(EmbeddedKafkaBroker::close);
            throw e;
        }
        try {
            EmbeddedInfrastructure started = new EmbeddedInfrastructure(postgres, kafka.join());
            LOG.info("Embedded infrastructure started in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
            return started;
        } catch (CompletionException e) {
            RuntimeException failure = e.getCause() instanceof RuntimeException cause ? cause
                    : new IllegalStateException("Kafka did not start", e.getCause());
            try {
                postgres.close();
            } catch (RuntimeException suppressed) {
                failure.addSuppressed(suppressed);
            }
            throw failure;
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
