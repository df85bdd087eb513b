package org.jingzhun.suite;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.jingzhun.embedded.EmbeddedInfrastructure;
import org.jingzhun.embedded.FreePorts;
import org.jingzhun.suite.demo.DemoCounty;
import org.newsclub.net.unix.AFUNIXSocket;

/**
 * {@code java -jar jingzhun-suite.jar [--data-dir=DIR] [--demo]} ({@code --help} lists every flag): embedded PostgreSQL and Kafka,
 * then the four services on ports 8080-8083, everything stored under DIR.
 */
public final class Suite implements AutoCloseable {

    /** Four JVMs starting on a shared two-core machine with other builds running took over 3 minutes. */
    private static final Duration START_TIMEOUT = Duration.ofMinutes(5);
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final SuiteOptions options;
    private final PrintStream out;
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<ServiceKind, Integer> ports = new EnumMap<>(ServiceKind.class);
    /** PostgreSQL and Kafka's JVM, once both started. */
    private EmbeddedInfrastructure.SideBySide<KafkaProcess> infrastructure;
    /** Whether the services may reach PostgreSQL through its Unix socket (see {@link #jdbcUrl}). */
    private boolean unixSockets;
    private String adminPassword;
    private final CountDownLatch stopped = new CountDownLatch(1);

