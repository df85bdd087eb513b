package org.jingzhun.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.jingzhun.embedded.FreePorts;
import org.jingzhun.embedded.KafkaBrokerMain;
import org.jingzhun.platform.StopWhenInputEnds;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The embedded suite as {@code suite/} starts it — PostgreSQL, Kafka and the four services — but each
 * piece in a child process of its own whose lifetime the fault suite controls: PostgreSQL and Kafka
 * through {@link InfraMain} and {@link KafkaBrokerMain}, the services from this module's classpath. Ports stay fixed for the
 * whole run, so that a restarted piece is found where the others expect it.
 */
final class Cluster implements AutoCloseable {

    static final String ADMIN_PASSWORD = "fault-suite-admin-password";
    private static final Duration INFRA_START = Duration.ofMinutes(3);
    private static final Duration SERVICE_START = Duration.ofMinutes(4);
    private static final List<String> SERVICE_JVM = List.of("-Xmx384m", "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

    private final Path dataDir;
    private final PrintStream log;
    private final int postgresPort;
    private final int kafkaPort;
    private final int kafkaControllerPort;
    private final Map<Service, Integer> ports = new EnumMap<>(Service.class);
    private final Map<Service, Child> services = new EnumMap<>(Service.class);
    private final Map<Service, List<String>> extraArguments = new EnumMap<>(Service.class);
    private final List<Child> extraReporting = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private Child postgres;
    private Child kafka;

    Cluster(Path dataDir, PrintStream log) {
        this.dataDir = dataDir;
        this.log = log;
        int[] free = FreePorts.resolve(0, 0, 0, 0, 0, 0, 0);
        postgresPort = free[0];
        kafkaPort = free[1];
        kafkaControllerPort = free[2];
        for (Service service : Service.values()) {
            ports.put(service, free[3 + service.ordinal()]);
        }
    }

    /** Extra {@code --name=value} arguments for a service's next starts (set before {@link #start()}). */
    void configure(Service service, String... arguments) {
        extraArguments.computeIfAbsent(service, s -> new ArrayList<>()).addAll(List.of(arguments));
    }

    void start() throws IOException, InterruptedException {
        Files.createDirectories(dataDir);
        startPostgres();
        for (Service service : Service.values()) {
            createDatabase(service.database());
        }
        startKafka();
        for (Service service : Service.values()) {
            startService(service);
        }
        for (Service service : Service.values()) {
            awaitReady(service);
        }
    }

    // ---- PostgreSQL

    void startPostgres() throws IOException, InterruptedException {
        postgres = Child.start("postgres", List.of("-Xmx64m"), InfraMain.class.getName(),
                List.of("postgres", dataDir.resolve("postgres").toString(), Integer.toString(postgresPort)), Map.of(), log);
        postgres.awaitReady(INFRA_START);
    }

    /**
     * A crash of the database server: SIGQUIT to the postmaster (what {@code pg_ctl stop -m immediate}
     * sends: every backend exits at once, no checkpoint, recovery from the WAL at the next start), then
     * the JVM that started it is killed too.
     */
    void crashPostgres() throws IOException, InterruptedException {
        long postmaster = postmasterPid().orElseThrow(() -> new IllegalStateException("no postmaster.pid"));
        Signals.send("QUIT", postmaster);
        Optional<ProcessHandle> handle = ProcessHandle.of(postmaster);
        if (handle.isPresent()) {
            try {
                handle.get().onExit().get(60, java.util.concurrent.TimeUnit.SECONDS);
            } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("postmaster " + postmaster + " did not exit on SIGQUIT", e);
            }
        }
        postgres.kill9();
    }

    private Optional<Long> postmasterPid() throws IOException {
        Path pidFile = dataDir.resolve("postgres").resolve("postmaster.pid");
        if (!Files.exists(pidFile)) {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(Files.readAllLines(pidFile).get(0).trim()));
    }

    DataSource database(String name) {
        PGSimpleDataSource dataSource = new PGSimpleDataSource();
        dataSource.setServerNames(new String[] {"127.0.0.1"});
        dataSource.setPortNumbers(new int[] {postgresPort});
        dataSource.setDatabaseName(name);
        dataSource.setUser("postgres");
        return dataSource;
    }

