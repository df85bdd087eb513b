package org.jingzhun.suite;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.yaml.snakeyaml.Yaml;

/** The monitoring that compose provisions ({@code docker/prometheus}, {@code docker/grafana}), as tests read it. */
final class MonitoringFiles {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path PROMETHEUS = ROOT.resolve("docker/prometheus");
    static final Path GRAFANA = ROOT.resolve("docker/grafana");

    private static final Pattern IDENTIFIER = Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");
    private static final Set<String> PROMQL_WORDS = Set.of("by", "without", "on", "ignoring", "group_left",
            "group_right", "and", "or", "unless", "bool", "offset", "sum", "min", "max", "avg", "count", "stddev",
            "topk", "bottomk", "quantile", "inf", "nan");

    private MonitoringFiles() {
    }

    /** Every Grafana dashboard JSON, parsed. */
    static List<JsonNode> dashboards() {
        try (Stream<Path> files = Files.list(GRAFANA.resolve("dashboards"))) {
            List<JsonNode> dashboards = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".json")).sorted().toList()) {
                dashboards.add(new ObjectMapper().readTree(file.toFile()));
            }
            return dashboards;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A YAML file under {@code docker/}, parsed. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> yaml(Path file) {
        try {
            return (Map<String, Object>) new Yaml().load(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every PromQL expression of the dashboards' panels and of the alert rules. */
    @SuppressWarnings("unchecked")
    static List<String> expressions() {
        List<String> expressions = new ArrayList<>();
        for (JsonNode dashboard : dashboards()) {
            dashboard.findValues("expr").forEach(expr -> expressions.add(expr.asText()));
        }
        for (Map<String, Object> group : (List<Map<String, Object>>) yaml(PROMETHEUS.resolve("alerts.yml")).get("groups")) {
            for (Map<String, Object> rule : (List<Map<String, Object>>) group.get("rules")) {
                expressions.add(String.valueOf(rule.get("expr")));
            }
        }
        return expressions;
    }

    /** The metric names those expressions read from the services (not Prometheus's own {@code up}). */
    static Set<String> usedMetricNames() {
        Set<String> names = new TreeSet<>();
        for (String expression : expressions()) {
            names.addAll(metricNames(expression));
        }
        names.remove("up");
        return names;
    }

    /** Metric names in one PromQL expression: identifiers that are neither functions, keywords nor labels. */
    static Set<String> metricNames(String expression) {
        String bare = expression
                .replaceAll("\\{[^}]*}", " ")                                   // label matchers
                .replaceAll("\\b(by|without|on|ignoring|group_left|group_right)\\s*\\([^)]*\\)", " ")
                .replaceAll("\\[[^]]*]", " ")                                   // ranges
                .replaceAll("\"[^\"]*\"", " ");                                 // strings
        Set<String> names = new TreeSet<>();
        Matcher matcher = IDENTIFIER.matcher(bare);
        while (matcher.find()) {
            String word = matcher.group();
            int after = matcher.end();
            while (after < bare.length() && Character.isWhitespace(bare.charAt(after))) {
                after++;
            }
            boolean call = after < bare.length() && bare.charAt(after) == '(';
            boolean number = matcher.start() > 0 && Character.isDigit(bare.charAt(matcher.start() - 1));
            if (!call && !number && !PROMQL_WORDS.contains(word.toLowerCase())) {
                names.add(word);
            }
        }
        return names;
    }

    /** Metric names in a Prometheus scrape (text format). */
    static Set<String> exposedMetricNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                Matcher matcher = IDENTIFIER.matcher(line);
                if (matcher.lookingAt()) {
                    names.add(matcher.group());
                }
            }
        }
        return names;
    }
}
