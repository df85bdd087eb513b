/*
 * Command → county totals latency of a running suite, measured from outside as a client sees it.
 *
 *   java benchmarks/CommandToTotals.java [--password=P] [--iterations=200] [--rate=50] [--host=localhost] [--port-base=8080]
 *
 * Each iteration records an honor-room visit (checklist-service, 8082) and then polls
 * GET /api/totals on the reporting service (8080) every 5 ms until the person-visits counter shows
 * it; it also logs and rectifies a problem (rectification-service, 8083) and waits for the problem
 * counters. Commands are paced at --rate per second. Prints p50/p90/p99/max in milliseconds.
 * Needs only a JDK (single-file source launch); the password defaults to .jingzhun/admin-password.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CommandToTotals {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String host;
    private static String auth;
    /** Reporting's port; organization, checklist and rectification follow it (the suite's 8080–8083). */
    private static int portBase;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        host = options.getOrDefault("host", "localhost");
        portBase = Integer.parseInt(options.getOrDefault("port-base", "8080"));
        String password = options.containsKey("password") ? options.get("password")
                : Files.readString(Path.of(options.getOrDefault("data-dir", ".jingzhun"), "admin-password")).strip();
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        int iterations = Integer.parseInt(options.getOrDefault("iterations", "200"));
        int rate = Integer.parseInt(options.getOrDefault("rate", "50"));

        String campaign = id(post(8081, "/api/campaigns",
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"));
        String org = id(post(8081, "/api/organizations",
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"tier\":\"SECTION\",\"sector\":\"ORGAN\"}"));
        List<Double> visits = new ArrayList<>();
        List<Double> problems = new ArrayList<>();
        long pause = 1_000_000_000L / rate;
        for (int i = 0; i < iterations; i++) {
            long next = System.nanoTime() + pause;
            long before = number(totals(campaign), "personVisits");
            long start = System.nanoTime();
            post(8082, "/api/organizations/" + org + "/honor-room-visits",
                    "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-20\",\"visitors\":1}");
            while (number(totals(campaign), "personVisits") < before + 1) {
                Thread.sleep(5);
            }
            visits.add((System.nanoTime() - start) / 1e6);

            long rectified = number(totals(campaign), "rectified");
            start = System.nanoTime();
            String problem = id(post(8083, "/api/problems", "{\"orgId\":\"" + org + "\",\"campaignId\":\"" + campaign
                    + "\",\"focusArea\":\"WORK_STYLE_AND_EFFICIENCY\",\"source\":\"SELF_INSPECTION\","
                    + "\"description\":\"bench\",\"owner\":\"bench\",\"deadline\":\"2019-10-31\"}"));
            post(8083, "/api/problems/" + problem + "/rectify", "{\"evidence\":\"bench\"}");
            while (number(totals(campaign), "rectified") < rectified + 1) {
                Thread.sleep(5);
            }
            problems.add((System.nanoTime() - start) / 1e6);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
            }
        }
        report("visit → totals", visits);
        report("log + rectify problem → totals", problems);
    }

    private static void report(String what, List<Double> millis) {
        Collections.sort(millis);
        System.out.printf("%-32s n=%d  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms%n", what, millis.size(),
                pct(millis, 50), pct(millis, 90), pct(millis, 99), millis.get(millis.size() - 1));
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String totals(String campaign) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                URI.create("http://" + host + ":" + portBase + "/api/totals?campaignId=" + campaign)).header("Authorization", auth)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("totals: " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + (portBase + port - 8080) + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static String id(String json) {
        Matcher m = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    private static long number(String json, String field) {
        Matcher m = Pattern.compile("\"" + field + "\"\\s*:\\s*(\\d+)").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + field + " in " + json);
        }
        return Long.parseLong(m.group(1));
    }
}
