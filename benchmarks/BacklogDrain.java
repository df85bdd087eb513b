/*
 * Backlog drain of a running suite: how fast the reporting service's live projector catches up with a backlog of
 * events it did not see while it was stopped, measured from outside as the dashboard sees it.
 *
 *   java benchmarks/BacklogDrain.java --reporting-pid=PID [--events=20000] [--orgs=20] [--batch=500]
 *        [--host=localhost] [--port-base=8080] [--password=P | --data-dir=.jingzhun] [--timeout=600]
 *
 * Needs only a JDK (single-file source launch) and the right to signal the reporting service's JVM (its pid:
 * `pgrep -f -- --server.port=<reporting port>`). Creates a campaign and --orgs organizations over HTTP, reports one
 * honor-room visit per organization to checklist-service's inbox and waits until /api/totals shows them (warm-up,
 * and proof that reporting knows the campaign); then stops the reporting JVM (SIGSTOP), reports --events visits of one
 * visitor each as CloudEvents batches (POST /api/inbox, --batch per request, each event answered RECORDED), waits
 * until checklist's relay has sent them all to Kafka (jingzhun_relay_sent_total), resumes the reporting JVM (SIGCONT)
 * and polls GET /api/totals?campaignId= every 20 ms until its person-visits show every visit. Prints
 * "backlog drain events/s: <x>" (events / seconds from SIGCONT to the totals showing the last one), then details,
 * each "name: value" on a line. Exit code 0 when the totals showed every visit, 1 otherwise; the reporting JVM is
 * resumed whatever happens.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

public class BacklogDrain {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
    private static final Pattern PERSON_VISITS = Pattern.compile("\"personVisits\"\\s*:\\s*(\\d+)");
    private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
    private static final Pattern SENT = Pattern.compile(
            "^jingzhun_relay_sent_total\\{[^}]*topic=\"jingzhun\\.checklist\\.events\"[^}]*\\}\\s+([0-9.Ee+-]+)$",
            Pattern.MULTILINE);
    private static String host;
    private static int base;
    private static String auth;

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        if (!options.containsKey("reporting-pid")) {
            System.err.println("--reporting-pid= is required (pgrep -f -- --server.port=<reporting port>)");
            System.exit(2);
        }
        long reporting = Long.parseLong(options.get("reporting-pid"));
        int events = Integer.parseInt(options.getOrDefault("events", "20000"));
        int orgCount = Integer.parseInt(options.getOrDefault("orgs", "20"));
        int batch = Integer.parseInt(options.getOrDefault("batch", "500"));
        long timeoutNanos = Long.parseLong(options.getOrDefault("timeout", "600")) * 1_000_000_000L;
        host = options.getOrDefault("host", "localhost");
        base = Integer.parseInt(options.getOrDefault("port-base", "8080"));
        String password = options.containsKey("password") ? options.get("password")
                : Files.readString(Path.of(options.getOrDefault("data-dir", ".jingzhun"), "admin-password")).strip();
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));

        String run = UUID.randomUUID().toString().substring(0, 8);
        String campaign = created(post(base + 1, "/api/campaigns", "application/json",
                "{\"name\":\"积压追赶 " + run + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"));
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < orgCount; i++) {
            orgs.add(created(post(base + 1, "/api/organizations", "application/json",
                    "{\"name\":\"追赶支部 " + run + "-" + i + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\"}")));
        }
        // Warm-up: one visit each, through to the totals (reporting then knows the campaign and the organizations).
        report(campaign, orgs, 0, orgCount, run);
        long deadline = System.nanoTime() + timeoutNanos;
        while (personVisits(campaign) < orgCount) {
            if (System.nanoTime() > deadline) {
                fail("the warm-up's " + orgCount + " visits never reached the totals");
            }
            Thread.sleep(50);
        }

        double sentBefore = relaySent();
        long started;
        long drained = -1;
        long stoppedAt;
        signal("STOP", reporting);
        try {
            stoppedAt = System.nanoTime();
            for (int from = 0; from < events; from += batch) {
                report(campaign, orgs, orgCount + from, Math.min(batch, events - from), run);
            }
            long reported = System.nanoTime();
            while (relaySent() - sentBefore < events) {
                if (System.nanoTime() > deadline) {
                    fail("checklist's relay did not send the " + events + " events");
                }
                Thread.sleep(20);
            }
            long relayed = System.nanoTime();
            System.err.printf("reported %d visits in %.1f s, relayed %.1f s later; resuming reporting%n", events,
                    (reported - stoppedAt) / 1e9, (relayed - reported) / 1e9);
        } finally {
            signal("CONT", reporting);
            started = System.nanoTime();
        }
        int expected = orgCount + events;
        int seen = 0;
        long firstMove = -1;
        while (System.nanoTime() < deadline) {
            seen = personVisits(campaign);
            if (firstMove < 0 && seen > orgCount) {
                firstMove = System.nanoTime();
            }
            if (seen >= expected) {
                drained = System.nanoTime();
                break;
            }
            Thread.sleep(20);
        }
        if (drained < 0) {
            System.out.printf("backlog drain: the totals showed %d of %d visits before the timeout%n", seen, expected);
            System.exit(1);
        }
        double seconds = (drained - started) / 1e9;
        System.out.printf("backlog drain events/s: %.0f%n", events / seconds);
        System.out.printf("events: %d%n", events);
        System.out.printf("drain seconds: %.2f%n", seconds);
        System.out.printf("first change on the totals after: %.0f ms%n", (firstMove - started) / 1e6);
        System.out.printf("reporting stopped for: %.1f s%n", (started - stoppedAt) / 1e9);
    }

    /** Reports {@code count} visits, numbered from {@code from}, round-robin over the organizations; all RECORDED. */
    private static void report(String campaign, List<String> orgs, int from, int count, String run) throws Exception {
        StringBuilder body = new StringBuilder("[");
        LocalDate first = LocalDate.of(2019, 9, 1);
        for (int i = from; i < from + count; i++) {
            if (i > from) {
                body.append(',');
            }
            body.append("{\"specversion\":\"1.0\",\"id\":\"drain-").append(run).append('-').append(i)
                    .append("\",\"source\":\"/bench/backlog-drain\",\"type\":\"jingzhun.checklist.HonorRoomVisited.v1\",")
                    .append("\"datacontenttype\":\"application/json\",\"data\":{\"orgId\":\"")
                    .append(orgs.get(i % orgs.size())).append("\",\"campaignId\":\"").append(campaign)
                    .append("\",\"date\":\"").append(first.plusDays(i % 90)).append("\",\"visitors\":1}}");
        }
        body.append(']');
        String answer = post(base + 2, "/api/inbox", "application/cloudevents-batch+json", body.toString());
        Matcher status = STATUS.matcher(answer);
        int recorded = 0;
        while (status.find()) {
            if (!status.group(1).equals("RECORDED")) {
                fail("an inbox event was answered " + status.group(1) + ": " + answer.substring(0, Math.min(500, answer.length())));
            }
            recorded++;
        }
        if (recorded != count) {
            fail("the inbox answered " + recorded + " of " + count + " events: " + answer.substring(0, Math.min(500, answer.length())));
        }
    }

    private static int personVisits(String campaign) throws Exception {
        HttpResponse<String> response = HTTP.send(request(base, "/api/totals?campaignId=" + campaign).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return 0;
        }
        Matcher m = PERSON_VISITS.matcher(response.body());
        return m.find() ? Integer.parseInt(m.group(1)) : 0;
    }

    private static double relaySent() throws Exception {
        HttpResponse<String> response = HTTP.send(request(base + 2, "/actuator/prometheus").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Matcher m = SENT.matcher(response.body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static String post(int port, String path, String contentType, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(request(port, path).header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            fail("POST " + path + " answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    private static String created(String body) {
        Matcher m = ID.matcher(body);
        if (!m.find()) {
            fail("no id in " + body);
        }
        return m.group(1);
    }

    private static HttpRequest.Builder request(int port, String path) {
        return HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path)).header("Authorization", auth);
    }

    private static void signal(String signal, long pid) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
        if (kill.waitFor() != 0) {
            fail("kill -" + signal + " " + pid + " failed");
        }
    }

    private static void fail(String message) {
        throw new IllegalStateException(message);
    }
}
