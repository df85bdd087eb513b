package org.jingzhun.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jingzhun.platform.StopWhenInputEnds;

/**
 * One service in its own JVM: started from the launcher's own classpath, its output prefixed with
 * the service's name, restarted when it dies unexpectedly, stopped with SIGTERM (graceful), and stopping by itself
 * when this JVM is gone ({@link StopWhenInputEnds}).
 */
final class ServiceProcess {

    private static final int MAX_RESTARTS = 5;

    private final ServiceKind kind;
    private final int port;
    private final List<String> arguments;
    private final Map<String, String> environment;
    private final List<String> jvmOptions;
    private final ServiceLaunch launch;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private volatile Process process;
    private volatile boolean stopping;
    private int restarts;

    ServiceProcess(ServiceKind kind, int port, List<String> arguments, Map<String, String> environment,
                   List<String> jvmOptions, ServiceLaunch launch, PrintStream out) {
        this.kind = kind;
        this.port = port;
        this.arguments = List.copyOf(arguments);
        this.environment = Map.copyOf(environment);
        this.jvmOptions = List.copyOf(jvmOptions);
        this.launch = launch;
        this.out = out;
    }

    ServiceKind kind() {
        return kind;
    }

    int port() {
        return port;
    }

    synchronized void start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(launch.command(kind, jvmOptions, arguments)).redirectErrorStream(true);
        builder.environment().putAll(environment);
        // The service stops when its input ends: this JVM holds the pipe's other end until it dies, even by SIGKILL.
        builder.environment().put(StopWhenInputEnds.ENV, "true");
        process = builder.start();
        Process started = process;
        Thread pump = new Thread(() -> pump(started), "log-" + kind.shortName);
        pump.setDaemon(true);
        pump.start();
        started.onExit().thenAccept(this::exited);
    }

    /**
     * Waits until the service is ready to take commands ({@code /actuator/health/readiness} UP), then says so
     * when its overall health is not UP: a parked event or a stuck relay turns {@code /actuator/health} DOWN
     * on purpose, and must not keep the suite from starting so that an operator can deal with it.
     */
    void awaitHealthy(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        HttpRequest request = HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/actuator/health/readiness"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        while (System.nanoTime() < deadline) {
            Process current = process;
            if (current != null && !current.isAlive() && restarts >= MAX_RESTARTS) {
                throw new IllegalStateException(kind.shortName + " service exited with code " + current.exitValue());
            }
            try {
                HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200 && response.body().contains("\"UP\"")) {
                    warnUnlessHealthy();
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            // Polling the service's health endpoint: there is no other signal that it is ready.
            Thread.sleep(250);
        }
        throw new IllegalStateException(kind.shortName + " service not healthy on port " + port + " after " + timeout);
    }

    private void warnUnlessHealthy() throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                out.printf("[suite] %s takes commands, but /actuator/health answers %d: %s%n", kind.shortName,
                        response.statusCode(), response.body());
            }
        } catch (IOException e) {
            out.printf("[suite] %s takes commands, but /actuator/health did not answer: %s%n", kind.shortName, e);
        }
    }

    /** SIGTERM, then waits for the graceful shutdown; kills it if it takes too long. */
    void stop(Duration grace) throws InterruptedException {
        stopping = true;
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        terminate(current, grace, kind.shortName, out);
    }

    /**
     * How the launcher stops a child JVM (a service, Kafka's broker): SIGTERM alone, then SIGKILL if it has not
     * exited within {@code grace}. Not {@link Process#destroy()}, which also closes the pipes: the child would take
     * the end of its input for this JVM's death ({@link StopWhenInputEnds}, {@code KafkaBrokerMain}) and the lines
     * it logs while shutting down would not reach this output.
     */
    static void terminate(Process child, Duration grace, String name, PrintStream out) throws InterruptedException {
        child.toHandle().destroy();
        if (!child.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            out.println("[suite] " + name + " did not stop in " + grace.toSeconds() + " s; killing it");
            child.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }

    private void exited(Process exitedProcess) {
        if (stopping) {
            return;
        }
        synchronized (this) {
            if (exitedProcess != process || stopping) {
                return;
            }
            if (restarts >= MAX_RESTARTS) {
                out.println("[suite] " + kind.shortName + " exited with code " + exitedProcess.exitValue()
                        + " and was restarted " + MAX_RESTARTS + " times already; giving up");
                return;
            }
            restarts++;
            out.println("[suite] " + kind.shortName + " exited with code " + exitedProcess.exitValue()
                    + "; restarting (" + restarts + "/" + MAX_RESTARTS + ")");
            try {
                start();
            } catch (IOException e) {
                out.println("[suite] cannot restart " + kind.shortName + ": " + e);
            }
        }
    }

    private void pump(Process source) {
        String prefix = String.format("[%-13s] ", kind.shortName);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(source.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                out.println(prefix + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }
}
