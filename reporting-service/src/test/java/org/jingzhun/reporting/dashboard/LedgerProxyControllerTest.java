package org.jingzhun.reporting.dashboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;

/** The ledger forwarding, against a stand-in rectification service and against none at all. */
class LedgerProxyControllerTest {

    private static final String CSV = "# lastEventAt: 2019-10-20T08:00:00Z\nproblemId,description\np-1,政策落实不到位\n";
    private static final List<String> received = new CopyOnWriteArrayList<>();
    private static HttpServer rectification;

    @BeforeAll
    static void startRectification() throws IOException {
        rectification = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        rectification.createContext("/api/organizations/", exchange -> {
            received.add(exchange.getRequestURI().getRawPath() + "?" + exchange.getRequestURI().getRawQuery() + "|"
                    + exchange.getRequestHeaders().getFirst("Accept") + "|" + exchange.getRequestHeaders().getFirst("Authorization"));
            boolean unknown = exchange.getRequestURI().getPath().contains("/nobody/");
            byte[] body = (unknown ? "{\"status\":404,\"code\":\"organization.not-found\"}" : CSV)
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", unknown ? "application/problem+json" : "text/csv;charset=UTF-8");
            if (!unknown) {
                exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"ledger-b-1.csv\"");
                exchange.getResponseHeaders().add("Jingzhun-Ledger-Events", "5");
                exchange.getResponseHeaders().add("Jingzhun-Ledger-Last-Event-At", "2019-10-20T08:00:00Z");
                exchange.getResponseHeaders().add("Jingzhun-Ledger-Generated-At", "2019-10-21T08:00:00+08:00");
                exchange.getResponseHeaders().add("Set-Cookie", "not=forwarded");
            }
            exchange.sendResponseHeaders(unknown ? 404 : 200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        rectification.start();
    }

    @AfterAll
    static void stopRectification() {
        rectification.stop(0);
    }

    @Test
    void forwardsAcceptQueryAndCredentialsAndCopiesTheAnswer() throws Exception {
        MockMvc mvc = proxyTo(URI.create("http://127.0.0.1:" + rectification.getAddress().getPort() + "/"));

        mvc.perform(get(URI.create("/api/organizations/b-1/ledger?campaignId=c%201&format=csv"))
                        .header("Accept", "text/csv").header("Authorization", "Basic YWRtaW46c2VjcmV0"))
                .andExpect(status().isOk())
                .andExpect(header().string("Content-Type", "text/csv;charset=UTF-8"))
                .andExpect(header().string("Content-Disposition", "attachment; filename=\"ledger-b-1.csv\""))
                .andExpect(header().string("Jingzhun-Ledger-Events", "5"))
                .andExpect(header().string("Jingzhun-Ledger-Last-Event-At", "2019-10-20T08:00:00Z"))
                .andExpect(header().string("Jingzhun-Ledger-Generated-At", "2019-10-21T08:00:00+08:00"))
                .andExpect(header().doesNotExist("Set-Cookie"))
                .andExpect(content().bytes(CSV.getBytes(StandardCharsets.UTF_8)));

        assertThat(received).contains("/api/organizations/b-1/ledger?campaignId=c%201&format=csv|text/csv|Basic YWRtaW46c2VjcmV0");
    }

    @Test
    void encodesTheOrganizationIdAsOnePathSegment() {
        LedgerProxyController proxy = new LedgerProxyController(settings(URI.create("http://rectification:8083")));

        assertThat(proxy.target("a b/../c", null))
                .isEqualTo(URI.create("http://rectification:8083/api/organizations/a%20b%2F..%2Fc/ledger"));
        assertThat(proxy.target("b-1", "format=xlsx"))
                .isEqualTo(URI.create("http://rectification:8083/api/organizations/b-1/ledger?format=xlsx"));
    }

    @Test
    void passesTheRectificationServicesOwnRefusalOn() throws Exception {
        MockMvc mvc = proxyTo(URI.create("http://127.0.0.1:" + rectification.getAddress().getPort()));

        mvc.perform(get("/api/organizations/nobody/ledger").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isNotFound())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.code").value("organization.not-found"));
    }

    @Test
    void answersBadGatewayAsAProblemWhenTheRectificationServiceIsUnreachable() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        MockMvc mvc = proxyTo(URI.create("http://127.0.0.1:" + closedPort));

        mvc.perform(get("/api/organizations/b-1/ledger").accept(MediaType.APPLICATION_JSON))
                .andExpect(status().isBadGateway())
                .andExpect(content().contentType(MediaType.APPLICATION_PROBLEM_JSON))
                .andExpect(jsonPath("$.status").value(502))
                .andExpect(jsonPath("$.code").value("rectification.unreachable"))
                .andExpect(jsonPath("$.errors").isEmpty());
    }

    private static MockMvc proxyTo(URI rectificationUrl) {
        return MockMvcBuilders.standaloneSetup(new LedgerProxyController(settings(rectificationUrl)))
                .setControllerAdvice(new ProblemDetailsAdvice())
                .build();
    }

    private static DashboardSettings settings(URI rectificationUrl) {
        return new DashboardSettings(rectificationUrl, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofDays(7),
                URI.create("http://localhost:8081"));
    }
}
