package org.jingzhun.suite.demo;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The services' public HTTP API as the demo loader uses it: HTTP Basic, JSON, and an
 * {@code Idempotency-Key} on every command, so a command sent again — after a failure, or by a second
 * load — is answered with its first answer and records nothing new. Facts that a service's inbox accepts
 * go there as CloudEvents batches ({@code POST /api/inbox}), each with a deterministic {@code id}: the
 * inbox records each (source, id) once, so a batch sent again records nothing new either. Retries what
 * may pass on its own (the replicas of checklist- and rectification-service not knowing a fresh
 * organization, campaign or member yet; a service briefly unreachable); anything else refused ends the load.
 */
final class ServiceClient {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    static final String REPLAYED = "Idempotency-Replayed";
    static final String INBOX = "/api/inbox";
    /** Who reports the demo's facts to the inboxes: with each event's id, the key the inbox records them once by. */
    static final String SOURCE = "urn:jingzhun:demo-county";
    private static final String BATCH = "application/cloudevents-batch+json";
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** A command may wait for the registry replica (5 s per lookup, three lookups) before it answers. */
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(60);
    /**
     * A batch's events are recorded one after the other: on a busy machine that takes minutes. A batch sent
     * again while the service still works on the first copy costs its work twice (each event is still
     * recorded once, the copy answering DUPLICATE for what the first recorded).
     */
    private static final Duration BATCH_TIMEOUT = Duration.ofMinutes(10);
    private static final int MAX_ATTEMPTS = 12;
    /** Refusals that mean "not replicated yet": the same command succeeds once the replica caught up. */
    private static final Set<String> NOT_KNOWN_YET = Set.of("organization.unknown", "campaign.unknown",
            "member.unknown", "special-rectification.unknown");
    private static final Set<String> RETRYABLE_CONFLICTS = Set.of("idempotency-key-in-use", "concurrent-modification");

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String authorization;
    private final AtomicInteger created = new AtomicInteger();
    private final AtomicInteger replayed = new AtomicInteger();
    private volatile Progress progress;

    ServiceClient(String username, String password) {
        this.authorization = "Basic " + Base64.getEncoder()
                .encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    /** The body of a command: the pairs in order, {@code null} values left out. */
    static Map<String, Object> body(Object... pairs) {
        Map<String, Object> body = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            Object value = pairs[i + 1];
            if (value != null) {
                // Dates as ISO text (2019-09-16), enums by name, the rest as Jackson writes it.
                boolean plain = value instanceof String || value instanceof Number || value instanceof Boolean
                        || value instanceof Iterable<?> || value instanceof Map<?, ?>;
                body.put((String) pairs[i], value instanceof Enum<?> e ? e.name() : plain ? value : value.toString());
            }
        }
        return body;
    }

    /** Counts each command answered from now on as a step of {@code phase}. */
    void reportTo(Progress phase) {
        this.progress = phase;
    }

    int created() {
        return created.get();
    }

    int replayed() {
        return replayed.get();
    }

