package org.jingzhun.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * Runs the faults one after another on one embedded suite under a load of acknowledged commands, checks
 * the four invariants ({@link Checker}) after every single fault, and prints a table. {@link Settings}
 * says how many of each; {@link Settings#SHORT} is what {@code ./mvnw verify} runs.
 */
public final class FaultSuite {

    /**
     * @param clients            concurrent load clients
     * @param loadSeconds        load held before and after each fault
     * @param killsPerService    kill -9 of each service
     * @param brokerRestarts     Kafka broker SIGKILL and restarts
     * @param postgresRestarts   PostgreSQL immediate stops and restarts
     * @param sigstops           SIGSTOP/SIGCONT of each writing service
     * @param sigstopSeconds     how long a service stays stopped
     * @param fuzzRequests       fuzzed requests
     * @param duplicateRate      share of acknowledged commands sent once more, and of topic records re-published
     * @param gapTimeoutMillis   organization-service's gap timeout (the held transaction waits 10× as long)
     * @param laterEvents        events committed past an open transaction
     * @param maxGapOffset       organization-service's {@code max-gap-offset} (Axon's default is 10,000)
     * @param poisonRecords      poison records published to the checklist topic
     * @param rebalances         1→2→1 reporting instances with a rebuild during it
     */
    public record Settings(int clients, int loadSeconds, int killsPerService, int brokerRestarts, int postgresRestarts,
                           int sigstops, int sigstopSeconds, int fuzzRequests, double duplicateRate, int gapTimeoutMillis,
                           int laterEvents, int maxGapOffset, int poisonRecords, int rebalances) {

        /**
         * {@code ./mvnw verify}, kept to a few minutes: one kill -9 of organization-service, a transaction held
         * open, poison, duplicates, 1,000 fuzzed requests, a VERIFY replay; the other faults are a
         * {@code -Dfaults.<name>=1} away ({@code brokerRestarts}, {@code postgresRestarts}, {@code sigstops},
         * {@code laterEvents}, {@code rebalances}, {@code killEveryService=true}).
         */
        public static final Settings SHORT = new Settings(4, 2, 1, 0, 0, 0, 11, 1_000, 0.01, 1_000, 0, 250, 6, 0);
        public static final Settings FULL = new Settings(4, 8, 10, 5, 2, 2, 20, 10_000, 0.01, 1_000, 20_000, 10_000, 60, 2);

        /** {@code short} or {@code full}, each count overridable by a system property {@code faults.<name>}. */
        public static Settings named(String name) {
            Settings base = "full".equals(name) ? FULL : SHORT;
            return new Settings(Integer.getInteger("faults.clients", base.clients),
                    Integer.getInteger("faults.loadSeconds", base.loadSeconds),
                    Integer.getInteger("faults.killsPerService", base.killsPerService),
                    Integer.getInteger("faults.brokerRestarts", base.brokerRestarts),
                    Integer.getInteger("faults.postgresRestarts", base.postgresRestarts),
                    Integer.getInteger("faults.sigstops", base.sigstops),
                    Integer.getInteger("faults.sigstopSeconds", base.sigstopSeconds),
                    Integer.getInteger("faults.fuzzRequests", base.fuzzRequests), base.duplicateRate,
                    Integer.getInteger("faults.gapTimeoutMillis", base.gapTimeoutMillis),
                    Integer.getInteger("faults.laterEvents", base.laterEvents),
                    Integer.getInteger("faults.maxGapOffset", base.maxGapOffset),
                    Integer.getInteger("faults.poisonRecords", base.poisonRecords),
                    Integer.getInteger("faults.rebalances", base.rebalances));
        }

        /** The short run stops organization-service only; a longer one each writing service. */
        boolean sigstopEveryService() {
            return killsPerService > 1;
        }

        /**
         * The short run kills organization-service only (a restart of reporting takes minutes on a busy 2-core
         * machine); {@code -Dfaults.killEveryService=true} or more than one kill per service: each service.
         */
        boolean killEveryService() {
            return killsPerService > 1 || Boolean.getBoolean("faults.killEveryService");
        }
    }

    /** One line of the table. */
    public record Row(String fault, String load, int faults, int survived, long acked, long lost, long doubled, String seen) {
    }

    private final Settings settings;
    private final PrintStream out;
    private final PrintStream log;
    private final Path dataDir;
    private final List<Row> rows = new ArrayList<>();
    private Cluster cluster;
    private Load load;
    private Checker checker;

    public FaultSuite(Settings settings, Path dataDir, PrintStream out, PrintStream log) {
        this.settings = settings;
        this.dataDir = dataDir;
        this.out = out;
        this.log = log;
    }

    public List<Row> run() throws Exception {
        long started = System.nanoTime();
        cluster = new Cluster(dataDir, log);
        // Harsher than the defaults on purpose: the relay's tracker gives gaps up soon, so that the safety
        // net has to catch what a held transaction commits late.
        cluster.configure(Service.ORGANIZATION, "--jingzhun.event-store.gap-timeout-millis=" + settings.gapTimeoutMillis(),
                "--jingzhun.event-store.max-gap-offset=" + settings.maxGapOffset());
        try {
            cluster.start();
            out.printf("[faults] suite up in %.0f s%n", (System.nanoTime() - started) / 1e9);
            load = new Load(cluster, log, settings.clients(), settings.duplicateRate());
            checker = new Checker(cluster, log, Duration.ofMinutes(3));
            load.prepare();
            repeat("no fault (baseline)", 1, () -> { });
            for (Service service : Service.values()) {
                if (!settings.killEveryService() && service != Service.ORGANIZATION) {
                    continue;
                }
                repeat("kill -9 " + service.shortName + " service", settings.killsPerService(), () -> {
                    cluster.kill9(service);
                    cluster.restart(service);
                });
            }
            repeat("Kafka broker SIGKILL + restart", settings.brokerRestarts(), () -> {
                cluster.killKafka();
                cluster.startKafka();
            });
            repeat("PostgreSQL immediate stop (SIGQUIT) + restart", settings.postgresRestarts(), () -> {
                cluster.crashPostgres();
                cluster.startPostgres();
            });
            for (Service service : Service.values()) {
                if (service.writing() && (service == Service.ORGANIZATION || settings.sigstopEveryService())) {
                    repeat("SIGSTOP " + service.shortName + " " + settings.sigstopSeconds() + " s, SIGCONT",
                            settings.sigstops(), () -> {
                                cluster.signal(service, "STOP");
                                Thread.sleep(settings.sigstopSeconds() * 1000L);
                                cluster.signal(service, "CONT");
                            });
                }
            }
            guarded(String.format("transaction held open 10× gapTimeout (%d s)", settings.gapTimeoutMillis() / 100),
                    name -> heldOpen(name, settings.clients(), true, hold -> Thread.sleep(10L * settings.gapTimeoutMillis())));
            guarded(String.format("%,d events committed past an open transaction (max-gap-offset %,d)",
                    settings.laterEvents(), settings.maxGapOffset()), name -> heldOpen(name, 8, settings.laterEvents() > 0, hold -> {
                load.only(Load.Kind.ORGANIZATION);
                long from = hold.committedEvents();
                long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
                while (hold.committedEvents() < from + settings.laterEvents()) {
                    if (System.nanoTime() > deadline) {
                        throw new IllegalStateException("only " + (hold.committedEvents() - from) + " events committed in 15 min");
                    }
                    Thread.sleep(500);
                }
                load.only(null);
            }));
            guarded("poison records", name -> poison());
            guarded("re-published topic records", name -> republish());
            for (int i = 0; i < settings.rebalances(); i++) {
                guarded("rebalance 1→2→1 reporting instances, REBUILD replay during it", name -> rebalance());
            }
            guarded("duplicate deliveries", name -> duplicates());
            guarded("fuzzed HTTP requests", name -> fuzz());
            guarded("VERIFY replay", name -> verifyReplay());
        } finally {
            cluster.close();
        }
        out.printf("[faults] done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        out.print(table(rows));
        return List.copyOf(rows);
    }

    /** Adds a row and writes the table so far, so that a run cut short still leaves its figures. */
    private void add(Row row) {
        rows.add(row);
        try {
            Files.createDirectories(Path.of("target"));
            Files.writeString(Path.of("target", "faults-table.md"), table(rows));
        } catch (IOException e) {
            log.println("[faults] could not write target/faults-table.md: " + e);
        }
    }

    private interface Fault {
        void inject() throws IOException, InterruptedException;
    }

    /** {@code times} × (load, fault, recovery, load, stop the load, check). */
    private void repeat(String fault, int times, Fault injection) throws InterruptedException {
        if (times <= 0) {
            return;
        }
        try {
            repeatOrFail(fault, times, injection);
        } catch (IOException | RuntimeException e) {
            failed(fault, times, e);
        }
    }

    /** A fault that could not be run to its end is a row that failed, with why; the next fault still runs. */
    private void failed(String fault, int times, Exception e) throws InterruptedException {
        e.printStackTrace(log);
        out.println("[faults] " + fault + " could not run: " + e);
        load.stop();
        add(new Row(fault, "-", times, 0, load.acked().size(), -1, -1, "ERROR " + e));
    }

    private void repeatOrFail(String fault, int times, Fault injection) throws IOException, InterruptedException {
        int survived = 0;
        long lost = 0;
        long doubled = 0;
        long ackedBefore = load.acked().size();
        long loadNanos = 0;
        Checker.Result last = null;
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < times; i++) {
            long started = System.nanoTime();
            load.start();
            Thread.sleep(settings.loadSeconds() * 1000L);
            long injected = System.nanoTime();
            injection.inject();
            long recovered = System.nanoTime();
            Thread.sleep(settings.loadSeconds() * 1000L);
            load.stop();
            loadNanos += System.nanoTime() - started;
            log.printf("[faults] %s #%d: recovered in %.1f s%n", fault, i + 1, (recovered - injected) / 1e9);
            last = checker.check(load.acked(), load.campaign());
            lost = Math.max(lost, last.lost());
            doubled = Math.max(doubled, last.doubled());
            if (last.passed()) {
                survived++;
            } else {
                failures.addAll(last.failures());
            }
            out.printf("[faults] %s #%d/%d: %s%n", fault, i + 1, times, last.summary());
        }
        long ackedNow = load.acked().size();
        String loadHeld = String.format("%d clients, %.0f cmd/s", settings.clients(),
                (ackedNow - ackedBefore) / (loadNanos / 1e9));
        String seen = String.format("events stored %d, facts stored without an ack %d, topic dup. %d, dead letters %d, "
                        + "client retries %d%s", last.storedEvents(), last.storedUnacked(),
                last.topicDuplicates(), last.deadLettered(), load.retries.get(),
                failures.isEmpty() ? "" : "; " + failures.stream().limit(3).toList());
        add(new Row(fault, loadHeld, times, survived, last.acked(), lost, doubled, seen));
    }

    private interface Step {
        void run(String name) throws Exception;
    }

    private void guarded(String name, Step step) throws InterruptedException {
        try {
            step.run(name);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            load.only(null);
            failed(name, 1, e);
        }
    }

    private interface Hold {
        void until(HeldTransaction hold) throws Exception;
    }

    /**
     * A real command (an organization registered) whose transaction stays open between the insert of its
     * event and its commit while the load goes on, then commits: the relay's tracker has given the gap up
     * by then, the safety net must relay it, exactly once.
     */
    private void heldOpen(String fault, int clients, boolean enabled, Hold condition) throws Exception {
        if (!enabled) {
            return;
        }
        long recoveredBefore = metric(Service.ORGANIZATION, "jingzhun_relay_recovered_total");
        long ackedBefore = load.acked().size();
        long started = System.nanoTime();
        load.start(clients);
        String key = java.util.UUID.randomUUID().toString();
        java.util.concurrent.CompletableFuture<Api.Answer> held;
        long heldNanos;
        try (HeldTransaction hold = new HeldTransaction(cluster.database(Service.ORGANIZATION.database()))) {
            held = java.util.concurrent.CompletableFuture.supplyAsync(() -> {
                try {
                    return new Api().send(cluster.uri(Service.ORGANIZATION), "POST", "/api/organizations",
                            "application/json", ("{\"name\":\"" + HeldTransaction.MARKER + " " + key + "\",\"tier\":\"COUNTY\","
                                    + "\"sector\":\"COUNTY_LEADERSHIP\"}")
                                    .getBytes(java.nio.charset.StandardCharsets.UTF_8), key, Duration.ofMinutes(40));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IllegalStateException(e);
                }
            });
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!hold.holding()) {
                if (System.nanoTime() > deadline || held.isDone()) {
                    throw new IllegalStateException("the marked command was not held: " + (held.isDone() ? held.join() : "timeout"));
                }
                Thread.sleep(100);
            }
            long holding = System.nanoTime();
            condition.until(hold);
            heldNanos = System.nanoTime() - holding;
        }
        Api.Answer answer = held.get(5, java.util.concurrent.TimeUnit.MINUTES);
        if (answer.status() / 100 == 2) {
            load.record(new Load.Acked(Load.Kind.ORGANIZATION, key, answer.json().path("id").asText()));
        }
        Thread.sleep(settings.loadSeconds() * 1000L);
        load.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        Checker.Result check = checker.check(load.acked(), load.campaign());
        long recovered = metric(Service.ORGANIZATION, "jingzhun_relay_recovered_total") - recoveredBefore;
        out.printf("[faults] %s: held %.1f s, answered %d; safety net recovered %d; %s%n", fault, heldNanos / 1e9,
                answer.status(), recovered, check.summary());
        add(new Row(fault, String.format("%d clients, %.0f cmd/s", clients, (load.acked().size() - ackedBefore) / seconds),
                1, check.passed() && answer.status() / 100 == 2 ? 1 : 0, check.acked(), check.lost(), check.doubled(),
                String.format("held %.1f s; held command answered %d; safety net recovered %d (jingzhun_relay_recovered_total)%s",
                        heldNanos / 1e9, answer.status(), recovered, failures(check))));
    }

    /** Poison records, one per partition of the checklist topic in turn, among the load's own records. */
    private void poison() throws InterruptedException {
        String topic = Service.CHECKLIST.topic;
        List<String> ids = new ArrayList<>();
        load.start();
        Thread.sleep(settings.loadSeconds() * 1000L);
        try (var producer = producer()) {
            int partitions = producer.partitionsFor(topic).size();
            for (int i = 0; i < settings.poisonRecords(); i++) {
                String id = "poison-" + java.util.UUID.randomUUID();
                ids.add(id);
                byte[] value = switch (i % 3) {
                    case 0 -> "this is not JSON {".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    case 1 -> "{\"recordId\":42,\"days\":\"many\"}".getBytes(java.nio.charset.StandardCharsets.UTF_8);
                    default -> new byte[] {(byte) 0xc3, 0x28, 0x00};
                };
                var record = new org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]>(topic, i % partitions,
                        ("poison-key-" + i).getBytes(java.nio.charset.StandardCharsets.UTF_8), value);
                header(record, "ce_specversion", "1.0");
                header(record, "ce_id", id);
                header(record, "ce_source", "fault-suite");
                header(record, "ce_type", "jingzhun.checklist.StudySessionHeld.v1");
                header(record, "ce_time", java.time.OffsetDateTime.now().toString());
                header(record, "ce_subject", "poison-key-" + i);
                header(record, "content-type", "application/json");
                producer.send(record).get(30, java.util.concurrent.TimeUnit.SECONDS);
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot publish poison", e);
        }
        Thread.sleep(settings.loadSeconds() * 1000L);
        load.stop();
        Checker.Result check = checker.check(load.acked(), load.campaign());
        long parked = checker.countBy(Service.REPORTING, "SELECT 'n', count(*) FROM projector_dead_letter WHERE event_id LIKE 'poison-%'")
                .getOrDefault("n", 0L);
        long onDlt = checker.readTopic(topic + ".dlt").stream().filter(r -> r.ceId() != null && ids.contains(r.ceId()))
                .map(Checker.TopicRecord::ceId).distinct().count();
        boolean passed = check.passed() && parked == ids.size() && onDlt == ids.size();
        add(new Row(ids.size() + " poison records (checklist topic, every partition)", settings.clients() + " clients",
                ids.size(), passed ? ids.size() : 0, check.acked(), check.lost(), check.doubled(),
                String.format("dead-lettered %d of %d, on %s.dlt %d; later records on the same partitions projected%s",
                        parked, ids.size(), topic, onDlt, failures(check))));
    }

    /** Re-publishes a share of the topic records as they are (a producer retry, a relay re-sending a batch). */
    private void republish() throws InterruptedException {
        List<Checker.TopicRecord> records = checker.readTopics();
        java.util.Random random = new java.util.Random(42);
        int sent = 0;
        try (var producer = producer()) {
            for (Checker.TopicRecord record : records) {
                if (record.ceId() != null && !record.ceId().startsWith("poison-") && random.nextDouble() < settings.duplicateRate()) {
                    var raw = record.raw();
                    producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>(raw.topic(), raw.partition(),
                            raw.key(), raw.value(), raw.headers())).get(30, java.util.concurrent.TimeUnit.SECONDS);
                    sent++;
                }
            }
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot re-publish", e);
        }
        Checker.Result check = checker.check(load.acked(), load.campaign());
        add(new Row(String.format("%.0f %% of topic records re-published (%d of %d)", settings.duplicateRate() * 100,
                sent, records.size()), "after the load", sent, check.passed() ? sent : 0, check.acked(), check.lost(),
                check.doubled(), String.format("topic duplicates %d, projected twice %d%s", check.topicDuplicates(),
                        check.projectedTwice(), failures(check))));
    }

    /** 1 → 2 → 1 reporting instances under load, with a rebuild (replay and swap) started while there are two. */
    private void rebalance() throws IOException, InterruptedException {
        long ackedBefore = load.acked().size();
        long started = System.nanoTime();
        load.start();
        Thread.sleep(settings.loadSeconds() * 1000L);
        cluster.startExtraReporting();
        Thread.sleep(settings.loadSeconds() * 1000L);
        JsonNodeAnswer replay = replay("REBUILD");
        cluster.stopExtraReporting();
        Thread.sleep(settings.loadSeconds() * 1000L);
        load.stop();
        double seconds = (System.nanoTime() - started) / 1e9;
        Checker.Result check = checker.check(load.acked(), load.campaign());
        boolean passed = check.passed() && "COMPLETED".equals(replay.status());
        add(new Row("rebalance 1→2→1 reporting instances, REBUILD replay during it",
                String.format("%d clients, %.0f cmd/s", settings.clients(), (load.acked().size() - ackedBefore) / seconds),
                1, passed ? 1 : 0, check.acked(), check.lost(), check.doubled(),
                "replay " + replay.summary() + failures(check)));
    }

    /** A verifying replay at the end: reporting rebuilds everything from the topics into scratch tables and compares. */
    private void verifyReplay() throws InterruptedException {
        JsonNodeAnswer replay = replay("VERIFY");
        Checker.Result check = checker.check(load.acked(), load.campaign());
        boolean equal = "true".equals(replay.json().path("totalsEqual").asText());
        add(new Row("VERIFY replay at the end (independent rebuild from the topics)", "none", 1,
                equal && check.passed() ? 1 : 0, check.acked(), check.lost(), check.doubled(), "replay " + replay.summary()));
    }

    private record JsonNodeAnswer(String status, com.fasterxml.jackson.databind.JsonNode json) {
        String summary() {
            return status + ", totalsEqual " + json.path("totalsEqual").asText("?") + ", events " + json.path("eventsDone").asText("?")
                    + (json.has("differences") ? ", differences " + json.path("differences") : "")
                    + (json.has("error") ? ", error " + json.path("error").asText() : "");
        }
    }

    private JsonNodeAnswer replay(String mode) throws InterruptedException {
        Api api = new Api();
        try {
            Api.Answer started = api.post(cluster.uri(Service.REPORTING), "/api/admin/replay", "{\"mode\":\"" + mode + "\"}", null);
            if (started.status() != 202) {
                return new JsonNodeAnswer("NOT STARTED " + started.status(), started.json());
            }
            String id = started.json().path("id").asText();
            long deadline = System.nanoTime() + Duration.ofMinutes(15).toNanos();
            while (System.nanoTime() < deadline) {
                Api.Answer status = api.get(cluster.uri(Service.REPORTING), "/api/admin/replay/" + id);
                String state = status.json().path("status").asText();
                if (!"RUNNING".equals(state)) {
                    return new JsonNodeAnswer(state, status.json());
                }
                Thread.sleep(500);
            }
            return new JsonNodeAnswer("TIMED OUT", Api.JSON.nullNode());
        } catch (IOException e) {
            return new JsonNodeAnswer("ERROR " + e, Api.JSON.nullNode());
        }
    }

    private org.apache.kafka.clients.producer.KafkaProducer<byte[], byte[]> producer() {
        java.util.Properties config = new java.util.Properties();
        config.put("bootstrap.servers", cluster.bootstrapServers());
        config.put("acks", "all");
        return new org.apache.kafka.clients.producer.KafkaProducer<>(config,
                new org.apache.kafka.common.serialization.ByteArraySerializer(),
                new org.apache.kafka.common.serialization.ByteArraySerializer());
    }

    private static void header(org.apache.kafka.clients.producer.ProducerRecord<byte[], byte[]> record, String name, String value) {
        record.headers().add(name, value.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    }

    /** The sum of a counter's series in a service's Prometheus scrape, -1 if unreadable. */
    private long metric(Service service, String name) {
        try {
            Api.Answer scrape = new Api().get(cluster.uri(service), "/actuator/prometheus");
            double sum = 0;
            for (String line : scrape.body().split("\n")) {
                if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                    sum += Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
                }
            }
            return scrape.status() == 200 ? Math.round(sum) : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String failures(Checker.Result check) {
        return check.failures().isEmpty() ? "" : "; " + check.failures().stream().limit(3).toList();
    }

    /** Every load phase re-sent a share of its acknowledged commands with the same key and body. */
    private void duplicates() throws InterruptedException {
        Checker.Result check = checker.check(load.acked(), load.campaign());
        add(new Row(String.format("%.0f %% duplicate deliveries (same key re-sent)", settings.duplicateRate() * 100),
                "during all load above", (int) load.duplicatesSent.get(),
                (int) (load.duplicatesSent.get() - load.duplicateMismatches.get()), check.acked(), check.lost(),
                check.doubled() + load.duplicateMismatches.get(),
                "answers naming another id " + load.duplicateMismatches.get() + "; load: refused " + load.refused.get()
                        + ", abandoned " + load.abandoned.get() + ", keys left claimed without an answer by a kill "
                        + load.stuckKeys.get()));
    }

    /**
     * Fuzzed requests with the load stopped: no 5xx, and every event stored meanwhile belongs to an aggregate
     * that an accepted request named in its answer (nothing stored from a rejected request).
     */
    private void fuzz() throws InterruptedException {
        Map<Service, Long> before = new EnumMap<>(Service.class);
        for (Service service : Service.values()) {
            if (service.writing()) {
                before.put(service, checker.countBy(service, "SELECT 'max', coalesce(max(global_index), 0) FROM domain_event_entry")
                        .get("max"));
            }
        }
        long started = System.nanoTime();
        String org = load.branches().get(0);
        Fuzzer.Result result = new Fuzzer(cluster, log).run(settings.fuzzRequests(), load.campaign(), org, 20261203L);
        double seconds = (System.nanoTime() - started) / 1e9;
        List<String> storedWithoutAcceptance = new ArrayList<>();
        Map<Service, Long> delta = new EnumMap<>(Service.class);
        for (Map.Entry<Service, Long> entry : before.entrySet()) {
            Map<String, Long> stored = checker.countBy(entry.getKey(), "SELECT aggregate_identifier, count(*) FROM "
                    + "domain_event_entry WHERE global_index > " + entry.getValue() + " GROUP BY 1");
            delta.put(entry.getKey(), stored.values().stream().mapToLong(Long::longValue).sum());
            stored.keySet().stream().filter(aggregate -> !result.acceptedIds().contains(aggregate))
                    .forEach(aggregate -> storedWithoutAcceptance.add(entry.getKey().shortName + " stored events of "
                            + aggregate + " that no accepted request named"));
        }
        Checker.Result check = checker.check(load.acked(), load.campaign());
        boolean passed = result.serverErrors() == 0 && storedWithoutAcceptance.isEmpty() && check.passed();
        out.printf("[faults] fuzz: %d requests in %.0f s, statuses %s, 5xx/cut %d, accepted writes %s, events stored %s%s%n",
                result.requests(), seconds, result.statuses(), result.serverErrors(), result.unsafeAccepted(), delta,
                storedWithoutAcceptance);
        add(new Row(String.format("%,d fuzzed HTTP requests, every endpoint", result.requests()),
                String.format("%.0f req/s, 1 client", result.requests() / seconds), 1, passed ? 1 : 0, check.acked(),
                check.lost(), check.doubled(), String.format("5xx %d; statuses %s; %saccepted writes %s (see faults.log), "
                                + "events stored %s, all of aggregates named by accepted answers: %s%s",
                        result.serverErrors(), result.statuses(), result.cutThenAnswered().isEmpty() ? ""
                                : "cut while the client was still sending (-1), the same request answered with "
                                + "Expect: 100-continue " + result.cutThenAnswered() + " (finding 6); ",
                        result.unsafeAccepted(), delta,
                        storedWithoutAcceptance.isEmpty() ? "yes" : "NO " + storedWithoutAcceptance.stream().limit(3).toList(),
                        failures(check))));
    }

    static String table(List<Row> rows) {
        StringBuilder table = new StringBuilder();
        table.append("| fault | load held | faults survived | acked commands | lost | double-counted | seen |\n");
        table.append("|---|---|---|---|---|---|---|\n");
        for (Row row : rows) {
            table.append(String.format("| %s | %s | %d/%d | %,d | %d | %d | %s |%n", row.fault(), row.load(), row.survived(),
                    row.faults(), row.acked(), row.lost(), row.doubled(), row.seen()));
        }
        return table.toString();
    }

    /** {@code java -cp … org.jingzhun.faults.FaultSuite [short|full] [DATA_DIR]}. */
    public static void main(String[] args) throws Exception {
        Path dataDir = args.length > 1 ? Path.of(args[1]) : java.nio.file.Files.createTempDirectory("jingzhun-faults");
        PrintStream log = new PrintStream(java.nio.file.Files.newOutputStream(dataDir.resolve("faults.log")), true,
                java.nio.charset.StandardCharsets.UTF_8);
        List<Row> rows = new FaultSuite(Settings.named(args.length > 0 ? args[0] : "short"), dataDir, System.out, log).run();
        System.exit(rows.stream().allMatch(r -> r.survived() == r.faults() && r.lost() == 0 && r.doubled() == 0) ? 0 : 1);
    }
}
