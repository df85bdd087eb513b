/*
 * Inbox throughput of a running suite: how many CloudEvents per second one service records from its
 * Kafka inbox, measured from outside as a publisher sees it.
 *
 *   java -cp "$(./mvnw -q -o -pl examples/honor-room-kiosk dependency:build-classpath -Dmdep.outputFile=/dev/stdout)" \
 *        benchmarks/InboxThroughput.java [--events=20000] [--warmup=1000] [--orgs=20] \
 *        [--bootstrap-servers=localhost:9092] [--host=localhost] [--organization-port=8081] \
 *        [--checklist-port=8082] [--password=P | --data-dir=.jingzhun] [--timeout=600]
 *
 * (The classpath is only kafka-clients and an SLF4J binding: the example publisher's dependencies.)
 * Creates a campaign and --orgs organizations over HTTP, publishes --warmup honor-room visits
 * (jingzhun.checklist.HonorRoomVisited.v1, binary mode, key = organization) to jingzhun.checklist.inbox
 * and waits until they are recorded, then publishes --events more as fast as the producer goes and
 * polls the checklist service's jingzhun_inbox_events_total (GET /actuator/prometheus, every 250 ms)
 * until all of them are answered (RECORDED, DUPLICATE or REJECTED). Prints one line
 * "inbox CloudEvents/s: <x>" (events / seconds from the first send to the last one recorded), then
 * details, each "name: value" on a line. Exit code 0 when every event was recorded, 1 otherwise.
 */

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

public class InboxThroughput {

    private static final String INBOX = "jingzhun.checklist.inbox";
    private static final String TYPE = "jingzhun.checklist.HonorRoomVisited.v1";
    private static final Pattern ANSWERED = Pattern.compile(
            "^jingzhun_inbox_events_total\\{([^}]*)\\}\\s+([0-9.Ee+-]+)$", Pattern.MULTILINE);
    private static final Pattern STATUS = Pattern.compile("status=\"([A-Z]+)\"");
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static String host;
    private static String auth;

    public static void main(String[] args) throws Exception {
        // The Kafka client's configuration dump and INFO lines would bury the figures (slf4j-simple).
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn");
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String[] kv = arg.replaceFirst("^--", "").split("=", 2);
            options.put(kv[0], kv.length > 1 ? kv[1] : "true");
        }
        host = options.getOrDefault("host", "localhost");
        String password = options.containsKey("password") ? options.get("password")
                : Files.readString(Path.of(options.getOrDefault("data-dir", ".jingzhun"), "admin-password")).strip();
        auth = "Basic " + Base64.getEncoder().encodeToString(("admin:" + password).getBytes(StandardCharsets.UTF_8));
        int events = Integer.parseInt(options.getOrDefault("events", "20000"));
        int warmup = Integer.parseInt(options.getOrDefault("warmup", "1000"));
        int orgCount = Integer.parseInt(options.getOrDefault("orgs", "20"));
        int organizationPort = Integer.parseInt(options.getOrDefault("organization-port", "8081"));
        int checklistPort = Integer.parseInt(options.getOrDefault("checklist-port", "8082"));
        long timeoutNanos = Long.parseLong(options.getOrDefault("timeout", "600")) * 1_000_000_000L;
        String bootstrap = options.getOrDefault("bootstrap-servers", "localhost:9092");
        String source = "/benchmarks/inbox-throughput/" + UUID.randomUUID();

        String campaign = id(post(organizationPort, "/api/campaigns",
                "{\"name\":\"bench-" + System.nanoTime() + "\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}"));
        List<String> orgs = new ArrayList<>();
        for (int i = 0; i < orgCount; i++) {
            orgs.add(id(post(organizationPort, "/api/organizations",
                    "{\"name\":\"bench-" + System.nanoTime() + "\",\"tier\":\"SECTION\",\"sector\":\"ORGAN\"}")));
        }

