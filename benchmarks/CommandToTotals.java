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
 * Beside the polling, a client watches GET /api/totals/stream for the probe's campaign, as the dashboard does:
 * the "→ stream" lines are the time from the command's start until the first totals event showing it (read
 * from the events as they arrived, after the run: the probe's next command never waits for the stream).
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
        Watcher stream = new Watcher(campaign);
        Background background = rate > 0 ? new Background(campaign(), organization(), rate) : null;
        List<Double> visits = new ArrayList<>();
        List<Double> logged = new ArrayList<>();
        List<Double> problems = new ArrayList<>();
        List<Double> visitAnswers = new ArrayList<>();
        List<Double> loggedAnswers = new ArrayList<>();
        List<Double> visitsStream = new ArrayList<>();
        List<Double> loggedStream = new ArrayList<>();
        List<Double> problemsStream = new ArrayList<>();
        for (int i = 0; i < iterations; i++) {
            long before = number(totals(campaign), "personVisits");
            long start = System.nanoTime();
            post(8082, "/api/organizations/" + org + "/honor-room-visits", visit(campaign));
            visitAnswers.add((System.nanoTime() - start) / 1e6);
            while (number(totals(campaign), "personVisits") < before + 1) {
                Thread.sleep(5);
            }
            visits.add((System.nanoTime() - start) / 1e6);
            stream.expect(visitsStream, "personVisits", before + 1, start);

            long found = number(totals(campaign), "found");
            start = System.nanoTime();
            post(8083, "/api/problems", problem(campaign, org));
            loggedAnswers.add((System.nanoTime() - start) / 1e6);
            while (number(totals(campaign), "found") < found + 1) {
                Thread.sleep(5);
            }
            logged.add((System.nanoTime() - start) / 1e6);
            stream.expect(loggedStream, "found", found + 1, start);

            long rectified = number(totals(campaign), "rectified");
            start = System.nanoTime();
            String problem = id(post(8083, "/api/problems", problem(campaign, org)));
            post(8083, "/api/problems/" + problem + "/rectify", "{\"evidence\":\"bench\"}");
            while (number(totals(campaign), "rectified") < rectified + 1) {
                Thread.sleep(5);
            }
            problems.add((System.nanoTime() - start) / 1e6);
            stream.expect(problemsStream, "rectified", rectified + 1, start);
        }
        if (background != null) {
            background.stop();
        }
        stream.resolve();
        report("visit → totals", visits);
        report("problem logged → totals", logged);
        report("log + rectify problem → totals", problems);
        report("visit → stream", visitsStream);
        report("problem logged → stream", loggedStream);
        report("log + rectify problem → stream", problemsStream);
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

    /**
     * Watches the totals stream of one campaign: keeps each {@code totals} event's counters with the time it
     * arrived, so that a command's wait can be measured from its start to the first event that shows it.
     */
    private static final class Watcher {
        private static final String[] FIELDS = {"personVisits", "found", "rectified"};
        private final List<long[]> seen = new ArrayList<>();
        private final List<Expected> expected = new ArrayList<>();

        /** A command's start and the counter value that shows it, measured into {@code into} by resolve(). */
        private record Expected(List<Double> into, String field, long atLeast, long start) {
        }

        Watcher(String campaign) throws Exception {
            HttpResponse<java.util.stream.Stream<String>> response = HTTP.send(HttpRequest.newBuilder(
                            URI.create("http://" + host + ":" + portBase + "/api/totals/stream?campaignId=" + campaign))
                    .header("Authorization", auth).header("Accept", "text/event-stream").GET().build(),
                    HttpResponse.BodyHandlers.ofLines());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("totals stream: " + response.statusCode());
            }
            Thread reader = new Thread(() -> response.body().forEach(line -> {
                if (line.startsWith("data:")) {
                    long[] event = new long[FIELDS.length + 1];
                    event[0] = System.nanoTime();
                    for (int i = 0; i < FIELDS.length; i++) {
                        event[i + 1] = number(line, FIELDS[i]);
                    }
                    synchronized (seen) {
                        seen.add(event);
                        seen.notifyAll();
                    }
                }
            }), "totals-stream");
            reader.setDaemon(true);
            reader.start();
        }

        /**
         * Notes that a command started at {@code start} shows as {@code field} reaching {@code atLeast}; its
         * time is added to {@code into} by {@link #resolve()}. Not waited for here, so that the next command
         * does not start in step with the stream's pushes.
         */
        void expect(List<Double> into, String field, long atLeast, long start) {
            expected.add(new Expected(into, field, atLeast, start));
        }

        /** Measures every expectation, in the order of their starts. */
        void resolve() throws InterruptedException {
            for (Expected e : expected) {
                e.into().add(shown(e.field(), e.atLeast(), e.start()));
            }
        }

        /** Milliseconds from {@code start} to the first event showing {@code field} at {@code atLeast} or more. */
        double shown(String field, long atLeast, long start) throws InterruptedException {
            int index = java.util.Arrays.asList(FIELDS).indexOf(field) + 1;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            synchronized (seen) {
                // Starts only move forward: what arrived before this one is of no use any more.
                seen.removeIf(event -> event[0] < start);
                while (true) {
                    for (long[] event : seen) {
                        if (event[0] >= start && event[index] >= atLeast) {
                            return (event[0] - start) / 1e6;
                        }
                    }
                    long left = deadline - System.nanoTime();
                    if (left <= 0) {
                        throw new IllegalStateException("the totals stream did not show " + field + " ≥ " + atLeast);
                    }
                    seen.wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
                }
            }
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
