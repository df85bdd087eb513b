package org.jingzhun.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Exit;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.properties.MetaProperties;
import org.apache.kafka.metadata.properties.MetaPropertiesEnsemble;
import org.apache.kafka.metadata.properties.PropertiesUtils;
import org.apache.kafka.metadata.storage.Formatter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real single-node Kafka broker, run in-process from Kafka's own server classes in KRaft combined
 * mode (broker and controller in one node, a static quorum of one voter).
 *
 * <p>The storage directory is formatted (cluster id and {@code meta.properties}, like
 * {@code kafka-storage.sh format}) on the first start only; later starts reuse it, so topics and
 * records survive restarts, even on other ports. Both listeners bind to {@code 127.0.0.1} without
 * authentication, unless the client listener is asked to require SASL/PLAIN. Topics are never created automatically and keep records forever by default.
 *
 * <p>One instance owns its directory (a file lock, held until {@link #close()}). After a clean close
 * the next start takes about a second; after the JVM was killed, the restarted controller still
 * remembers the old broker registration and the start waits for its session to expire
 * ({@code broker.session.timeout.ms}, 9 s by default) — some 15 s in all.
 *
 * <p>Starting a broker replaces Kafka's {@link Exit} procedures for the whole JVM: a fatal broker
 * error is logged instead of exiting or halting the process.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final int NODE_ID = 1;
    private static final String CONTROLLER_LISTENER = "CONTROLLER";
    private static final String OWNER_LOCK_FILE = "embedded-kafka.lock";
    private static final AtomicBoolean EXIT_PROCEDURES_INSTALLED = new AtomicBoolean();

    private final KafkaRaftServer server;
    private final FileChannel ownerLock;
    private final Path dataDirectory;
    private final String clusterId;
    private final int port;
    private final int controllerPort;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedKafkaBroker(KafkaRaftServer server, FileChannel ownerLock, Path dataDirectory, String clusterId, int port,
            int controllerPort) {
        this.server = server;
        this.ownerLock = ownerLock;
        this.dataDirectory = dataDirectory;
        this.clusterId = clusterId;
        this.port = port;
        this.controllerPort = controllerPort;
    }

    /**
     * Starts the broker, formatting {@code dataDirectory} first if it was never formatted, and returns
     * once the broker has joined the cluster and accepts clients.
     *
     * @param dataDirectory the log and metadata directory; created if missing
     * @param port the client (PLAINTEXT) port on 127.0.0.1, or {@code 0} for a free one
     * @param controllerPort the KRaft controller port on 127.0.0.1, or {@code 0} for a free one
     * @return the running broker
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory, int port, int controllerPort) {
        return start(dataDirectory, port, controllerPort, Map.of());
    }

    /**
     * Starts a broker whose client listener requires SASL/PLAIN ({@code SASL_PLAINTEXT}) when users are
     * given, as a secured cluster would: for tests that clients connect to it by configuration alone.
     *
     * @param saslPlainUsers user name → password of the accounts the client listener accepts; empty for
     *                       the usual unauthenticated {@code PLAINTEXT} listener
     * @see #start(Path, int, int)
     */
    public static EmbeddedKafkaBroker start(Path dataDirectory, int port, int controllerPort,
                                            Map<String, String> saslPlainUsers) {
        long startedAt = System.nanoTime();
        installExitProcedures();
        Path directory = dataDirectory.toAbsolutePath();
        FileChannel ownerLock = lock(directory);
        KafkaRaftServer server = null;
        try {
            int[] ports = FreePorts.resolve(port, controllerPort);
            KafkaConfig config = new KafkaConfig(config(directory, ports[0], ports[1], saslPlainUsers), false);
            String clusterId = formatIfNeeded(directory);
            server = new KafkaRaftServer(config, Time.SYSTEM);
            server.startup();
            LOG.info("Kafka broker running on 127.0.0.1:{} (controller :{}) with data in {}, started in {} ms",
                    ports[0], ports[1], directory, millisSince(startedAt));
            return new EmbeddedKafkaBroker(server, ownerLock, directory, clusterId, ports[0], ports[1]);
        } catch (RuntimeException e) {
            try {
                if (server != null) {
                    server.shutdown();
                    server.awaitShutdown();
                }
                ownerLock.close();
            } catch (RuntimeException | IOException suppressed) {
                e.addSuppressed(suppressed);
            }
            throw e;
        }
    }

    /** @return {@code 127.0.0.1:<port>}, for the clients' {@code bootstrap.servers} */
    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    /** @return the client port */
    public int port() {
        return port;
    }

    /** @return the KRaft controller port */
    public int controllerPort() {
        return controllerPort;
    }

    /** @return the absolute data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** @return the cluster id written when the storage was formatted */
    public String clusterId() {
        return clusterId;
    }

    /** Shuts the broker down (controlled shutdown, logs flushed and closed) and waits for it. Idempotent. */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            long stoppingAt = System.nanoTime();
            server.shutdown();
            server.awaitShutdown();
            try {
                ownerLock.close();
            } catch (IOException e) {
                LOG.warn("Could not release the lock on {}", dataDirectory, e);
            }
            LOG.info("Kafka broker stopped in {} ms ({})", millisSince(stoppingAt), dataDirectory);
        }
    }

    /**
     * Kafka locks the log directory only when the broker part starts, after the controller part has
     * opened the metadata log in the same directory; a second instance on one directory would touch
     * that log first. Lock the directory for the whole life of this broker instead.
     */
    private static FileChannel lock(Path directory) {
        try {
            Files.createDirectories(directory);
            FileChannel channel = FileChannel.open(directory.resolve(OWNER_LOCK_FILE), StandardOpenOption.CREATE,
                    StandardOpenOption.WRITE);
            try {
                if (channel.tryLock() == null) {
                    channel.close();
                    throw new IllegalStateException("Kafka data directory " + directory + " is in use by another process");
                }
            } catch (OverlappingFileLockException e) {
                channel.close();
                throw new IllegalStateException("Kafka data directory " + directory + " is in use in this JVM", e);
            }
            return channel;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not lock Kafka data directory " + directory, e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static Map<String, String> config(Path directory, int port, int controllerPort,
                                              Map<String, String> saslPlainUsers) {
        Map<String, String> config = new HashMap<>();
        // KRaft combined mode: this single node is both the broker and the only controller (static quorum).
        config.put("process.roles", "broker,controller");
        config.put("node.id", String.valueOf(NODE_ID));
        config.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
        config.put("controller.listener.names", CONTROLLER_LISTENER);
        // Loopback only: the broker is for this machine's processes.
        config.put("listeners", "PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
        config.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
        config.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
        config.put("inter.broker.listener.name", "PLAINTEXT");
        if (!saslPlainUsers.isEmpty()) {
            // Clients must authenticate (SASL/PLAIN); the broker talks to itself as one more account.
            String brokerPassword = Uuid.randomUuid().toString();
            StringBuilder jaas = new StringBuilder("org.apache.kafka.common.security.plain.PlainLoginModule required")
                    .append(" username=\"broker\" password=\"").append(brokerPassword).append('"')
                    .append(" user_broker=\"").append(brokerPassword).append('"');
            saslPlainUsers.forEach((user, password) ->
                    jaas.append(" user_").append(user).append("=\"").append(password).append('"'));
            config.put("listeners", "SASL_PLAINTEXT://127.0.0.1:" + port + "," + CONTROLLER_LISTENER + "://127.0.0.1:" + controllerPort);
            config.put("advertised.listeners", "SASL_PLAINTEXT://127.0.0.1:" + port);
            config.put("listener.security.protocol.map", "SASL_PLAINTEXT:SASL_PLAINTEXT," + CONTROLLER_LISTENER + ":PLAINTEXT");
            config.put("inter.broker.listener.name", "SASL_PLAINTEXT");
            config.put("sasl.enabled.mechanisms", "PLAIN");
            config.put("sasl.mechanism.inter.broker.protocol", "PLAIN");
            config.put("listener.name.sasl_plaintext.plain.sasl.jaas.config", jaas.append(';').toString());
        }
        // Logs and the cluster metadata log live in the one data directory.
        config.put("log.dirs", directory.toString());
        // One broker: internal topics cannot have more than one replica.
        config.put("offsets.topic.replication.factor", "1");
        config.put("transaction.state.log.replication.factor", "1");
        config.put("transaction.state.log.min.isr", "1");
        // Nobody else will join a consumer group in the next 3 s; do not make the first consumer wait.
        config.put("group.initial.rebalance.delay.ms", "0");
        // Topics are created explicitly (partitions, retention) and waited for; see ARCHITECTURE.md.
        config.put("auto.create.topics.enable", "false");
        // Events are kept forever: the reporting service replays topics from the beginning.
        config.put("log.retention.ms", "-1");
        // A single broker has no replica to recover from: fsync every append before acknowledging it,
        // so an acknowledged event survives a power loss too (the relay moves on once acknowledged).
        config.put("log.flush.interval.messages", "1");
        // The log cleaner (compacted topics: consumer offsets, transaction state) allocates
        // its whole dedupe buffer on the heap when it starts: 128 MB by default, sized for brokers holding
        // millions of keys. Ours hold thousands; 16 MB still dedupes ~700,000 keys per pass.
        config.put("log.cleaner.dedupe.buffer.size", String.valueOf(16 * 1024 * 1024));
        return config;
    }

    /**
     * Formats the storage like {@code kafka-storage.sh format} unless {@code meta.properties} exists
     * (the formatter writes it last), and returns the cluster id.
     */
    private static String formatIfNeeded(Path directory) {
        Path metaProperties = directory.resolve(MetaPropertiesEnsemble.META_PROPERTIES_NAME);
        try {
            if (!Files.exists(metaProperties)) {
                String clusterId = Uuid.randomUuid().toString();
                ByteArrayOutputStream output = new ByteArrayOutputStream();
                new Formatter()
                        .setPrintStream(new PrintStream(output, true, StandardCharsets.UTF_8))
                        .setNodeId(NODE_ID)
                        .setClusterId(clusterId)
                        .setControllerListenerName(CONTROLLER_LISTENER)
                        .setMetadataLogDirectory(directory.toString())
                        .addDirectory(directory.toString())
                        .run();
                LOG.info("Formatted Kafka storage with cluster id {}: {}", clusterId, output.toString(StandardCharsets.UTF_8).trim());
            }
            return new MetaProperties.Builder(PropertiesUtils.readPropertiesFile(metaProperties.toString()))
                    .build()
                    .clusterId()
                    .orElseThrow();
        } catch (IOException e) {
            throw new UncheckedIOException("Could not format Kafka storage in " + directory, e);
        } catch (Exception e) {
            throw new IllegalStateException("Could not format Kafka storage in " + directory, e);
        }
    }

    /** Kafka calls these on fatal errors; the default would exit or halt the whole JVM (suite, services, PostgreSQL owner). */
    private static void installExitProcedures() {
        if (EXIT_PROCEDURES_INSTALLED.compareAndSet(false, true)) {
            Exit.setExitProcedure((status, message) -> LOG.error(
                    "Kafka asked to exit the JVM with status {} ({}); ignored", status, message, new Throwable("exit requested here")));
            Exit.setHaltProcedure((status, message) -> LOG.error(
                    "Kafka asked to halt the JVM with status {} ({}); ignored", status, message, new Throwable("halt requested here")));
        }
    }
}
