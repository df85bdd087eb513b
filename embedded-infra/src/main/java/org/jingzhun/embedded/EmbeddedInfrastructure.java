package org.jingzhun.embedded;

import java.nio.file.Path;
import java.util.concurrent.Callable;
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

    private final SideBySide<EmbeddedKafkaBroker> servers;

    private EmbeddedInfrastructure(SideBySide<EmbeddedKafkaBroker> servers) {
        this.servers = servers;
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
        SideBySide<EmbeddedKafkaBroker> started = startSideBySide(dataDirectory.resolve("postgres"), postgresPort,
                () -> EmbeddedKafkaBroker.start(dataDirectory.resolve("kafka"), kafkaPort, kafkaControllerPort));
        LOG.info("Embedded infrastructure started in {} ms", (System.nanoTime() - startedAt) / 1_000_000);
        return new EmbeddedInfrastructure(started);
    }

    /** PostgreSQL and a broker, both running, as {@link #startSideBySide} leaves them. */
    public record SideBySide<B extends AutoCloseable>(EmbeddedPostgresServer postgres, B broker)
            implements AutoCloseable {

        /**
         * Stops the broker, then PostgreSQL; the second is stopped even if the first fails. Idempotent when both
         * servers' own {@code close} are.
         */
        @Override
        public void close() {
            try {
                broker.close();
            } catch (RuntimeException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("the broker did not stop cleanly", e);
            } finally {
                postgres.close();
            }
        }
    }

    /**
     * Starts PostgreSQL on the calling thread and a Kafka broker beside it, on a thread of its own (neither needs the
     * other): whatever {@code startBroker} starts — the tests' broker in this JVM, the suite's in a JVM of its own.
     * If either fails, the one that did start is stopped again and the failure thrown (PostgreSQL's first, the
     * broker's suppressed in it when both failed).
     *
     * @param postgresDirectory PostgreSQL's data directory
     * @param postgresPort      its port, or {@code 0} for a free one
     * @param startBroker       starts the broker and returns it running
     */
    public static <B extends AutoCloseable> SideBySide<B> startSideBySide(Path postgresDirectory, int postgresPort,
                                                                          Callable<B> startBroker) {
        CompletableFuture<B> starting = new CompletableFuture<>();
        Thread brokerStarter = new Thread(() -> {
            try {
                starting.complete(startBroker.call());
            } catch (Throwable e) {
                starting.completeExceptionally(e);
            }
        }, "kafka-start");
        brokerStarter.start();
        EmbeddedPostgresServer postgres = null;
        RuntimeException failed = null;
        try {
            postgres = EmbeddedPostgresServer.start(postgresDirectory, postgresPort);
        } catch (RuntimeException e) {
            failed = e;
        }
        B broker = null;
        try {
            broker = starting.join();
        } catch (CompletionException e) {
            RuntimeException cause = e.getCause() instanceof RuntimeException runtime ? runtime
                    : new IllegalStateException("Kafka did not start", e.getCause());
            if (failed == null) {
                failed = cause;
            } else {
                failed.addSuppressed(cause);
            }
        }
        if (failed != null) {
            closeInto(broker, failed);
            closeInto(postgres, failed);
            throw failed;
        }
        return new SideBySide<>(postgres, broker);
    }

    /** Closes what started, if anything; a failure to close is kept with the failure being thrown. */
    private static void closeInto(AutoCloseable started, RuntimeException failure) {
        if (started == null) {
            return;
        }
        try {
            started.close();
        } catch (Exception e) {
            failure.addSuppressed(e);
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
        return servers.postgres();
    }

    /** @return the Kafka broker */
    public EmbeddedKafkaBroker kafka() {
        return servers.broker();
    }

    /** Stops Kafka, then PostgreSQL; the second is stopped even if the first fails. Idempotent. */
    @Override
    public void close() {
        servers.close();
    }
}