    private void createDatabase(String name) {
        try (Connection connection = database("postgres").getConnection();
             var exists = connection.prepareStatement("SELECT 1 FROM pg_database WHERE datname = ?")) {
            exists.setString(1, name);
            if (!exists.executeQuery().next()) {
                connection.createStatement().execute("CREATE DATABASE \"" + name + "\"");
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create database " + name, e);
        }
    }

    // ---- Kafka

    void startKafka() throws IOException, InterruptedException {
        kafka = Child.start("kafka", List.of("-Xmx512m"), KafkaBrokerMain.class.getName(), List.of(
                dataDir.resolve("kafka").toString(), Integer.toString(kafkaPort), Integer.toString(kafkaControllerPort)),
                Map.of(), log);
        kafka.awaitReady(INFRA_START);
    }

    /** The broker's JVM killed with SIGKILL: no clean shutdown, no flush beyond what the OS has. */
    void killKafka() throws InterruptedException {
        kafka.kill9();
    }

    String bootstrapServers() {
        return "127.0.0.1:" + kafkaPort;
    }

    // ---- services

    void startService(Service service) throws IOException {
        services.put(service, Child.start(service.shortName, SERVICE_JVM, service.mainClass, arguments(service, ports.get(service)),
                Map.of("JINGZHUN_ADMIN_PASSWORD", ADMIN_PASSWORD, StopWhenInputEnds.ENV, "true"), log));
    }

    void awaitReady(Service service) throws InterruptedException {
        awaitReady(service.shortName, ports.get(service), services.get(service));
    }

    private void awaitReady(String name, int port, Child child) throws InterruptedException {
        long deadline = System.nanoTime() + SERVICE_START.toNanos();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            if (!child.alive()) {
                throw new IllegalStateException(name + " exited while starting (see the log)");
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            // Polling the health endpoint: there is no other signal that a child JVM is ready.
            Thread.sleep(250);
        }
        throw new IllegalStateException(name + " not ready on port " + port + " after " + SERVICE_START);
    }

    void kill9(Service service) throws InterruptedException {
        services.get(service).kill9();
    }

    void restart(Service service) throws IOException, InterruptedException {
        startService(service);
        awaitReady(service);
    }

    void signal(Service service, String signal) throws IOException, InterruptedException {
        services.get(service).signal(signal);
    }

    /** Another reporting instance (same database, same consumer group) on a port of its own. */
    int startExtraReporting() throws IOException, InterruptedException {
        int port = FreePorts.resolve(0)[0];
        Child child = Child.start("reporting-" + (extraReporting.size() + 2), SERVICE_JVM, Service.REPORTING.mainClass,
                arguments(Service.REPORTING, port), Map.of("JINGZHUN_ADMIN_PASSWORD", ADMIN_PASSWORD), log);
        extraReporting.add(child);
        awaitReady(child.name(), port, child);
        return port;
    }

    void stopExtraReporting() throws InterruptedException {
        for (Child child : extraReporting) {
            child.stop(Duration.ofSeconds(30));
        }
        extraReporting.clear();
    }

    URI uri(Service service) {
        return URI.create("http://localhost:" + ports.get(service));
    }

    private List<String> arguments(Service service, int port) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + port,
                "--spring.datasource.url=jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + service.database(),
                "--spring.datasource.username=postgres",
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + bootstrapServers(),
                "--jingzhun.jwt.jwk-set-uri=" + uri(Service.ORGANIZATION) + "/oauth2/jwks"));
        if (service == Service.REPORTING) {
            arguments.add("--jingzhun.dashboard.rectification-url=" + uri(Service.RECTIFICATION));
            arguments.add("--jingzhun.dashboard.organization-url=" + uri(Service.ORGANIZATION));
        } else {
            arguments.add("--spring.web.resources.static-locations=classpath:/META-INF/resources/");
        }
        arguments.addAll(extraArguments.getOrDefault(service, List.of()));
        return arguments;
    }

    /** Services first (SIGTERM), then Kafka and PostgreSQL. */
    @Override
    public void close() {
        try {
            stopExtraReporting();
            for (Child child : services.values()) {
                child.stop(Duration.ofSeconds(20));
            }
            if (kafka != null) {
                kafka.stop(Duration.ofSeconds(30));
            }
            if (postgres != null) {
                postgres.stop(Duration.ofSeconds(60));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
