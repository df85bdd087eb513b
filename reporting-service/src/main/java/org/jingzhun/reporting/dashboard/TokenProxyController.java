package org.jingzhun.reporting.dashboard;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.OptionalLong;
import org.jingzhun.platform.security.LoginThrottle;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * {@code POST /api/dashboard/token} {@code {"username", "password"}}: the dashboard's login, forwarded
 * as a standard client-credentials request to the organization service's {@code /oauth2/token}, whose
 * answer (the RFC 6749 JSON, or its 401/429) is passed back as it is. Failed logins are throttled here
 * per account and browser address ({@link LoginThrottle}), as the token endpoint does for direct callers. Same origin, so the page needs
 * no CORS and the organization service no browser-facing configuration. Open to anyone: the
 * organization service checks the password.
 */
@RestController
class TokenProxyController {

    private static final Logger log = LoggerFactory.getLogger(TokenProxyController.class);

    record Login(@NotBlank @Size(max = 64) String username, @NotBlank @Size(max = 200) String password) {
    }

    private final HttpClient http;
    private final DashboardSettings settings;
    private final ObjectMapper json;
    private final LoginThrottle throttle;

    TokenProxyController(DashboardSettings settings, ObjectMapper json, LoginThrottle throttle) {
        this.settings = settings;
        this.json = json;
        this.throttle = throttle;
        this.http = HttpClient.newBuilder().connectTimeout(settings.connectTimeout())
                .version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    @PostMapping(path = "/api/dashboard/token", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> token(@Valid @RequestBody Login login, HttpServletRequest browser) throws IOException {
        // Throttled here per account and the browser's address: the organization service sees only ours.
        String address = browser.getRemoteAddr();
        OptionalLong wait = throttle.throttled(login.username(), address);
        if (wait.isPresent()) {
            return ResponseEntity.status(HttpStatus.TOO_MANY_REQUESTS).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .header("Retry-After", Long.toString(wait.getAsLong()))
                    .body(json.writeValueAsString(LoginThrottle.refusal(wait.getAsLong())));
        }
        URI target = URI.create(settings.organizationUrl().toString().replaceAll("/+$", "") + "/oauth2/token");
        HttpRequest request = HttpRequest.newBuilder(target)
                .timeout(settings.ledgerTimeout())
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (login.username() + ":" + login.password()).getBytes(StandardCharsets.UTF_8)))
                .header("Content-Type", MediaType.APPLICATION_FORM_URLENCODED_VALUE)
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials"))
                .build();
        try {
            HttpResponse<String> answer = http.send(request, HttpResponse.BodyHandlers.ofString());
            throttle.answered(login.username(), address, answer.statusCode());
            ResponseEntity.BodyBuilder response = ResponseEntity.status(answer.statusCode())
                    .contentType(MediaType.APPLICATION_JSON).header("Cache-Control", "no-store");
            answer.headers().firstValue("Retry-After").ifPresent(value -> response.header("Retry-After", value));
            return response.body(answer.body());
        } catch (IOException | InterruptedException e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            log.warn("Login not available: {}: {}", target, e.toString());
            return ResponseEntity.status(HttpStatus.BAD_GATEWAY).contentType(MediaType.APPLICATION_PROBLEM_JSON)
                    .body(json.writeValueAsString(ProblemDetailsAdvice.problem(HttpStatus.BAD_GATEWAY,
                            "organization.unreachable", "The organization service does not answer; "
                                    + "logging in is not possible now", List.of())));
        }
    }
}
