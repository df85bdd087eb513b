package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** docker-compose.yml stays consistent with the services' images and the variables they read. */
class DockerComposeTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Map<String, String> DATABASES = Map.of("organization-service", "organization",
            "checklist-service", "checklist", "rectification-service", "rectification",
            "reporting-service", "reporting");
    private static final Map<String, Integer> PORTS = Map.of("organization-service", 8081,
            "checklist-service", 8082, "rectification-service", 8083, "reporting-service", 8080);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() throws IOException {
        Map<String, Object> compose = new Yaml().load(Files.readString(ROOT.resolve("docker-compose.yml")));
        return (Map<String, Object>) compose.get("services");
    }

    @Test
    @SuppressWarnings("unchecked")
    void wiresEveryServiceToItsDatabaseKafkaAndAdminPassword() throws IOException {
        Map<String, Object> services = services();
        assertThat(services).containsKeys("kafka", "postgres");
        for (var entry : DATABASES.entrySet()) {
            Map<String, Object> service = (Map<String, Object>) services.get(entry.getKey());
            assertThat(service).as(entry.getKey()).isNotNull();
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            assertThat(env).as(entry.getKey()).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                    "SPRING_DATASOURCE_PASSWORD", "JINGZHUN_KAFKA_BOOTSTRAP_SERVERS", "JINGZHUN_ADMIN_PASSWORD",
                    "JINGZHUN_TIMEZONE", "SERVER_PORT");
            assertThat(env.get("SPRING_DATASOURCE_URL")).isEqualTo("jdbc:postgresql://postgres:5432/" + entry.getValue());
            assertThat(env.get("SERVER_PORT")).isEqualTo(PORTS.get(entry.getKey()));
            assertThat((List<String>) service.get("ports")).containsExactly(PORTS.get(entry.getKey()) + ":"
                    + PORTS.get(entry.getKey()));
        }
        assertThat(Files.readString(ROOT.resolve("docker/postgres-init.sql")))
                .contains(DATABASES.values().stream().map(db -> "CREATE DATABASE " + db + ";").toList());
    }

    @Test
    void buildsEachServiceFromTheExecutableJarItsModuleProduces() throws IOException {
        for (String service : DATABASES.keySet()) {
            String dockerfile = Files.readString(ROOT.resolve(service).resolve("Dockerfile"));
            assertThat(dockerfile).contains("COPY target/" + service + "-exec.jar");
            String pom = Files.readString(ROOT.resolve(service).resolve("pom.xml"));
            assertThat(pom).contains("<finalName>" + service + "</finalName>").contains("<classifier>exec</classifier>");
        }
    }

    @Test
    void isValidForDockerCompose() throws Exception {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        if (!installed) {
            System.err.println("SKIPPED: docker-compose is not installed; .ci/run installs it");
        }
        Assumptions.assumeTrue(installed, "docker-compose is not installed");
        ProcessBuilder builder = new ProcessBuilder("docker-compose", "-f", "docker-compose.yml", "config", "-q")
                .directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("JINGZHUN_ADMIN_PASSWORD", "compose-check");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(output).isZero();
    }
}
