/*
 * Command → county totals latency of a running suite, measured from outside as a client sees it, while the
 * suite takes a steady background load.
 *
 *   java benchmarks/CommandToTotals.java [--password=P] [--iterations=200] [--rate=100] [--host=localhost] [--port-base=8080]
 *
 * A background sender keeps --rate commands per second going (honor-room visits and logged problems in turns,
 * each sent at its time whether or not the one before was answered, on a campaign of its own). Meanwhile each
 * iteration, one after the other, records an honor-room visit (checklist-service, 8082) and polls
 * GET /api/totals on the reporting service (8080) every 5 ms until the person-visits counter shows it; logs a
 * problem (rectification-service, 8083) and waits for the found counter; then logs and rectifies one and waits
 * for the rectified counter (two commands, one after the other). Prints p50/p90/p99/max in milliseconds, the
 * same for the single commands' own answers (the part of the wait before the event left the writing service), and
 * the background rate the suite kept up with. --rate=0 measures a quiet suite.
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
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
        int rate = Integer.parseInt(options.getOrDefault("rate", "100"));

        String campaign = campaign();
        String org = organization();
        Background background = rate > 0 ? new Background(campaign(), organization(), rate) : null;
        List<Double> visits = new ArrayList<>();
        List<Double> logged = new ArrayList<>();
        List<Double> problems = new ArrayList<>();
        List<Double> visitAnswers = new ArrayList<>();
        List<Double> loggedAnswers = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long before = number(totals(campaign), "personVisits");
            long start = System.nanoTime();
            post(8082, "/api/organizations/" + org + "/honor-room-visits", visit(campaign));
            visitAnswers.add((System.nanoTime() - start) / 1e6);
            while (number(totals(campaign), "personVisits") < before + 1) {
                Thread.sleep(5);
            }
            visits.add((System.nanoTime() - start) / 1e6);

            long found = number(totals(campaign), "found");
            start = System.nanoTime();
            post(8083, "/api/problems", problem(campaign, org));
            loggedAnswers.add((System.nanoTime() - start) / 1e6);
            while (number(totals(campaign), "found") < found + 1) {
                Thread.sleep(5);
            }
            logged.add((System.nanoTime() - start) / 1e6);

            long rectified = number(totals(campaign), "rectified");
            start = System.nanoTime();
            String problem = id(post(8083, "/api/problems", problem(campaign, org)));
            post(8083, "/api/problems/" + problem + "/rectify", "{\"evidence\":\"bench\"}");
            while (number(totals(campaign), "rectified") < rectified + 1) {
                Thread.sleep(5);
            }
            problems.add((System.nanoTime() - start) / 1e6);
        }
        if (background != null) {
            background.stop();
        }
        report("visit → totals", visits);
        report("problem logged → totals", logged);
        report("log + rectify problem → totals", problems);
        // Of the figures above, the part until the command's own answer (its transaction committed).
        report("visit answered", visitAnswers);
        report("problem logged answered", loggedAnswers);
    }

    /**
     * Sends a command every 1/rate s on a campaign of its own, without waiting for the one before: a client
     * population that does not slow down when the suite does. Reports what was sent, answered and refused.
     */
    private static final class Background {
        private final ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        private final AtomicLong sent = new AtomicLong();
        private final AtomicLong answered = new AtomicLong();
        private final AtomicLong failed = new AtomicLong();
        private final List<CompletableFuture<?>> inFlight = Collections.synchronizedList(new ArrayList<>());
        private final long started = System.nanoTime();

        Background(String campaign, String org, int rate) {
            clock.scheduleAtFixedRate(() -> {
                long n = sent.getAndIncrement();
                HttpRequest request = n % 2 == 0
                        ? request(8082, "/api/organizations/" + org + "/honor-room-visits", visit(campaign))
                        : request(8083, "/api/problems", problem(campaign, org));
                CompletableFuture<?> call = HTTP.sendAsync(request, HttpResponse.BodyHandlers.discarding())
                        .whenComplete((response, error) -> {
                            if (error != null || response.statusCode() >= 300) {
                                failed.incrementAndGet();
                            } else {
                                answered.incrementAndGet();
                            }
                        });
                inFlight.add(call);
                inFlight.removeIf(CompletableFuture::isDone);
            }, 0, 1_000_000_000L / rate, TimeUnit.NANOSECONDS);
        }

        void stop() throws InterruptedException {
            clock.shutdown();
            clock.awaitTermination(5, TimeUnit.SECONDS);
            double seconds = (System.nanoTime() - started) / 1e9;
            CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).exceptionally(e -> null).join();
            System.out.printf("background load: %d commands in %.1f s (%.1f /s), %d answered, %d refused or failed%n",
                    sent.get(), seconds, sent.get() / seconds, answered.get(), failed.get());
        }
    }

    private static String campaign() throws Exception {
        return id(post(8081, "/api/campaigns",
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"));
    }

    private static String organization() throws Exception {
        return id(post(8081, "/api/organizations",
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"tier\":\"SECTION\",\"sector\":\"ORGAN\"}"));
    }

    private static String visit(String campaign) {
        return "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-20\",\"visitors\":1}";
    }

    private static String problem(String campaign, String org) {
        return "{\"orgId\":\"" + org + "\",\"campaignId\":\"" + campaign
                + "\",\"focusArea\":\"WORK_STYLE_AND_EFFICIENCY\",\"source\":\"SELF_INSPECTION\","
                + "\"description\":\"bench\",\"owner\":\"bench\",\"deadline\":\"2019-10-31\"}";
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
        HttpResponse<String> response = HTTP.send(request(port, path, body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(path + ": " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }

    private static HttpRequest request(int port, String path, String body) {
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + (portBase + port - 8080) + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
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
