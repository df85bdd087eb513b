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
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.jingzhun.platform.axon.Actor;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * Makes command requests that carry an {@code Idempotency-Key} safe to retry. The key is claimed in
 * the same database transaction in which the command appends its events; a concurrent request with
 * the same key waits on the row lock, then replays the first answer. Only successful answers are
 * kept: a refused request leaves no trace and may be corrected and retried with the same key.
 */
public class IdempotencyFilter extends OncePerRequestFilter {

    public static final String HEADER = "Idempotency-Key";
    /** Set on a replayed answer. */
    public static final String REPLAYED_HEADER = "Idempotency-Replayed";
    private static final int MAX_KEY_LENGTH = 255;
    private static final Set<String> COMMAND_METHODS = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final JdbcClient jdbc;
    private final TransactionTemplate transactions;
    private final ObjectMapper json;

    public IdempotencyFilter(JdbcClient jdbc, TransactionTemplate transactions, ObjectMapper json) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !COMMAND_METHODS.contains(request.getMethod()) || request.getHeader(HEADER) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (key.isBlank() || key.length() > MAX_KEY_LENGTH) {
            writeProblem(response, ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-idempotency-key",
                    "Idempotency-Key must be 1 to " + MAX_KEY_LENGTH + " characters",
                    List.of(new FieldError(HEADER, "1 to " + MAX_KEY_LENGTH + " characters"))));
            return;
        }
        byte[] body = request.getInputStream().readAllBytes();
        String path = request.getRequestURI() + (request.getQueryString() == null ? "" : "?" + request.getQueryString());
        String hash = sha256(request.getMethod() + " " + path + "\n", body);
        String principal = Actor.current();
        ContentCachingResponseWrapper cached = new ContentCachingResponseWrapper(response);
        try {
            transactions.executeWithoutResult(tx -> {
                int claimed = jdbc.sql("""
                                INSERT INTO idempotency_record (principal, idempotency_key, request_hash, method, path)
                                VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING""")
                        .params(principal, key, hash, request.getMethod(), path).update();
                if (claimed == 0) {
                    replay(principal, key, hash, cached);
                    return;
                }
                try {
                    chain.doFilter(new ReplayableRequest(request, body), cached);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } catch (ServletException e) {
                    throw new IllegalStateException(e);
                }
                if (cached.getStatus() >= 200 && cached.getStatus() < 300) {
                    jdbc.sql("""
                                    UPDATE idempotency_record SET status = ?, content_type = ?, location = ?, body = ?
                                    WHERE principal = ? AND idempotency_key = ?""")
                            .params(cached.getStatus(), cached.getContentType(), cached.getHeader(HttpHeaders.LOCATION),
                                    cached.getContentAsByteArray(), principal, key)
                            .update();
                } else {
                    tx.setRollbackOnly();
                }
            });
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        cached.copyBodyToResponse();
    }

    private void replay(String principal, String key, String hash, ContentCachingResponseWrapper response) {
        record Stored(String requestHash, Integer status, String contentType, String location, byte[] body) {
        }
        Optional<Stored> stored = jdbc.sql("""
                        SELECT request_hash, status, content_type, location, body FROM idempotency_record
                        WHERE principal = ? AND idempotency_key = ?""")
                .params(principal, key).query(Stored.class).optional();
        try {
            if (stored.isEmpty() || stored.get().status() == null) {
                writeProblem(response, ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "idempotency-key-in-use",
                        "A request with this Idempotency-Key is still being processed", List.of()));
            } else if (!stored.get().requestHash().equals(hash)) {
                writeProblem(response, ProblemDetailsAdvice.problem(HttpStatus.UNPROCESSABLE_ENTITY,
                        "idempotency-key-reused", "This Idempotency-Key was used for a different request",
                        List.of(new FieldError(HEADER, "already used for a different request"))));
            } else {
                Stored answer = stored.get();
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
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
