package org.jingzhun.faults;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.jingzhun.embedded.KafkaBrokerMain;

/** A child JVM of the fault suite, its output prefixed with its name into the suite's log. */
final class Child {

    private final String name;
    private final Process process;
    private final CountDownLatch ready = new CountDownLatch(1);

    private Child(String name, Process process) {
        this.name = name;
        this.process = process;
    }

    /** Starts {@code mainClass} from this JVM's own classpath. */
    static Child start(String name, List<String> jvmOptions, String mainClass, List<String> arguments,
                       Map<String, String> environment, PrintStream log) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        Child child = new Child(name, builder.start());
        Thread pump = new Thread(() -> child.pump(log), "log-" + name);
        pump.setDaemon(true);
        pump.start();
        return child;
    }

    private void pump(PrintStream log) {
        String prefix = String.format("[%-14s] ", name);
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.contains(InfraMain.READY) || line.startsWith(KafkaBrokerMain.READY)) {
                    ready.countDown();
                }
                log.println(prefix + line);
            }
        } catch (IOException e) {
            // the process is gone
        }
    }

    /** Waits for an {@link InfraMain} or {@link KafkaBrokerMain} child to say it accepts clients. */
    void awaitReady(Duration timeout) throws InterruptedException {
        if (!ready.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(name + " not ready after " + timeout);
        }
    }

    long pid() {
        return process.pid();
    }

    boolean alive() {
        return process.isAlive();
    }

    /** SIGKILL (the JDK's destroyForcibly on Unix), and waits until the process is gone. */
    void kill9() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new IllegalStateException(name + " survived SIGKILL");
        }
    }

    /** SIGTERM, then SIGKILL if it has not stopped within {@code grace}. */
    void stop(Duration grace) throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            kill9();
        }
    }

    void signal(String signal) throws IOException, InterruptedException {
        Signals.send(signal, process.pid());
    }

    String name() {
        return name;
    }
}
