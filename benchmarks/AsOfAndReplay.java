/*
 * Reporting-service figures of a running suite, measured from outside as a client sees them: the totals
 * as of past instants, and a full replay of the read models.
 *
 *   java benchmarks/AsOfAndReplay.java [--password=P] [--samples=50] [--replay=true] [--host=localhost] [--port-base=8080]
 *
 * Run it against a suite holding a county (java -jar suite/target/jingzhun-suite.jar --demo). It reads
 * the time span of the recorded history from /api/totals (the latest event) and the audit trail (the
 * first), asks GET /api/totals?asOf= at --samples instants spread evenly over it and prints p50/p90/max
 * in milliseconds; then (unless --replay=false) starts POST /api/admin/replay, follows it to the end and
 * prints how long it took, the events per second and whether the rebuilt totals equalled the live ones.
 * Needs only a JDK (single-file source launch); the password defaults to .jingzhun/admin-password.
 */

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class AsOfAndReplay {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String base;
    private static String auth;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        base = "http://" + options.getOrDefault("host", "localhost") + ":" + options.getOrDefault("port-base", "8080");
        String password = options.containsKey("password") ? options.get("password")
                : Files.readString(Path.of(options.getOrDefault("data-dir", ".jingzhun"), "admin-password")).strip();
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        int samples = Integer.parseInt(options.getOrDefault("samples", "50"));

        String live = get("/api/totals");
        OffsetDateTime last = OffsetDateTime.parse(string(live, "asOf"));
        long events = number(live, "eventsProjected");
        OffsetDateTime first = firstRecorded();
        System.out.printf("history: %d events recorded from %s to %s%n", events, first, last);

        List<Double> millis = new ArrayList<>();
        Duration span = Duration.between(first, last);
        for (int i = 1; i <= samples; i++) {
            OffsetDateTime instant = first.plus(span.multipliedBy(i).dividedBy(samples));
            long start = System.nanoTime();
            get("/api/totals?asOf=" + URLEncoder.encode(instant.toString(), StandardCharsets.UTF_8));
            millis.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(millis);
        System.out.printf("totals as of an instant: n=%d  p50=%.0f ms  p90=%.0f ms  max=%.0f ms%n", millis.size(),
                pct(millis, 50), pct(millis, 90), millis.get(millis.size() - 1));

        if (!"false".equals(options.get("replay"))) {
            long start = System.nanoTime();
            String id = string(send("POST", "/api/admin/replay"), "id");
            String status;
            do {
                Thread.sleep(500);
                status = get("/api/admin/replay/" + id);
            } while (status.contains("\"RUNNING\""));
            System.out.printf("replay: %s in %.1f s, %d records read, %.0f records/s, totals equal: %s%n",
                    string(status, "status"), (System.nanoTime() - start) / 1e9, number(status, "eventsDone"),
                    Double.parseDouble(raw(status, "eventsPerSecond")), raw(status, "totalsEqual"));
        }
    }

    /** The recorded time of the first event of the audit trail (its first NDJSON line). */
    private static OffsetDateTime firstRecorded() throws Exception {
        HttpResponse<java.io.InputStream> response = HTTP.send(request("GET", "/api/audit/events"),
                HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            String line = lines.readLine();
            if (line == null) {
                throw new IllegalStateException("the audit trail is empty: load a county first (--demo)");
            }
            return OffsetDateTime.parse(string(line, "time"));
        }
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String get(String path) throws Exception {
        return send("GET", path);
    }

    private static String send(String method, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(request(method, path), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpRequest request(String method, String path) {
        return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", auth)
                .method(method, HttpRequest.BodyPublishers.noBody()).build();
    }

    private static String string(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return m.group(1);
    }

    private static String raw(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*([^,}\\]]+)").matcher(json);
        return m.find() ? m.group(1).trim() : "?";
    }

    private static long number(String json, String field) {
        return Long.parseLong(raw(json, field));
    }
}
