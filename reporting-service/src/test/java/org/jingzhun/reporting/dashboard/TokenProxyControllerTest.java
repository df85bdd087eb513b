package org.jingzhun.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jingzhun.platform.security.LoginThrottle;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.json.Jackson2ObjectMapperBuilder;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.request.MockHttpServletRequestBuilder;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/**
 * The dashboard's login against a stand-in token endpoint that knows one password: failed logins are
 * throttled per account and per browser address, here, because the token endpoint sees only this
 * service's address.
 */
class TokenProxyControllerTest {

    /** As the service's: problem details with their properties at the top level. */
    private static final ObjectMapper JSON = Jackson2ObjectMapperBuilder.json().build();
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static HttpServer organization;

    @BeforeAll
    static void startOrganization() throws IOException {
        organization = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        organization.createContext("/oauth2/token", exchange -> {
            String credentials = new String(Base64.getDecoder().decode(
                    exchange.getRequestHeaders().getFirst("Authorization").substring("Basic ".length())),
                    StandardCharsets.UTF_8);
            received.add(credentials);
            boolean right = credentials.endsWith(":right-password");
            byte[] body = (right ? "{\"access_token\":\"t\",\"token_type\":\"Bearer\",\"expires_in\":900}"
                    : "{\"error\":\"invalid_client\"}").getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(right ? 200 : 401, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        organization.start();
    }

    @AfterAll
    static void stopOrganization() {
        organization.stop(0);
    }

    @Test
    void throttlesFailedLoginsPerAccountAndBrowserAddress() throws Exception {
        MockMvc mvc = proxy(new LoginThrottle(JSON, 3, Duration.ofMinutes(5)));
        for (int i = 0; i < 3; i++) {
            mvc.perform(login("sec-a", "wrong-password", "10.0.0.1")).andExpect(status().isUnauthorized());
        }
        int forwarded = received.size();

        mvc.perform(login("sec-a", "right-password", "10.0.0.1"))
                .andExpect(status().isTooManyRequests())
                .andExpect(header().exists("Retry-After"))
                .andExpect(jsonPath("$.code").value("too-many-failed-logins"));
        assertThat(received).as("a throttled login is not forwarded").hasSize(forwarded);
        // The same account from another address, and another account from the same address, go on.
        mvc.perform(login("sec-a", "right-password", "10.0.0.2")).andExpect(status().isOk());
        mvc.perform(login("viewer", "right-password", "10.0.0.1")).andExpect(status().isOk());
    }

    @Test
    void aSuccessfulLoginForgetsTheFailures() throws Exception {
        MockMvc mvc = proxy(new LoginThrottle(JSON, 3, Duration.ofMinutes(5)));
        for (int i = 0; i < 2; i++) {
            mvc.perform(login("aud", "wrong-password", "10.0.0.3")).andExpect(status().isUnauthorized());
        }
        mvc.perform(login("aud", "right-password", "10.0.0.3")).andExpect(status().isOk());

        for (int i = 0; i < 2; i++) {
            mvc.perform(login("aud", "wrong-password", "10.0.0.3")).andExpect(status().isUnauthorized());
        }
        mvc.perform(login("aud", "right-password", "10.0.0.3")).andExpect(status().isOk());
    }

    private static MockHttpServletRequestBuilder login(String username, String password, String address) {
        return post("/api/dashboard/token").contentType(MediaType.APPLICATION_JSON)
                .content("{\"username\":\"" + username + "\",\"password\":\"" + password + "\"}")
                .with(request -> {
                    request.setRemoteAddr(address);
                    return request;
                });
    }

    private static MockMvc proxy(LoginThrottle throttle) {
        DashboardSettings settings = new DashboardSettings(URI.create("http://127.0.0.1:1"), Duration.ofSeconds(2),
                Duration.ofSeconds(10), Duration.ofDays(7),
                URI.create("http://127.0.0.1:" + organization.getAddress().getPort()));
        return MockMvcBuilders.standaloneSetup(new TokenProxyController(settings, JSON, throttle))
                .setControllerAdvice(new ProblemDetailsAdvice())
                .build();
    }
}
