package org.jingzhun.suite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * docker-compose.yml stays consistent with the services' image, the variables they read and the
 * monitoring it provisions (Prometheus's scrape targets and alert rules, Grafana's data source and
 * dashboards); {@code docker-compose config} validates it where docker-compose is installed, and must
 * be installed in CI ({@code CI=true}).
 */
class DockerComposeTest {

    private static final Path ROOT = MonitoringFiles.ROOT;
    private static final Map<String, String> DATABASES = Map.of("organization-service", "organization",
            "checklist-service", "checklist", "rectification-service", "rectification",
            "reporting-service", "reporting");
    private static final Map<String, Integer> PORTS = Map.of("organization-service", 8081,
            "checklist-service", 8082, "rectification-service", 8083, "reporting-service", 8080);

    @SuppressWarnings("unchecked")
    private static Map<String, Object> services() {
        return (Map<String, Object>) MonitoringFiles.yaml(ROOT.resolve("docker-compose.yml")).get("services");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> service(String name) {
        Map<String, Object> service = (Map<String, Object>) services().get(name);
        assertThat(service).as(name).isNotNull();
        return service;
    }

    @Test
    @SuppressWarnings("unchecked")
    void wiresEveryServiceToItsDatabaseKafkaAndAdminPassword() throws IOException {
        assertThat(services()).containsKeys("kafka", "postgres", "prometheus", "grafana");
        for (var entry : DATABASES.entrySet()) {
            Map<String, Object> service = service(entry.getKey());
            Map<String, Object> env = (Map<String, Object>) service.get("environment");
            assertThat(env).as(entry.getKey()).containsKeys("SPRING_DATASOURCE_URL", "SPRING_DATASOURCE_USERNAME",
                    "SPRING_DATASOURCE_PASSWORD", "SPRING_KAFKA_BOOTSTRAP_SERVERS", "JINGZHUN_ADMIN_PASSWORD",
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
    void restartsEveryContainerAndLimitsItsMemory() {
        services().forEach((name, definition) -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> service = (Map<String, Object>) definition;
            assertThat(service.get("restart")).as(name).isEqualTo("unless-stopped");
            assertThat(String.valueOf(service.get("mem_limit"))).as(name).matches("\\d+[mg]");
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void postgresIsHealthyOnlyOnceEveryDatabaseExists() {
        Map<String, Object> healthcheck = (Map<String, Object>) service("postgres").get("healthcheck");
        String test = String.join(" ", (List<String>) healthcheck.get("test"));
        // Over TCP: the first start's init server listens on the socket only, so pg_isready passed too early.
        assertThat(test).contains("-h 127.0.0.1").doesNotContain("pg_isready");
        DATABASES.values().forEach(database -> assertThat(test).contains("'" + database + "'"));
        assertThat(test).contains("grep -qx " + DATABASES.size());
    }

    @Test
    @SuppressWarnings("unchecked")
    void buildsEveryServiceFromOneLayeredImageDefinition() throws IOException {
        String dockerfile = Files.readString(ROOT.resolve("docker/Dockerfile"));
        assertThat(dockerfile).contains("COPY ${SERVICE}/target/${SERVICE}-exec.jar", "extract --layers",
                "org.springframework.boot.loader.launch.JarLauncher");
        for (String name : DATABASES.keySet()) {
            Map<String, Object> build = (Map<String, Object>) service(name).get("build");
            assertThat(build).as(name).containsEntry("context", ".").containsEntry("dockerfile", "docker/Dockerfile");
            assertThat((Map<String, Object>) build.get("args")).as(name)
                    .containsEntry("SERVICE", name).containsEntry("PORT", PORTS.get(name));
            assertThat(ROOT.resolve(name).resolve("Dockerfile")).as("no copy of the image definition").doesNotExist();
            String pom = Files.readString(ROOT.resolve(name).resolve("pom.xml"));
            assertThat(pom).contains("<finalName>" + name + "</finalName>").contains("<classifier>exec</classifier>");
        }
        assertThat(Files.readString(ROOT.resolve(".dockerignore"))).contains("!*/target/*-exec.jar");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesEveryServiceAndLoadsTheAlertRules() {
        Map<String, Object> prometheus = MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS.resolve("prometheus.yml"));
        assertThat((List<String>) prometheus.get("rule_files")).containsExactly("/etc/prometheus/alerts.yml");
        List<String> targets = new ArrayList<>();
        for (Map<String, Object> job : (List<Map<String, Object>>) prometheus.get("scrape_configs")) {
            assertThat(job.get("metrics_path")).isEqualTo("/actuator/prometheus");
            assertThat((Map<String, Object>) job.get("basic_auth")).containsEntry("username", "admin")
                    .containsKey("password_file");
            for (Map<String, Object> config : (List<Map<String, Object>>) job.get("static_configs")) {
                targets.addAll((List<String>) config.get("targets"));
            }
        }
        assertThat(targets).containsExactlyInAnyOrderElementsOf(
                PORTS.entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()).toList());
        Map<String, Object> service = service("prometheus");
        assertThat((List<String>) service.get("volumes")).contains("./docker/prometheus:/etc/prometheus:ro");
        assertThat(String.join(" ", (List<String>) service.get("entrypoint")))
                .contains("/prometheus/admin-password", "--config.file=/etc/prometheus/prometheus.yml");
    }

    @Test
    @SuppressWarnings("unchecked")
    void alertsOnAStuckRelayAndGrowingProjectionLag() {
        Map<String, Map<String, Object>> rules = new java.util.HashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>)
                MonitoringFiles.yaml(MonitoringFiles.PROMETHEUS.resolve("alerts.yml")).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                rules.put((String) rule.get("alert"), rule);
            }
        }
        assertThat(rules).containsKeys("RelayStuck", "RelayFailing", "ProjectionLagGrowing", "EventsDeadLettered");
        rules.forEach((name, rule) -> {
            assertThat(rule).as(name).containsKeys("expr", "for", "labels", "annotations");
            assertThat((Map<String, Object>) rule.get("annotations")).as(name).containsKey("summary");
        });
        assertThat((String) rules.get("RelayStuck").get("expr")).contains("jingzhun_relay_sent_total");
        assertThat((String) rules.get("ProjectionLagGrowing").get("expr")).contains("jingzhun_projection_lag");
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaProvisionsThePrometheusDataSourceAndTheDashboards() {
        Map<String, Object> sources = MonitoringFiles.yaml(
                MonitoringFiles.GRAFANA.resolve("provisioning/datasources/prometheus.yml"));
        Map<String, Object> source = ((List<Map<String, Object>>) sources.get("datasources")).get(0);
        assertThat(source).containsEntry("type", "prometheus").containsEntry("url", "http://prometheus:9090");
        Map<String, Object> providers = MonitoringFiles.yaml(
                MonitoringFiles.GRAFANA.resolve("provisioning/dashboards/jingzhun.yml"));
        Map<String, Object> provider = ((List<Map<String, Object>>) providers.get("providers")).get(0);
        String path = (String) ((Map<String, Object>) provider.get("options")).get("path");
        assertThat((List<String>) service("grafana").get("volumes"))
                .contains("./docker/grafana/provisioning:/etc/grafana/provisioning:ro",
                        "./docker/grafana/dashboards:" + path + ":ro");

        List<String> titles = new ArrayList<>();
        Set<String> uids = new TreeSet<>();
        for (JsonNode dashboard : MonitoringFiles.dashboards()) {
            assertThat(uids.add(dashboard.path("uid").asText())).as("unique dashboard uid").isTrue();
            for (JsonNode panel : dashboard.findParents("targets")) {
                titles.add(panel.path("title").asText());
                assertThat(panel.path("datasource").path("uid").asText()).as(panel.path("title").asText())
                        .isEqualTo(source.get("uid"));
                panel.path("targets").forEach(target ->
                        assertThat(target.path("expr").asText()).as(panel.path("title").asText()).isNotBlank());
            }
        }
        assertThat(titles).contains("Commands per second", "Command latency (p99)", "Relay: events sent per second",
                "Relay failures", "Projection lag per partition", "Dead letters", "Replay progress", "Heap used",
                "GC pause time", "CPU");
    }

    /**
     * Our own metrics in the dashboards and alert rules are the ones the code registers; the framework's
     * (JVM, HTTP, Kafka client) are checked against real scrapes by {@link SuiteIntegrationTest}.
     */
    @Test
    void everyJingzhunMetricMonitoredIsOneTheCodeRegisters() throws IOException {
        Set<String> registered = new TreeSet<>();
        Pattern meter = Pattern.compile("(Counter|Gauge|Timer|DistributionSummary)\\.builder\\(\"(jingzhun\\.[a-z.]+)\"");
        try (Stream<Path> sources = Files.walk(ROOT)) {
            for (Path source : sources.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> p.toString().contains("/src/main/java/")).toList()) {
                Matcher matcher = meter.matcher(Files.readString(source));
                while (matcher.find()) {
                    String name = matcher.group(2).replace('.', '_');
                    switch (matcher.group(1)) {
                        case "Counter" -> registered.add(name + "_total");
                        // Prometheus drops a gauge's "_total" suffix: that is reserved for counters.
                        case "Gauge" -> registered.add(name.endsWith("_total") ? name.substring(0, name.length() - 6) : name);
                        default -> registered.addAll(List.of(name + "_seconds_count", name + "_seconds_sum",
                                name + "_seconds_max", name + "_count", name + "_sum", name + "_max"));
                    }
                }
            }
        }
        Set<String> ours = new TreeSet<>(MonitoringFiles.usedMetricNames());
        ours.removeIf(name -> !name.startsWith("jingzhun_"));
        assertThat(ours).isNotEmpty();
        assertThat(registered).containsAll(ours);
    }

    @Test
    void isValidForDockerCompose() throws Exception {
        boolean installed = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, "docker-compose")));
        if (!installed) {
            String message = "docker-compose is not installed (.ci/run installs it)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail(message + ": in CI this check must run, not be skipped");
            }
            System.err.println("*** DockerComposeTest SKIPPED: " + message);
        }
        Assumptions.assumeTrue(installed, "docker-compose is not installed");
        compose("-f", "docker-compose.yml", "config", "-q");
        compose("-f", "docker-compose.yml", "-f", "docker/kafka-sasl-acl.yml", "config", "-q");
    }

    private static void compose(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("docker-compose"));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true);
        builder.environment().put("JINGZHUN_ADMIN_PASSWORD", "compose-check");
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).as(String.join(" ", command) + "\n" + output).isZero();
    }
}
