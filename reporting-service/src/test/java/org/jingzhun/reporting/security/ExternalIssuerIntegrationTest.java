package org.jingzhun.reporting.security;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.jingzhun.contracts.Sector;
import org.jingzhun.contracts.Tier;
import org.jingzhun.contracts.organization.OrganizationRegistered;
import org.jingzhun.embedded.TestTokenIssuer;
import org.jingzhun.reporting.CloudEventRecords;
import org.jingzhun.reporting.ReportingUnderTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code JINGZHUN_JWT_ISSUER_URI}: the service trusts a county's own OpenID Connect provider, found by
 * its discovery document over real HTTP, with that provider's claim names; tokens of the suite's own
 * issuer, of another issuer, expired or naming no known role are 401.
 */
class ExternalIssuerIntegrationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final OffsetDateTime T0 = OffsetDateTime.parse("2019-09-27T21:12:00+08:00");

    @TempDir
    static Path dataDirectory;
    static ReportingUnderTest service;
    /** The county's own provider. */
    static TestTokenIssuer county;
    /** The suite's own issuer, which the service must no longer trust. */
    static TestTokenIssuer own;
    private static final String a = "org-a-" + UUID.randomUUID();
    private static final String a1 = "org-a1-" + UUID.randomUUID();
    private static final String b = "org-b-" + UUID.randomUUID();

    @BeforeAll
    static void start() {
        county = TestTokenIssuer.start();
        own = TestTokenIssuer.start();
        service = ReportingUnderTest.start(dataDirectory, "--jingzhun.jwt.issuer-uri=" + county.issuerUri(),
                "--jingzhun.jwt.username-claim=preferred_username", "--jingzhun.jwt.role-claim=groups",
                "--jingzhun.jwt.org-claim=department");
        RecordMetadata[] sent = {
                service.send(CloudEventRecords.of(a, new OrganizationRegistered(a, "甲镇", Tier.SECTION, Sector.TOWNSHIP, null), T0)),
                service.send(CloudEventRecords.of(a1, new OrganizationRegistered(a1, "甲村", Tier.BRANCH, Sector.VILLAGE, a), T0)),
                service.send(CloudEventRecords.of(b, new OrganizationRegistered(b, "乙镇", Tier.SECTION, Sector.TOWNSHIP, null), T0))};
        service.awaitProjected(sent);
    }

    @AfterAll
    static void stop() {
        if (service != null) {
            service.close();
        }
        if (county != null) {
            county.close();
        }
        if (own != null) {
            own.close();
        }
    }

    /** A token as a county's provider shapes it: its own claim names, groups as a list. */
    private static String countyToken(String username, List<String> groups, String department, String issuer,
                                      Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", UUID.randomUUID().toString());
        claims.put("preferred_username", username);
        claims.put("groups", groups);
        if (department != null) {
            claims.put("department", department);
        }
        return "Bearer " + county.token(claims, issuer, expiresAt);
    }

    private static Instant soon() {
        return Instant.now().plus(Duration.ofMinutes(10));
    }

    @Test
    void acceptsTheCountysProviderWithItsClaimNames() throws Exception {
        String auditor = countyToken("审计员", List.of("county-staff", "auditor"), null, county.issuerUri(), soon());
        String viewer = countyToken("大屏", List.of("VIEWER"), null, county.issuerUri(), soon());

        assertThat(service.request("GET", "/api/audit/key", "application/json", auditor).statusCode()).isEqualTo(200);
        assertThat(service.request("GET", "/api/totals", "application/json", viewer).statusCode()).isEqualTo(200);
        HttpResponse<String> refused = service.request("GET", "/api/audit/key", "application/json", viewer);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(JSON.readTree(refused.body()).get("code").asText()).isEqualTo("forbidden");
    }

    @Test
    void aSecretaryOfTheCountysProviderSeesItsDepartmentsSubtree() throws Exception {
        String secretary = countyToken("书记", List.of("SECRETARY"), a, county.issuerUri(), soon());

        HttpResponse<String> totals = service.request("GET", "/api/totals", "application/json", secretary);

        assertThat(totals.statusCode()).as(totals.body()).isEqualTo(200);
        assertThat(JSON.readTree(totals.body()).at("/organizations/total").asLong()).isEqualTo(2);
        assertThat(service.request("GET", "/api/organizations/" + b + "/scorecard?campaignId=none", "application/json",
                secretary).statusCode()).isEqualTo(403);
    }

    @Test
    void refusesTokensOfTheSuitesOwnIssuerOfAnotherIssuerExpiredOrWithoutAKnownRole() {
        List<String> refused = List.of(
                own.bearer("admin", "COUNTY_ADMIN", null),
                // Signed with the county's key, but naming another issuer.
                countyToken("审计员", List.of("AUDITOR"), null, "https://elsewhere.example", soon()),
                countyToken("审计员", List.of("AUDITOR"), null, county.issuerUri(), Instant.now().minusSeconds(120)),
                // The suite's claim names mean nothing here: no "groups", so no role.
                "Bearer " + county.token("审计员", "AUDITOR", null, county.issuerUri(), soon()),
                countyToken("审计员", List.of("county-staff"), null, county.issuerUri(), soon()),
                // A secretary needs its department.
                countyToken("书记", List.of("SECRETARY"), null, county.issuerUri(), soon()));

        for (String authorization : refused) {
            HttpResponse<String> response = service.request("GET", "/api/totals", "application/json", authorization);
            assertThat(response.statusCode()).as(authorization).isEqualTo(401);
        }
    }
}
