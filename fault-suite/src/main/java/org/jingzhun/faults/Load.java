package org.jingzhun.faults;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A load of acknowledged commands across the three writing services, as a careful client sends them:
 * each with its own {@code Idempotency-Key}, re-sent with the same key and body after a connection
 * failure, a 5xx or a "not known yet" refusal, until it is answered 2xx (then it is <em>acknowledged</em>
 * and recorded with its answer) or a bound passes (then it is counted as abandoned, never as acked).
 * A share of the acknowledged commands is sent once more ({@link #duplicateRate}): the answer must name
 * the same id and nothing new may be stored.
 */
final class Load {

    /** The commands sent, and where the checker finds the fact each one recorded. */
    enum Kind {
        ORGANIZATION(Service.ORGANIZATION), PROBLEM(Service.RECTIFICATION), SESSION(Service.CHECKLIST);

        final Service service;

        Kind(Service service) {
            this.service = service;
        }
    }

    record Command(Kind kind, String key, String path, String body) {
    }

    record Acked(Kind kind, String key, String id) {
    }

    private static final long RETRY_BOUND_NANOS = 180_000_000_000L;
    private static final long STUCK_KEY_NANOS = 30_000_000_000L;
    private static final Set<String> NOT_KNOWN_YET = Set.of("organization.unknown", "campaign.unknown",
            "member.unknown", "special-rectification.unknown");

    private final Cluster cluster;
    private final Api api = new Api();
    private final PrintStream log;
    private final int clients;
    private final double duplicateRate;
    private final Queue<Acked> acked = new ConcurrentLinkedQueue<>();
    final AtomicLong retries = new AtomicLong();
    final AtomicLong refused = new AtomicLong();
    final AtomicLong abandoned = new AtomicLong();
    /**
     * Commands whose key stayed claimed without an answer ({@code 409 idempotency-key-in-use} for more than
     * {@link #STUCK_KEY_NANOS}): the service died between the command's commit and keeping its answer
     * (IdempotencyFilter documents this); never acknowledged, so never counted as acked.
     */
    final AtomicLong stuckKeys = new AtomicLong();
    final AtomicLong duplicatesSent = new AtomicLong();
    final AtomicLong duplicateMismatches = new AtomicLong();
    private final List<Thread> workers = new ArrayList<>();
    private volatile boolean running;
    /** When set, only this kind of command is sent (a burst into one service). */
    private volatile Kind only;
    private String campaign;
    private String section;
    private final List<String> branches = new ArrayList<>();

    Load(Cluster cluster, PrintStream log, int clients, double duplicateRate) {
        this.cluster = cluster;
        this.log = log;
        this.clients = clients;
        this.duplicateRate = duplicateRate;
    }

    /** A campaign, a township and a few branches the load then records facts for. */
    void prepare() throws InterruptedException {
        campaign = send(new Command(Kind.ORGANIZATION, UUID.randomUUID().toString(), "/api/campaigns",
                "{\"name\":\"故障演练\",\"startsOn\":\"2019-09-01\",\"endsOn\":\"2019-11-30\"}")).id();
        section = send(new Command(Kind.ORGANIZATION, UUID.randomUUID().toString(), "/api/organizations",
                "{\"name\":\"兴隆镇党委\",\"tier\":\"SECTION\",\"sector\":\"TOWNSHIP\"}")).id();
        for (int i = 0; i < 4; i++) {
            branches.add(send(new Command(Kind.ORGANIZATION, UUID.randomUUID().toString(), "/api/organizations",
                    "{\"name\":\"支部" + i + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\",\"parentId\":\"" + section + "\"}")).id());
        }
    }

    String campaign() {
        return campaign;
    }

    List<Acked> acked() {
        return List.copyOf(acked);
    }

    /** Records a command acknowledged outside the load's own clients (a fault's own command). */
    void record(Acked command) {
        acked.add(command);
    }

    /** Sends only {@code kind} from now on ({@code null}: the usual mix). */
    void only(Kind kind) {
        this.only = kind;
    }

    /** Sends one command until acknowledged; {@code null} if refused or abandoned. */
    Acked sendOne(Kind kind, String key, String path, String body) throws InterruptedException {
        return send(new Command(kind, key, path, body));
    }

    String section() {
        return section;
    }

    List<String> branches() {
        return List.copyOf(branches);
    }

    void start() {
        start(clients);
    }

    void start(int clientCount) {
        running = true;
        for (int i = 0; i < clientCount; i++) {
            Thread worker = new Thread(this::run, "load-" + i);
            worker.start();
            workers.add(worker);
        }
    }

    /** Stops sending new commands and waits for those in flight to be acknowledged or abandoned. */
    void stop() throws InterruptedException {
        running = false;
        for (Thread worker : workers) {
            worker.join();
        }
        workers.clear();
    }

    private void run() {
        Random random = ThreadLocalRandom.current();
        try {
            while (running) {
                Command command = next(random);
                Acked answer = send(command);
                if (answer != null && random.nextDouble() < duplicateRate) {
                    duplicatesSent.incrementAndGet();
                    Acked again = send(command);
                    if (again == null || !again.id().equals(answer.id())) {
                        duplicateMismatches.incrementAndGet();
                        log.println("[load] duplicate of " + command.key() + " answered " + again + ", first " + answer);
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private Command next(Random random) {
        String key = UUID.randomUUID().toString();
        String branch = branches.get(random.nextInt(branches.size()));
        Kind kind = only;
        return switch (kind != null ? kind.ordinal() : random.nextInt(3)) {
            case 0 -> new Command(Kind.ORGANIZATION, key, "/api/organizations", "{\"name\":\"支部" + key.substring(0, 8)
                    + "\",\"tier\":\"BRANCH\",\"sector\":\"VILLAGE\",\"parentId\":\"" + section + "\"}");
            case 1 -> new Command(Kind.PROBLEM, key, "/api/problems", "{\"orgId\":\"" + branch + "\",\"campaignId\":\""
                    + campaign + "\",\"focusArea\":\"POVERTY_ALLEVIATION\",\"source\":\"SELF_INSPECTION\","
                    + "\"description\":\"帮扶台账不完整\",\"owner\":\"支部书记\",\"deadline\":\"2029-10-31\"}");
            default -> new Command(Kind.SESSION, key, "/api/organizations/" + branch + "/study-sessions",
                    "{\"campaignId\":\"" + campaign + "\",\"date\":\"2019-09-" + (10 + random.nextInt(20))
                            + "\",\"days\":1,\"format\":\"THEMED_PARTY_DAY\",\"readings\":[\"党章\"],\"attendees\":10}");
        };
    }

    /** Sends until acknowledged (recorded and returned) or refused/abandoned ({@code null}). */
    private Acked send(Command command) throws InterruptedException {
        URI service = cluster.uri(command.kind().service);
        long deadline = System.nanoTime() + RETRY_BOUND_NANOS;
        long keyInUseSince = 0;
        for (int attempt = 1; ; attempt++) {
            String why;
            try {
                Api.Answer answer = api.post(service, command.path(), command.body(), command.key());
                if (answer.status() / 100 == 2) {
                    Acked done = new Acked(command.kind(), command.key(), answer.json().path("id").asText());
                    if (!command.path().equals("/api/campaigns")) {
                        acked.add(done);
                    }
                    return done;
                }
                String code = answer.code();
                boolean passing = answer.status() >= 500 || answer.status() == 422 && NOT_KNOWN_YET.contains(code)
                        || answer.status() == 409 && ("idempotency-key-in-use".equals(code)
                        || "concurrent-modification".equals(code)) || answer.status() == 429;
                if (!passing) {
                    refused.incrementAndGet();
                    log.println("[load] refused " + command + ": " + answer);
                    return null;
                }
                why = answer.status() + " " + code;
                if ("idempotency-key-in-use".equals(code)) {
                    keyInUseSince = keyInUseSince == 0 ? System.nanoTime() : keyInUseSince;
                    if (System.nanoTime() - keyInUseSince > STUCK_KEY_NANOS) {
                        stuckKeys.incrementAndGet();
                        log.println("[load] key claimed without an answer for 30 s: " + command);
                        return null;
                    }
                } else {
                    keyInUseSince = 0;
                }
            } catch (IOException e) {
                why = e.toString();
            }
            if (System.nanoTime() > deadline) {
                abandoned.incrementAndGet();
                log.println("[load] abandoned " + command + " after " + attempt + " attempts: " + why);
                return null;
            }
            retries.incrementAndGet();
            // Back off 0.1 … 2 s: a killed service is back within tens of seconds.
            Thread.sleep(Math.min(2_000L, 100L << Math.min(attempt - 1, 5)));
        }
    }
}
