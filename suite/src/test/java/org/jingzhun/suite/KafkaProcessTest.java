package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.jingzhun.embedded.FreePorts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaProcessTest {

    private static final List<String> JVM_OPTIONS = List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1");

    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

    @Test
    void runsTheBrokerInAJvmOfItsOwnAndStartsItAgainOnTheSamePortsWhenItDies(@TempDir Path dataDirectory)
            throws Exception {
        int[] ports = FreePorts.resolve(0, 0);
        ServiceLaunch launch = ServiceLaunch.fromOwnClasspath(out);
        long first;
        try (KafkaProcess kafka = KafkaProcess.start(launch, JVM_OPTIONS, dataDirectory, ports[0], ports[1],
                Duration.ofMinutes(2), out)) {
            first = kafka.pid();
            assertThat(first).isNotEqualTo(ProcessHandle.current().pid());
            assertThat(commandLine(first)).contains("-XX:+UseSerialGC", "org.jingzhun.embedded.KafkaBrokerMain");
            assertThat(kafka.bootstrapServers()).isEqualTo("127.0.0.1:" + ports[0]);
            try (Admin admin = admin(kafka)) {
                admin.createTopics(List.of(new NewTopic("jingzhun.test.events", 1, (short) 1))).all()
                        .get(30, TimeUnit.SECONDS);
            }
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[kafka] ");

            ProcessHandle.of(first).orElseThrow().destroyForcibly();

            await().atMost(Duration.ofMinutes(2)).until(() -> kafka.pid() != first);
            assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[suite] kafka exited with code 137; restarting (1/5)");
            // The same address, the same data: the services' clients find it where it was.
            await().atMost(Duration.ofMinutes(2)).ignoreExceptions().untilAsserted(() -> {
                try (Admin admin = admin(kafka)) {
                    assertThat(admin.listTopics().names().get(10, TimeUnit.SECONDS)).contains("jingzhun.test.events");
                }
            });
            long second = kafka.pid();
            kafka.close();
            assertThat(ProcessHandle.of(second).filter(ProcessHandle::isAlive)).isEmpty();
            assertThat(printed.toString(StandardCharsets.UTF_8)).doesNotContain("restarting (2/5)");
        }
        assertThat(dataDirectory.resolve(".kafka_cleanshutdown")).exists();
    }

    @Test
    void aBrokerThatCannotStartFailsTheStartWithItsOutputNamed(@TempDir Path dataDirectory) throws Exception {
        // Not a directory Kafka can use: a file where its data directory should be.
        Path notADirectory = Files.writeString(dataDirectory.resolve("kafka"), "not a directory");
        int[] ports = FreePorts.resolve(0, 0);

        assertThatThrownBy(() -> KafkaProcess.start(ServiceLaunch.fromOwnClasspath(out), JVM_OPTIONS, notADirectory,
                ports[0], ports[1], Duration.ofMinutes(2), out))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Kafka's JVM exited with code 1 before it accepted clients");
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("[kafka] ");
    }

    /** The whole command line (ProcessHandle.Info cuts long ones short), as Linux keeps it. */
    static String commandLine(long pid) throws IOException {
        return new String(Files.readAllBytes(Path.of("/proc", Long.toString(pid), "cmdline")), StandardCharsets.UTF_8)
                .replace('\0', ' ');
    }

    private static Admin admin(KafkaProcess kafka) {
        return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
    }
}
