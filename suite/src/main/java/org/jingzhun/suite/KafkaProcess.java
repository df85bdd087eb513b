package org.jingzhun.suite;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jingzhun.embedded.KafkaBrokerMain;

/**
 * The embedded Kafka broker in a JVM of its own ({@link KafkaBrokerMain}), started from the launcher's class
 * path like a service, its output prefixed {@code [kafka]}, restarted on the same ports if it dies unexpectedly
 * (the services' relays and projectors retry until it is back).
 *
 * <p>Why not in the launcher's JVM, as before: that JVM is started by the user's {@code java -jar} with no
 * options, so the broker ran under G1 with a heap sized from the machine's memory — ~230 MB committed and ~48 MB
 * of G1's own structures under load (docs/benchmarks.md, "Where the launcher's memory goes"). In a JVM of its
 * own it runs with a small serial heap and C1 only ({@code --kafka-jvm-options}), and the demo loader's
 * allocations in the launcher no longer pause the broker.
 *
 * <p>The broker stops with the launcher: on {@link #close()} (SIGTERM; its shutdown closes the logs cleanly),
 * and when the launcher dies without closing it (its standard input, a pipe from here, then ends).
 */
final class KafkaProcess implements AutoCloseable {

    private static final int MAX_RESTARTS = 5;
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);

    private final List<String> command;
    private final PrintStream out;
    private volatile Process process;
    private volatile String bootstrapServers;
    private volatile boolean stopping;
    private int restarts;

    private KafkaProcess(List<String> command, PrintStream out) {
        this.command = command;
        this.out = out;
    }

    /**
     * Starts the broker on {@code dataDirectory} and returns once it accepts clients.
     *
     * @param port           the client port (not 0: a restart must find the broker where the services look)
     * @param controllerPort the KRaft controller port
     * @throws IllegalStateException it exited, or did not say it was ready within {@code timeout}
     */
    static KafkaProcess start(ServiceLaunch launch, List<String> jvmOptions, Path dataDirectory, int port,
                              int controllerPort, Duration timeout, PrintStream out)
            throws IOException, InterruptedException {
        KafkaProcess kafka = new KafkaProcess(launch.command(jvmOptions, KafkaBrokerMain.class.getName(), List.of(
                dataDirectory.toString(), Integer.toString(port), Integer.toString(controllerPort))), out);
        CompletableFuture<String> ready = kafka.launch();
        try {
            kafka.bootstrapServers = ready.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return kafka;
        } catch (ExecutionException e) {
            kafka.close();
            throw (IllegalStateException) e.getCause();
        } catch (TimeoutException e) {
            kafka.close();
            throw new IllegalStateException("Kafka did not accept clients within " + timeout);
        } catch (InterruptedException e) {
            kafka.close();
            throw e;
        }
    }

    /** Starts the JVM; the future completes with its bootstrap servers, or fails when it exits before. */
    private synchronized CompletableFuture<String> launch() throws IOException {
        Process started = new ProcessBuilder(command).redirectErrorStream(true).start();
        process = started;
        CompletableFuture<String> ready = new CompletableFuture<>();
        Thread pump = new Thread(() -> pump(started, ready), "log-kafka");
        pump.setDaemon(true);
        pump.start();
        started.onExit().thenAccept(exited -> {
            ready.completeExceptionally(new IllegalStateException("Kafka's JVM exited with code "
                    + exited.exitValue() + " before it accepted clients (its output is above, as [kafka])"));
            exited(exited);
        });
        return ready;
    }

    private void pump(Process started, CompletableFuture<String> ready) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(started.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.startsWith(KafkaBrokerMain.READY)) {
                    ready.complete(line.substring(KafkaBrokerMain.READY.length()).strip());
                } else {
                    out.println("[kafka] " + line);
                }
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    private void exited(Process exited) {
        synchronized (this) {
            if (stopping || exited != process || bootstrapServers == null) {
                return;
            }
            if (restarts >= MAX_RESTARTS) {
                out.println("[suite] kafka exited with code " + exited.exitValue() + " and was restarted "
                        + MAX_RESTARTS + " times already; giving up");
                return;
            }
            restarts++;
            out.println("[suite] kafka exited with code " + exited.exitValue() + "; restarting (" + restarts + "/"
                    + MAX_RESTARTS + ")");
            try {
                launch();
            } catch (IOException e) {
                out.println("[suite] kafka could not be restarted: " + e);
            }
        }
    }

    /** The broker's {@code bootstrap.servers}. */
    String bootstrapServers() {
        return bootstrapServers;
    }

    /** The broker JVM's process id (for tests and measurements). */
    long pid() {
        return process.pid();
    }

    /**
     * SIGTERM (the broker closes its logs), then SIGKILL after 30 s. Idempotent. Holds the lock a restart takes,
     * so that a broker being started again as this is called is the one stopped.
     */
    @Override
    public synchronized void close() {
        stopping = true;
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        try {
            ServiceProcess.terminate(current, STOP_GRACE, "kafka", out);
        } catch (InterruptedException e) {
            current.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
