package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.jingzhun.platform.axon.Actor;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes command requests that carry an {@code Idempotency-Key} safe to retry, without holding a
 * database connection while the request runs (a request may wait seconds for the organization
 * registry; holding a pooled connection meanwhile starved the pool under load).
 *
 * <p>How a key is kept:
 * <ol>
 * <li>A short look-up first: a key already answered replays its first answer (or 422 when it was used
 *     for a different request); a key whose first request is still running is waited for.</li>
 * <li>Otherwise the request runs. The key is claimed by {@link IdempotencyClaimInterceptor} inside the
 *     transaction of the request's first command, with the command's events: both commit or neither
 *     does. A concurrent duplicate blocks on that row only for the length of the command's transaction,
 *     finds the key taken, records nothing and waits for the first answer.</li>
 * <li>Then the answer is kept, written behind the request with the other requests' answers in a short
 *     transaction committed without waiting for its WAL flush (the command's commit was the durable one;
 *     {@link IdempotencyAnswers}). A refused request that recorded nothing leaves no
 *     trace and may be corrected and retried with the same key.</li>
 * </ol>
 * If the process dies between a command's commit and writing its answer (or the database loses the
 * answer's asynchronous commit in a crash), the key stays claimed without
 * an answer. A retry waits {@code answerWait} for that answer, then runs the request again: every
 * command that committed before returns the result it kept in its own transaction instead of being
 * handled again, ids are derived from the key ({@link ClientIds#newId()}), so the retry rebuilds the
 * first answer and records nothing twice. Should the request take another path this time (a check
 * before its commands now refuses it), the retry is answered 409 {@code idempotency-key-in-use} rather
 * than with an answer that would deny what was recorded. Requests whose commands their caller
 * deduplicates ({@link #commandsDeduplicatedByCaller()}, the inbox) keep no results and get that 409.
 *
 * <p>Commands must be handled on the requesting thread (Axon's {@code SimpleCommandBus}), where the
 * interceptor finds the request's key.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    /** The {@code path} column's size; the request hash covers the whole path. */
    private static final int MAX_STORED_PATH = 2000;
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");
    private static final ThreadLocal<Pending> CURRENT = new ThreadLocal<>();

    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final Duration answerWait;
    private final IdempotencyAnswers answers;

    IdempotencyFilter(JdbcClient jdbc, ObjectMapper json, Duration answerWait, IdempotencyAnswers answers) {
        this.jdbc = jdbc;
        this.json = json;
        this.answerWait = answerWait;
        this.answers = answers;
    }

    /** The keyed request this thread is serving, if any. */
    static Pending current() {
        return CURRENT.get();
    }

    /**
     * Declares that the commands the current request sends are deduplicated by the caller itself (the
     * inbox, once per CloudEvent source and id): its key is claimed, but no command results are kept,
     * as a retry may send fewer commands than the first attempt.
     */
    public static void commandsDeduplicatedByCaller() {
        Pending pending = CURRENT.get();
        if (pending != null) {
            pending.deduplicatedByCaller = true;
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH || TextRules.violation(key, MAX_KEY_LENGTH) != null) {
            writeProblem(response, ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters, no control characters",
                    List.of(new FieldError(HEADER, "1 to " + MAX_KEY_LENGTH + " characters, no control characters"))));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        Pending pending = new Pending(Actor.current(), key, sha256(request.getMethod() + " " + path + "\n", body),
                request.getMethod(), path.length() > MAX_STORED_PATH ? path.substring(0, MAX_STORED_PATH) : path);
        try {
            if (answered(pending, response, true)) {
                return;
            }
            ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
            CURRENT.set(pending);
            try {
                chain.doFilter(new ReplayableRequest(request, body), cached);
            } finally {
                CURRENT.remove();
            }
            if (pending.duplicate) {
                // A concurrent request with this key recorded first: answer as it did.
                cached.resetBuffer();
                if (answered(pending, cached, false)) {
                    cached.copyBodyToResponse();
                    return;
                }
            } else if (pending.commands < pending.committed.size()) {
                // A retry that did not reach every command the first attempt committed: its answer
                // would not be the first one.
                cached.reset();
                writeProblem(cached, keyInUse());
            } else {
                keep(pending, cached);
            }
            cached.copyBodyToResponse();
        } catch (DataAccessException e) {
            if (!ProblemDetailsAdvice.unavailable(e) || response.isCommitted()) {
                throw e;
            }
            response.reset();
            response.setHeader(HttpHeaders.RETRY_AFTER, "5");
            writeProblem(response, ProblemDetailsAdvice.unavailableProblem());
        }
    }

    /**
     * Answers from the record of this key when there is one: the first answer, 422 for a different
     * request, or, when the first request committed commands but has kept no answer after
     * {@code answerWait}, lets this one run again with the commands' kept results when
     * {@code mayRunAgain} (otherwise 409).
     */
    private boolean answered(Pending pending, HttpServletResponse response, boolean mayRunAgain) throws IOException {
        long deadline = System.nanoTime() + answerWait.toNanos();
        long pause = 10;
        while (true) {
            Optional<Stored> stored = stored(pending);
            if (stored.isEmpty()) {
                return false;
            }
            Stored answer = stored.get();
            if (!answer.requestHash().equals(pending.hash)) {
                writeProblem(response, ProblemDetailsAdvice.problem(HttpStatus.UNPROCESSABLE_ENTITY,
                        "idempotency-key-reused", "This Idempotency-Key was used for a different request",
                        List.of(new FieldError(HEADER, "already used for a different request"))));
                return true;
            }
            if (answer.status() != null) {
                replay(answer, response);
                return true;
            }
            if (System.nanoTime() >= deadline) {
                List<Object> committed = CommandResults.decode(json, answer.commandResults());
                if (mayRunAgain && !committed.isEmpty()) {
                    pending.committed = committed;
                    pending.claimed = true;
                    return false;
                }
                writeProblem(response, keyInUse());
                return true;
            }
            try {
                // No connection is held while waiting: each look-up borrows one briefly.
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IOException("interrupted while waiting for the first answer", e);
            }
            pause = Math.min(pause * 2, 200);
        }
    }

    private static ProblemDetail keyInUse() {
        return ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "idempotency-key-in-use",
                "A request with this Idempotency-Key is still being processed", List.of());
    }

    private Optional<Stored> stored(Pending pending) {
        Optional<IdempotencyAnswers.Answer> unwritten = answers.unwritten(pending.principal, pending.key);
        if (unwritten.isPresent()) {
            IdempotencyAnswers.Answer answer = unwritten.get();
            return Optional.of(new Stored(answer.requestHash(), answer.status(), answer.contentType(), answer.location(),
                    answer.body(), null));
        }
        return jdbc.sql("""
                        SELECT request_hash, status, content_type, location, body, command_results::text AS command_results
                        FROM idempotency_record
                        WHERE principal = ? AND idempotency_key = ?""")
                .params(pending.principal, pending.key).query(Stored.class).optional();
    }

    /**
     * Keeps the answer: always when a command of this request committed (a retry must not record again,
     * whatever the answer was; written behind the request by {@link IdempotencyAnswers}), otherwise only a
     * success (a refusal leaves no trace).
     */
    private void keep(Pending pending, ContentCachingResponseWrapper answer) {
        boolean success = answer.getStatus() >= 200 && answer.getStatus() < 300;
        if (pending.claimed) {
            answers.keep(new IdempotencyAnswers.Answer(pending.principal, pending.key, pending.hash,
                    answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                    answer.getContentAsByteArray()));
        } else if (success) {
            // A success that sent no command (nothing changed): kept all the same, the first answer wins.
            jdbc.sql("""
                            INSERT INTO idempotency_record (principal, idempotency_key, request_hash, method, path,
                                                            status, content_type, location, body)
                            SELECT ?, ?, ?, ?, ?, ?, ?, ?, ? WHERE""" + IdempotencyAnswers.ASYNCHRONOUS_COMMIT + """
                            ON CONFLICT DO NOTHING""")
                    .params(pending.principal, pending.key, pending.hash, pending.method, pending.path,
                            answer.getStatus(), answer.getContentType(), answer.getHeader(HttpHeaders.LOCATION),
                            answer.getContentAsByteArray())
                    .update();
        }
    }

    private static void replay(Stored answer, HttpServletResponse response) throws IOException {
        response.setStatus(answer.status());
        response.setHeader(REPLAYED_HEADER, "true");
        if (answer.contentType() != null) {
            response.setContentType(answer.contentType());
        }
        if (answer.location() != null) {
            response.setHeader(HttpHeaders.LOCATION, answer.location());
        }
        if (answer.body() != null) {
            response.getOutputStream().write(answer.body());
        }
    }

    private record Stored(String requestHash, Integer status, String contentType, String location, byte[] body,
                          String commandResults) {
    }

    /** A keyed request being served; {@link IdempotencyClaimInterceptor} claims its key. */
    static final class Pending {
        final String principal;
        final String key;
        final String hash;
        final String method;
        final String path;
        /** Set once a command's transaction committed the claim. */
        volatile boolean claimed;
        /** Set while a command's transaction holds the uncommitted claim. */
        volatile boolean claiming;
        /** Set when a concurrent request had claimed the key first. */
        volatile boolean duplicate;
        /** Set when the caller deduplicates this request's commands itself (the inbox). */
        volatile boolean deduplicatedByCaller;
        /** Top-level commands this attempt has sent so far. */
        int commands;
        /** On a retry after a lost answer: what the commands of the first attempt returned, in order. */
        List<Object> committed = List.of();
        /** Ids handed out to this attempt ({@link #nextId()}). */
        private int ids;

        Pending(String principal, String key, String hash, String method, String path) {
            this.principal = principal;
            this.key = key;
            this.hash = hash;
            this.method = method;
            this.path = path;
        }

        /**
         * The n-th id this request creates, the same in every attempt of it: derived from the principal,
         * the key, the request's hash and n.
         */
        String nextId() {
            String seed = principal + '\n' + key + '\n' + hash + '\n' + ids++;
            return UUID.nameUUIDFromBytes(seed.getBytes(StandardCharsets.UTF_8)).toString();
        }
    }

    private void writeProblem(HttpServletResponse response, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }

    private static String sha256(String head, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(head.getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The request with its body read once for hashing and served again to the handler. */
    private static final class ReplayableRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        ReplayableRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public java.io.BufferedReader getReader() {
            return new java.io.BufferedReader(new java.io.InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }
    }
}
