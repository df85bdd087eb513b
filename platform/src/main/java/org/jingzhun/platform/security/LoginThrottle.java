package org.jingzhun.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Throttles password guessing: after {@code maxFailures} rejected passwords for one username from one
 * address within {@code window}, that pair gets 429 until the window has passed, without its password
 * being checked. Counts HTTP Basic on every service and the token endpoint's client credentials (also
 * Basic); the dashboard's login ({@code POST /api/dashboard/token} on reporting-service) uses
 * {@link #throttled} and {@link #answered} with the browser's address, since the token endpoint sees only
 * the reporting service's. Kept in memory per instance: a restart or a second instance gives a guesser a fresh budget,
 * which still caps guessing at a few attempts per minute per instance.
 */
public class LoginThrottle extends OncePerRequestFilter {

    /** Rejected passwords allowed per username and address within the window. */
    public static final int DEFAULT_FAILURES = 5;
    /** How long failures are remembered, and how long a throttled pair waits. */
    public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
    private static final int MAX_TRACKED = 100_000;

    private record Failures(int count, long firstNanos) {
    }

    private final ObjectMapper json;
    private final int maxFailures;
    private final long windowNanos;
    private final Map<String, Failures> failures = new ConcurrentHashMap<>();

    public LoginThrottle(ObjectMapper json, int maxFailures, Duration window) {
        this.json = json;
        this.maxFailures = maxFailures;
        this.windowNanos = window.toNanos();
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String username = basicUsername(request.getHeader("Authorization"));
        if (username == null) {
            chain.doFilter(request, response);
            return;
        }
        OptionalLong wait = throttled(username, request.getRemoteAddr());
        if (wait.isPresent()) {
            response.setHeader("Retry-After", Long.toString(wait.getAsLong()));
            SecurityConfiguration.write(response, json, refusal(wait.getAsLong()));
            return;
        }
        chain.doFilter(request, response);
        answered(username, request.getRemoteAddr(), response.getStatus());
    }

    /**
     * For a login checked elsewhere (the dashboard's, which forwards to the token endpoint): the seconds
     * this username must wait from this address, when it is throttled.
     */
    public OptionalLong throttled(String username, String address) {
        String key = key(username, address);
        long now = System.nanoTime();
        Failures seen = failures.get(key);
        if (seen != null && now - seen.firstNanos() > windowNanos) {
            failures.remove(key, seen);
            seen = null;
        }
        if (seen != null && seen.count() >= maxFailures) {
            return OptionalLong.of(Math.max(1, (windowNanos - (now - seen.firstNanos())) / 1_000_000_000L));
        }
        return OptionalLong.empty();
    }

    /** Counts a login's answer: 401 is a failure, a success forgets the failures. */
    public void answered(String username, String address, int status) {
        String key = key(username, address);
        long now = System.nanoTime();
        if (status == HttpStatus.UNAUTHORIZED.value()) {
            if (failures.size() > MAX_TRACKED) {
                failures.values().removeIf(f -> now - f.firstNanos() > windowNanos);
            }
            failures.merge(key, new Failures(1, now), (old, one) -> new Failures(old.count() + 1, old.firstNanos()));
        } else if (status < 400) {
            failures.remove(key);
        }
    }

    /** The 429 problem for a throttled login. */
    public static ProblemDetail refusal(long waitSeconds) {
        return ProblemDetailsAdvice.problem(HttpStatus.TOO_MANY_REQUESTS, "too-many-failed-logins",
                "Too many failed logins for this account from this address; retry in " + waitSeconds + " s", List.of());
    }

    private static String key(String username, String address) {
        return username + '\n' + address;
    }

    private static String basicUsername(String header) {
        if (header == null || !header.regionMatches(true, 0, "Basic ", 0, 6)) {
            return null;
        }
        try {
            String decoded = new String(Base64.getDecoder().decode(header.substring(6).trim()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            return colon < 0 ? null : decoded.substring(0, colon);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
