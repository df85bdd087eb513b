/*
 * Commands per second of a running suite's writing services, measured from outside as a client sees them.
 *
 *   java benchmarks/CommandLoad.java [--password=P] [--clients=8] [--seconds=30] [--warmup=10]
 *                                    [--kind=problems|visits|both] [--host=localhost]
 *                                    [--port-base=8080]
 *
 * problems: each client logs a new problem (POST /api/problems on rectification-service, 8083): a new
 *           aggregate per command.
 * visits:   each client records honor-room visits (POST /api/organizations/{org}/honor-room-visits on
 *           checklist-service, 8082) for ONE organization and campaign: one growing CampaignRecord.
 * Every command carries an Idempotency-Key, as the demo loader's do. After --warmup seconds of the same load
 * (not counted; its rate and CPU per command printed every 15 s) it runs --seconds and prints commands/s, p50/p90/p99/max in milliseconds and the error count.
 * --cpu-pid=PID (the writing service's JVM, on this host) adds its CPU time per command, from /proc: a figure
 * that a busy machine disturbs much less than commands/s. With --data-dir (the suite's, on this host) the final line
 * also gives PostgreSQL's CPU per command (the postmaster and every backend, --postgres-data-dir to name another
 * cluster's directory) and the whole box's (/proc/stat: user, nice, system, irq, softirq of all cores).
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
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class CommandLoad {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
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
        int clients = Integer.parseInt(options.getOrDefault("clients", "8"));
        int seconds = Integer.parseInt(options.getOrDefault("seconds", "30"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "10"));
        String kind = options.getOrDefault("kind", "both");
        String problemsPid = options.getOrDefault("problems-pid", options.get("cpu-pid"));
        String visitsPid = options.getOrDefault("visits-pid", options.get("cpu-pid"));
        postgresDir = options.containsKey("postgres-data-dir") ? Path.of(options.get("postgres-data-dir"))
                : options.containsKey("data-dir") ? Path.of(options.get("data-dir"), "postgres") : null;

        String campaign = id(post(8081, "/api/campaigns",
                "{\"name\":\"load-" + System.nanoTime() + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"));
        String org = id(post(8081, "/api/organizations",
                "{\"name\":\"load-" + System.nanoTime() + "\",\"tier\":\"SECTION\",\"sector\":\"ORGAN\"}"));
        if (!kind.equals("visits")) {
            run("POST /api/problems (new aggregate each)", problemsPid, clients, warmup, seconds, () -> post(8083, "/api/problems",
                    "{\"orgId\":\"" + org + "\",\"campaignId\":\"" + campaign
                            + "\",\"focusArea\":\"WORK_STYLE_AND_EFFICIENCY\",\"source\":\"SELF_INSPECTION\","
                            + "\"description\":\"load\",\"owner\":\"load\",\"deadline\":\"2019-10-31\"}"));
        }
        if (!kind.equals("problems")) {
            run("honor-room visits (one CampaignRecord)", visitsPid, clients, warmup, seconds, () -> post(8082,
                    "/api/organizations/" + org + "/honor-room-visits",
                    "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-20\",\"visitors\":1}"));
        }
    }

    interface Command {
        String send() throws Exception;
    }

    private static void run(String what, String pid, int clients, int warmup, int seconds, Command command)
            throws Exception {
        long begin = System.nanoTime();
        long warmEnd = begin + warmup * 1_000_000_000L;
        long end = warmEnd + seconds * 1_000_000_000L;
        List<List<Double>> perClient = new ArrayList<>();
        AtomicLong errors = new AtomicLong();
        AtomicLong sent = new AtomicLong();
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            List<Double> mine = new ArrayList<>();
            perClient.add(mine);
            Thread thread = new Thread(() -> {
                while (System.nanoTime() < end) {
                    long start = System.nanoTime();
                    try {
                        command.send();
                    } catch (Exception e) {
                        if (errors.incrementAndGet() <= 3) {
                            System.err.println(what + ": " + e.getMessage());
                        }
                        continue;
                    }
                    sent.incrementAndGet();
                    if (start >= warmEnd) {
                        mine.add((System.nanoTime() - start) / 1e6);
                    }
                }
            });
            thread.start();
            threads.add(thread);
        }
        // The warm-up in windows of 15 s, so that the log shows how far the JIT still was from steady (each
        // service's C2 compiler keeps a core busy for minutes under this load on a 2-core box; see
        // docs/benchmarks.md, "Warm-up").
        long window = 15_000_000_000L;
        long windowStart = System.nanoTime();
        long windowCpu = cpuMillis(pid);
        long windowCommands = sent.get();
        while (System.nanoTime() + window <= warmEnd) {
            Thread.sleep(window / 1_000_000);
            long now = System.nanoTime();
            long cpuNow = cpuMillis(pid);
            long commandsNow = sent.get();
            long n = commandsNow - windowCommands;
            System.out.printf("%-42s warm-up %3.0f s: %.1f commands/s%s%n", what, (now - begin) / 1e9,
                    n / ((now - windowStart) / 1e9), pid == null || pid.isBlank() || n == 0 ? ""
                            : String.format("  cpu=%.1f ms/command", (cpuNow - windowCpu) / (double) n));
            windowStart = now;
            windowCpu = cpuNow;
            windowCommands = commandsNow;
        }
        Thread.sleep(Math.max(0, (warmEnd - System.nanoTime()) / 1_000_000));
        long cpuBefore = cpuMillis(pid);
        long postgresBefore = postgresMillis();
        long boxBefore = boxMillis();
        for (Thread thread : threads) {
            thread.join();
        }
        long cpu = cpuMillis(pid) - cpuBefore;
        long postgres = postgresMillis() - postgresBefore;
        long box = boxMillis() - boxBefore;
        List<Double> all = new ArrayList<>();
        perClient.forEach(all::addAll);
        Collections.sort(all);
        if (all.isEmpty()) {
            System.out.printf("%-42s no command succeeded (%d errors)%n", what, errors.get());
            return;
        }
        System.out.printf("%-42s %d clients  %.1f commands/s  p50=%.0f ms  p90=%.0f ms  p99=%.0f ms  max=%.0f ms"
                        + "  errors=%d%s%s%n", what, clients, all.size() / (double) seconds, pct(all, 50), pct(all, 90),
                pct(all, 99), all.get(all.size() - 1), errors.get(),
                pid == null || pid.isBlank() ? "" : String.format("  cpu=%.1f ms/command", cpu / (double) all.size()),
                postgresBefore < 0 ? "" : String.format("  postgres=%.2f ms/command  box=%.2f ms/command",
                        postgres / (double) all.size(), box / (double) all.size()));
    }

    /** The PostgreSQL cluster whose CPU is counted, or null. */
    private static Path postgresDir;

    /**
     * User + system CPU time so far of the postmaster of {@link #postgresDir} and its children (the backends,
     * PostgreSQL's own processes); -1 when there is none to read.
     */
    private static long postgresMillis() throws Exception {
        if (postgresDir == null || !Files.exists(postgresDir.resolve("postmaster.pid"))) {
            return -1;
        }
        String postmaster = Files.readAllLines(postgresDir.resolve("postmaster.pid")).get(0).strip();
        long total = cpuMillis(postmaster);
        for (ProcessHandle child : ProcessHandle.of(Long.parseLong(postmaster)).stream()
                .flatMap(ProcessHandle::children).toList()) {
            try {
                total += cpuMillis(Long.toString(child.pid()));
            } catch (java.io.IOException gone) {
                // ended meanwhile
            }
        }
        return total;
    }

    /** CPU time the whole machine spent working so far (all cores), from /proc/stat. */
    private static long boxMillis() throws Exception {
        String[] cpu = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
        // cpu user nice system idle iowait irq softirq steal …, in clock ticks
        return (Long.parseLong(cpu[1]) + Long.parseLong(cpu[2]) + Long.parseLong(cpu[3]) + Long.parseLong(cpu[6])
                + Long.parseLong(cpu[7])) * 10;
    }

    /** User + system CPU time of a process so far, from /proc (Linux); 0 without a pid. */
    private static long cpuMillis(String pid) throws Exception {
        if (pid == null || pid.isBlank()) {
            return 0;
        }
        String stat = Files.readString(Path.of("/proc", pid, "stat"));
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // utime and stime, fields 14 and 15 of the whole line, in clock ticks (100 per second on Linux).
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) * 10;
    }

    private static double pct(List<Double> sorted, int p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p / 100.0 * sorted.size()) - 1));
    }

    private static String post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://" + host + ":" + (portBase + port - 8080) + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .header("Idempotency-Key", UUID.randomUUID().toString())
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
}
