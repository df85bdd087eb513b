package org.jingzhun.reporting.dashboard;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.util.UriUtils;

/**
 * {@code GET /api/organizations/{orgId}/ledger}: the rectification ledger (JSON, CSV or XLSX by
 * {@code Accept} or {@code ?format=}), forwarded to the rectification service. The page reaches it on its
 * own origin, so the browser sends the credentials it already has and a download link just works; a
 * cross-origin call would need CORS on the rectification service and a second login.
 *
 * <p>The body is streamed through; status, {@code Content-Type}, {@code Content-Disposition} and the
 * ledger's {@code Jingzhun-Ledger-*} headers (event position, generation details) are copied. The caller's {@code Authorization} is passed on: the
 * services share their users, and reporting has no standing of its own there. An unreachable service is
 * a 502 problem, never a stack trace.
 */
@RestController
class LedgerProxyController {

    private static final Logger log = LoggerFactory.getLogger(LedgerProxyController.class);
    /** What a ledger answer carries that the page or a download needs. */
    private static final List<String> COPIED = List.of(HttpHeaders.CONTENT_TYPE, HttpHeaders.CONTENT_DISPOSITION);
    private static final String LEDGER_HEADERS = "jingzhun-ledger-";

    private final HttpClient http;
    private final DashboardSettings settings;

    LedgerProxyController(DashboardSettings settings) {
        this.settings = settings;
        this.http = HttpClient.newBuilder()
                .connectTimeout(settings.connectTimeout())
                // Plain HTTP/1.1 inside the county network: no h2c upgrade dance per request.
                .version(HttpClient.Version.HTTP_1_1)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    @GetMapping("/api/organizations/{orgId}/ledger")
    void ledger(@PathVariable String orgId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        HttpResponse<InputStream> upstream = send(orgId, request);
        try (InputStream body = upstream.body()) {
            response.setStatus(upstream.statusCode());
            for (String name : COPIED) {
                upstream.headers().firstValue(name).ifPresent(value -> response.setHeader(name, value));
            }
            upstream.headers().map().forEach((name, values) -> {
                if (name.toLowerCase(Locale.ROOT).startsWith(LEDGER_HEADERS) && !values.isEmpty()) {
                    response.setHeader(name, values.get(0));
                }
            });
            OutputStream out = response.getOutputStream();
            body.transferTo(out);
            out.flush();
        }
    }

    private HttpResponse<InputStream> send(String orgId, HttpServletRequest request) {
        URI target = target(orgId, request.getQueryString());
        HttpRequest.Builder forward = HttpRequest.newBuilder(target).GET().timeout(settings.ledgerTimeout());
        String accept = request.getHeader(HttpHeaders.ACCEPT);
        if (accept != null && !accept.isBlank()) {
            forward.header(HttpHeaders.ACCEPT, accept);
        }
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (authorization != null) {
            forward.header(HttpHeaders.AUTHORIZATION, authorization);
        }
        try {
            return http.send(forward.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            throw new RectificationUnreachable(target, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new RectificationUnreachable(target, e);
        }
    }

    /** The query string is passed on as it came (already encoded); the id is one encoded path segment. */
    URI target(String orgId, String query) {
        String base = settings.rectificationUrl().toString().replaceAll("/+$", "");
        return URI.create(base + "/api/organizations/" + UriUtils.encodePathSegment(orgId, StandardCharsets.UTF_8)
                + "/ledger" + (query == null || query.isEmpty() ? "" : "?" + query));
    }

    @ExceptionHandler(RectificationUnreachable.class)
    ResponseEntity<ProblemDetail> unreachable(RectificationUnreachable e) {
        // Logged without the stack: an operator needs the address and the reason, not our frames.
        log.warn("Ledger not available: {}", e.getMessage());
        return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                .body(ProblemDetailsAdvice.problem(HttpStatus.BAD_GATEWAY, "rectification.unreachable",
                        "The rectification service does not answer; the ledger is not available now", List.of()));
    }

    /** The rectification service did not answer (refused, timed out, or the wait was interrupted). */
    static final class RectificationUnreachable extends RuntimeException {

        RectificationUnreachable(URI target, Exception cause) {
            super(target + ": " + cause, cause);
        }
    }
}