    /** POSTs a command; its answer (the first answer if {@code key} was used before). */
    JsonNode post(URI service, String path, Map<String, Object> body, String key) {
        HttpRequest request = request(service, path).header("Content-Type", "application/json")
                .header(IDEMPOTENCY_KEY, key).POST(HttpRequest.BodyPublishers.ofByteArray(bytes(body))).build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request, "POST " + path + " [" + key + "]", attempt);
            if (response == null) {
                continue;
            }
            int status = response.statusCode();
            if (status / 100 == 2) {
                (response.headers().firstValue(REPLAYED).isPresent() ? replayed : created).incrementAndGet();
                step();
                return read(response.body());
            }
            String code = read(response.body()).path("code").asText("");
            boolean passing = status >= 500 || status == 422 && NOT_KNOWN_YET.contains(code)
                    || status == 409 && RETRYABLE_CONFLICTS.contains(code);
            if (!passing || attempt >= MAX_ATTEMPTS) {
                String hint = "idempotency-key-reused".equals(code)
                        ? " (this data directory holds a demo county loaded from another version of the data set;"
                        + " use a fresh --data-dir)" : "";
                throw new DemoLoadFailed("POST " + path + " [" + key + "] answered " + status + hint + ": "
                        + response.body());
            }
            pause(attempt);
        }
    }

    /**
     * A fact for a service's inbox: a CloudEvent of {@code type} whose {@code data} is the matching command's
     * body plus what its path names ({@code orgId}, {@code item}).
     *
     * @param id the CloudEvent's id, the same on every load
     */
    record Fact(String id, String type, Map<String, Object> data) {
    }

    /**
     * Reports the facts, in order, to the service's inbox as one CloudEvents batch and checks each answer:
     * {@code RECORDED} or {@code DUPLICATE} (recorded by an earlier load). Facts rejected for a reason that
     * passes on its own ({@link #NOT_KNOWN_YET}, a concurrent modification) are sent again after a pause, as
     * long as the attempts keep recording something; any other rejection ends the load, like a refused command.
     */
    void report(URI service, List<Fact> facts) {
        List<Fact> pending = facts;
        int idle = 1;
        while (!pending.isEmpty()) {
            String what = "POST " + INBOX + " [" + pending.get(0).id() + " and " + (pending.size() - 1) + " more]";
            HttpRequest request = request(service, INBOX).timeout(BATCH_TIMEOUT).header("Content-Type", BATCH)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(cloudEvents(pending)))).build();
            HttpResponse<String> response = send(request, what, idle);
            if (response == null) {
                idle++;
                continue;
            }
            JsonNode results = read(response.body()).path("results");
            if (response.statusCode() != 200 || results.size() != pending.size()) {
                if (response.statusCode() < 500 || idle >= MAX_ATTEMPTS) {
                    throw new DemoLoadFailed(what + " answered " + response.statusCode() + ": " + response.body());
                }
                pause(idle++);
                continue;
            }
            List<Fact> again = new ArrayList<>();
            for (int i = 0; i < pending.size(); i++) {
                Fact fact = pending.get(i);
                JsonNode result = results.get(i);
                String status = result.path("status").asText();
                if (!fact.id().equals(result.path("id").asText())) {
                    throw new DemoLoadFailed(what + ": answer " + i + " is not about " + fact.id() + ": " + result);
                }
                if ("RECORDED".equals(status) || "DUPLICATE".equals(status)) {
                    ("RECORDED".equals(status) ? created : replayed).incrementAndGet();
                    step();
                    continue;
                }
                JsonNode problem = result.path("problem");
                int code = problem.path("status").asInt();
                String reason = problem.path("code").asText("");
                boolean passing = code >= 500 || code == 422 && NOT_KNOWN_YET.contains(reason)
                        || code == 409 && RETRYABLE_CONFLICTS.contains(reason);
                if (!passing || idle >= MAX_ATTEMPTS) {
                    throw new DemoLoadFailed("POST " + INBOX + " [" + fact.id() + "] (" + fact.type() + ") was "
                            + status + ": " + result);
                }
                again.add(fact);
            }
            // Another replica catching up: patience while it progresses, an end once nothing passes for a while.
            idle = again.size() < pending.size() ? 1 : idle + 1;
            pending = again;
            if (!pending.isEmpty()) {
                pause(idle);
            }
        }
    }

    private List<Map<String, Object>> cloudEvents(List<Fact> facts) {
        List<Map<String, Object>> events = new ArrayList<>(facts.size());
        for (Fact fact : facts) {
            events.add(body("specversion", "1.0", "id", fact.id(), "source", SOURCE, "type", fact.type(),
                    "datacontenttype", "application/json", "data", fact.data()));
        }
        return events;
    }

    JsonNode get(URI service, String path) {
        HttpRequest request = request(service, path).GET().build();
        for (int attempt = 1; ; attempt++) {
            HttpResponse<String> response = send(request, "GET " + path, attempt);
            if (response == null) {
                continue;
            }
            if (response.statusCode() == 200) {
                return read(response.body());
            }
            if (response.statusCode() < 500 || attempt >= MAX_ATTEMPTS) {
                throw new DemoLoadFailed("GET " + path + " answered " + response.statusCode() + ": " + response.body());
            }
            pause(attempt);
        }
    }

    private void step() {
        Progress phase = progress;
        if (phase != null) {
            phase.step();
        }
    }

    private HttpRequest.Builder request(URI service, String path) {
        return HttpRequest.newBuilder(URI.create(service + path)).timeout(REQUEST_TIMEOUT)
                .header("Authorization", authorization).header("Accept", "application/json");
    }

    /** The response, or {@code null} after a failure worth another attempt (already paused for). */
    private HttpResponse<String> send(HttpRequest request, String what, int attempt) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        } catch (IOException e) {
            if (attempt >= MAX_ATTEMPTS) {
                throw new DemoLoadFailed(what + " failed " + attempt + " times: " + e, e);
            }
            pause(attempt);
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoLoadFailed(what + " interrupted", e);
        }
    }

    /** Backs off 0.2, 0.4, 0.8 … up to 5 s: the replicas catch up within seconds, restarts within a minute. */
    private static void pause(int attempt) {
        try {
            Thread.sleep(Math.min(5_000L, 200L << Math.min(attempt - 1, 10)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DemoLoadFailed("interrupted", e);
        }
    }

    private byte[] bytes(Object body) {
        try {
            return json.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private JsonNode read(String body) {
        if (body == null || body.isBlank()) {
            return json.nullNode();
        }
        try {
            return json.readTree(body);
        } catch (JsonProcessingException e) {
            return json.nullNode();
        }
    }
}