        Properties properties = new Properties();
        properties.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        properties.put(ProducerConfig.ACKS_CONFIG, "all");
        properties.put(ProducerConfig.LINGER_MS_CONFIG, "5");
        properties.put(ProducerConfig.BATCH_SIZE_CONFIG, "131072");
        properties.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        properties.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(properties)) {
            Map<String, Double> before = answered(checklistPort);
            publish(producer, source, campaign, orgs, warmup);
            long warmupStart = System.nanoTime();
            awaitAnswered(checklistPort, before, warmup, warmupStart + timeoutNanos);
            double warmupSeconds = (System.nanoTime() - warmupStart) / 1e9;

            before = answered(checklistPort);
            long start = System.nanoTime();
            publish(producer, source, campaign, orgs, events);
            double publishSeconds = (System.nanoTime() - start) / 1e9;
            Map<String, Double> after = awaitAnswered(checklistPort, before, events, start + timeoutNanos);
            double seconds = (System.nanoTime() - start) / 1e9;

            long recorded = delta(after, before, "RECORDED");
            long duplicate = delta(after, before, "DUPLICATE");
            long rejected = delta(after, before, "REJECTED");
            System.out.printf("inbox CloudEvents/s: %.0f%n", recorded / seconds);
            System.out.printf("events: %d%n", events);
            System.out.printf("recorded: %d%n", recorded);
            System.out.printf("duplicate: %d%n", duplicate);
            System.out.printf("rejected: %d%n", rejected);
            System.out.printf("seconds: %.2f%n", seconds);
            System.out.printf("publish seconds: %.2f (%.0f CloudEvents/s produced)%n", publishSeconds,
                    events / publishSeconds);
            System.out.printf("warmup: %d events in %.2f s%n", warmup, warmupSeconds);
            System.out.printf("organizations: %d%n", orgCount);
            System.out.printf("inbox: %s (%s)%n", INBOX, TYPE);
            System.exit(recorded == events ? 0 : 1);
        }
    }

    /** Publishes {@code count} visits, one visitor each, round-robin over the organizations; waits for the acks. */
    private static void publish(KafkaProducer<String, byte[]> producer, String source, String campaign,
                                List<String> orgs, int count) throws Exception {
        List<java.util.concurrent.Future<?>> sent = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            String org = orgs.get(i % orgs.size());
            byte[] data = ("{\"orgId\":\"" + org + "\",\"campaignId\":\"" + campaign
                    + "\",\"date\":\"2019-09-20\",\"visitors\":1}").getBytes(StandardCharsets.UTF_8);
            ProducerRecord<String, byte[]> record = new ProducerRecord<>(INBOX, org, data);
            header(record, "ce_specversion", "1.0");
            header(record, "ce_id", UUID.randomUUID().toString());
            header(record, "ce_source", source);
            header(record, "ce_type", TYPE);
            header(record, "ce_time", OffsetDateTime.now().toString());
            header(record, "content-type", "application/json");
            sent.add(producer.send(record));
        }
        producer.flush();
        for (java.util.concurrent.Future<?> future : sent) {
            future.get();
        }
    }

    private static void header(ProducerRecord<String, byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    /** Polls until {@code count} more inbox events are answered than in {@code before}; fails at the deadline. */
    private static Map<String, Double> awaitAnswered(int port, Map<String, Double> before, int count, long deadline)
            throws Exception {
        while (true) {
            Map<String, Double> now = answered(port);
            long answered = delta(now, before, "RECORDED") + delta(now, before, "DUPLICATE")
                    + delta(now, before, "REJECTED");
            if (answered >= count) {
                return now;
            }
            if (System.nanoTime() > deadline) {
                System.err.printf("timed out: %d of %d answered (%s)%n", answered, count, now);
                return now;
            }
            Thread.sleep(250);
        }
    }

    private static long delta(Map<String, Double> after, Map<String, Double> before, String status) {
        return Math.round(after.getOrDefault(status, 0.0) - before.getOrDefault(status, 0.0));
    }

    /** The checklist inbox's answered events by status, from its Prometheus scrape. */
    private static Map<String, Double> answered(int port) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://" + host + ":" + port + "/actuator/prometheus")).header("Authorization", auth)
                .GET().build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET /actuator/prometheus → " + response.statusCode() + " " + response.body());
        }
        Map<String, Double> byStatus = new HashMap<>();
        Matcher line = ANSWERED.matcher(response.body());
        while (line.find()) {
            if (!line.group(1).contains("inbox=\"" + INBOX + "\"")) {
                continue;
            }
            Matcher status = STATUS.matcher(line.group(1));
            if (status.find()) {
                byStatus.merge(status.group(1), Double.parseDouble(line.group(2)), Double::sum);
            }
        }
        return byStatus;
    }

    private static String post(int port, String path, String body) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://" + host + ":" + port + path))
                .header("Authorization", auth).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " → " + response.statusCode() + " " + response.body());
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