    Suite(SuiteOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** The service JVMs' options unless {@code --service-jvm-options} gives others (for tests outside this package). */
    public static String defaultServiceJvmOptions() {
        return SuiteOptions.DEFAULT_SERVICE_JVM_OPTIONS;
    }

    /** The suite the command line {@code args} describe, for callers outside this package (tests). */
    public static Suite create(PrintStream out, String... args) {
        return new Suite(SuiteOptions.parse(args), out);
    }

    public static void main(String[] args) {
        SuiteOptions options;
        try {
            options = SuiteOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (options.help()) {
            System.out.print(SuiteOptions.usage());
            return;
        }
        LauncherJit.leaveC2Out();
        if (options.prepare()) {
            // The build's package phase: the first start of this jar then maps the class archive too.
            ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(System.out);
            if (!launch.fromJar()) {
                System.out.println("[suite] --prepare: not started from the suite's jar; nothing to prepare");
            }
            launch.prepare();
            return;
        }
        LauncherHeap.giveMemoryBack();
        Suite suite = new Suite(options, System.out);
        Runtime.getRuntime().addShutdownHook(new Thread(suite::close, "suite-shutdown"));
        try {
            suite.start();
            // Nothing else keeps this JVM alive (the broker has a JVM of its own): it runs until SIGTERM/Ctrl-C.
            suite.stopped.await();
        } catch (Exception e) {
            System.err.println("[suite] cannot start: " + e.getMessage());
            e.printStackTrace();
            System.exit(1);
        }
    }

    /** Starts everything and returns once every service answers healthy (and, with --demo, the demo county is loaded). */
    public void start() throws IOException, InterruptedException {
        long started = System.nanoTime();
        Files.createDirectories(options.dataDir());
        adminPassword = AdminPassword.resolve(options.dataDir(), System.getenv(AdminPassword.ENV));
        int[] infraPorts = FreePorts.resolve(options.postgresPort(), options.kafkaPort(), options.kafkaControllerPort());
        out.println("[suite] data directory " + options.dataDir());
        ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(out);
        if (options.classListDir() != null) {
            launch.recordClassListsInto(options.classListDir());
        }
        ServiceJit.writeInto(options.dataDir()).ifPresentOrElse(launch::compileWith,
                () -> out.println("[suite] could not write " + ServiceJit.FILE_NAME + " into " + options.dataDir()
                        + "; the services compile start-up code with C2 too"));
        // Kafka's JVM starts from the prepared class path (a quick check once the build prepared the jar; on
        // the first start of a jar the build did not prepare, its extraction), PostgreSQL beside it on this thread;
        // if either fails, the other is stopped again.
        infrastructure = EmbeddedInfrastructure.startSideBySide(
                options.dataDir().resolve("postgres"), infraPorts[0], () -> {
                    launch.prepare();
                    return KafkaProcess.start(launch, options.kafkaJvmOptions(), options.dataDir().resolve("kafka"),
                            infraPorts[1], infraPorts[2], START_TIMEOUT, out);
                });
        unixSockets = options.postgresUnixSocket() && AFUNIXSocket.isSupported();
        out.println("[suite] PostgreSQL on port " + infrastructure.postgres().port()
                + (unixSockets ? infrastructure.postgres().unixSocket().map(socket -> " (services through " + socket + ")")
                        .orElse("") : "")
                + ", Kafka on " + infrastructure.broker().bootstrapServers());
        for (ServiceKind kind : ServiceKind.values()) {
            infrastructure.postgres().createDatabaseIfMissing(kind.database);
            ports.put(kind, FreePorts.orFree(options.servicePorts().get(kind)));
        }
        for (ServiceKind kind : ServiceKind.values()) {
            ServiceProcess process = new ServiceProcess(kind, ports.get(kind), arguments(kind),
                    Map.of(AdminPassword.ENV, adminPassword), options.serviceJvmOptions(), launch, out);
            services.add(process);
            process.start();
        }
        for (ServiceProcess service : services) {
            service.awaitHealthy(START_TIMEOUT);
        }
        out.printf("[suite] Jingzhun is up in %.1f s: dashboard http://localhost:%d/ (user admin)%n",
                (System.nanoTime() - started) / 1e9, ports.get(ServiceKind.REPORTING));
        for (ServiceProcess service : services) {
            out.printf("[suite]   %-13s http://localhost:%d%n", service.kind().shortName, service.port());
        }
        if (options.demo()) {
            // After "up": the dashboard can already be watched while the county fills it.
            DemoCounty.load(demoTarget(), out, out == System.out && System.console() != null);
        }
    }

    /** Where the demo loader (or a test) reaches the running services, as {@code admin}. */
    public DemoCounty.Target demoTarget() {
        return new DemoCounty.Target(local(ServiceKind.ORGANIZATION), local(ServiceKind.CHECKLIST),
                local(ServiceKind.RECTIFICATION), local(ServiceKind.REPORTING), "admin", adminPassword);
    }

    private URI local(ServiceKind kind) {
        return URI.create("http://localhost:" + ports.get(kind));
    }

    private List<String> arguments(ServiceKind kind) {
        List<String> arguments = new ArrayList<>(List.of(
                "--server.port=" + ports.get(kind),
                "--spring.datasource.url=" + jdbcUrl(kind.database),
                "--spring.datasource.username=" + infrastructure.postgres().username(),
                "--spring.datasource.password=",
                "--spring.kafka.bootstrap-servers=" + infrastructure.broker().bootstrapServers(),
                // Tokens come from organization-service: where its keys are. (Their issuer stays the
                // default name, so a token outlives a restart on other ports.)
                "--jingzhun.jwt.jwk-set-uri=" + local(ServiceKind.ORGANIZATION) + "/oauth2/jwks"));
        if (kind == ServiceKind.REPORTING) {
            // The dashboard's ledger downloads go through the reporting service to rectification-service,
            // its logins to organization-service.
            arguments.add("--jingzhun.dashboard.rectification-url=" + local(ServiceKind.RECTIFICATION));
            arguments.add("--jingzhun.dashboard.organization-url=" + local(ServiceKind.ORGANIZATION));
        } else {
            // One classpath for all four: only the reporting service serves the dashboard's static files.
            arguments.add("--spring.web.resources.static-locations=classpath:/META-INF/resources/");
        }
        return arguments;
    }

    /**
     * The services reach PostgreSQL through its Unix socket when it has one and this JVM can open Unix sockets
     * with junixsocket (the services' class path is this one's), otherwise through 127.0.0.1.
     */
    private String jdbcUrl(String database) {
        Optional<String> local = unixSockets ? infrastructure.postgres().unixSocketJdbcUrl(database) : Optional.empty();
        return local.orElseGet(() -> infrastructure.postgres().jdbcUrl(database));
    }

    private static Thread stopper(ServiceProcess service, Duration grace) {
        Thread stopper = new Thread(() -> {
            try {
                service.stop(grace);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "stop-" + service.kind().shortName);
        stopper.start();
        return stopper;
    }

    int port(ServiceKind kind) {
        return ports.get(kind);
    }

    String adminPassword() {
        return adminPassword;
    }

    /** Stops the services (gracefully, in parallel), then Kafka and PostgreSQL. */
    @Override
    public synchronized void close() {
        if (infrastructure == null && services.isEmpty()) {
            return;
        }
        out.println("[suite] stopping");
        List<Thread> stoppers = new ArrayList<>();
        for (ServiceProcess service : services) {
            stoppers.add(stopper(service, STOP_GRACE));
        }
        for (Thread stopper : stoppers) {
            try {
                stopper.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        services.clear();
        if (infrastructure != null) {
            infrastructure.close();
            infrastructure = null;
        }
        out.println("[suite] stopped");
        stopped.countDown();
    }
}
