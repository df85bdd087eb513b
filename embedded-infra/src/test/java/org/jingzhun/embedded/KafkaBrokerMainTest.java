package org.jingzhun.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerMainTest {

    @TempDir
    Path dataDirectory;

    /** The broker's JVM must not outlive the launcher that started it, even one killed with SIGKILL. */
    @Test
    void announcesItsBrokerAndStopsCleanlyOnceItsStarterIsGone() throws Exception {
        Process broker = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-XX:+UseSerialGC", "-cp", System.getProperty("java.class.path"),
                KafkaBrokerMain.class.getName(), dataDirectory.toString(), "0", "0")
                .redirectErrorStream(true).start();
        try {
            CompletableFuture<String> ready = new CompletableFuture<>();
            StringBuilder output = new StringBuilder();
            Thread reader = new Thread(() -> read(broker, ready, output));
            reader.setDaemon(true);
            reader.start();
            String bootstrapServers = ready.get(2, TimeUnit.MINUTES);

            assertThat(bootstrapServers).startsWith("127.0.0.1:");
            try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
                admin.createTopics(List.of(new NewTopic("jingzhun.test.events", 1, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }

            // What the starter's death does to the pipe it held: the broker reads the end of its input.
            broker.getOutputStream().close();

            assertThat(broker.waitFor(60, TimeUnit.SECONDS)).as(output::toString).isTrue();
            assertThat(broker.exitValue()).as(output::toString).isZero();
            // Closed, not just ended: Kafka marks a clean shutdown in its log directory.
            assertThat(dataDirectory.resolve(".kafka_cleanshutdown")).exists();
        } finally {
            broker.destroyForcibly();
        }
        // Its directory is free again, and what it was told is there.
        try (EmbeddedKafkaBroker again = EmbeddedKafkaBroker.start(dataDirectory, 0, 0);
             Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, again.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get(30, TimeUnit.SECONDS)).contains("jingzhun.test.events");
        }
    }

    private static void read(Process broker, CompletableFuture<String> ready, StringBuilder output) {
        try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(broker.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = lines.readLine()) != null) {
                synchronized (output) {
                    output.append(line).append('\n');
                }
                if (line.startsWith(KafkaBrokerMain.READY)) {
                    ready.complete(line.substring(KafkaBrokerMain.READY.length()));
                }
            }
        } catch (IOException e) {
            // gone
        }
        ready.completeExceptionally(new IllegalStateException("exited before it was ready:\n" + output));
    }
}
