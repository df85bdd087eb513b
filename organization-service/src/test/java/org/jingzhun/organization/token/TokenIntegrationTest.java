package org.jingzhun.organization.token;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jingzhun.organization.ServiceUnderTest;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.oauth2.jose.jws.SignatureAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

class TokenIntegrationTest {

    private static ServiceUnderTest service;
    private static String rootId;

    @BeforeAll
    static void start() {
        service = ServiceUnderTest.get();
        rootId = "tok-" + UUID.randomUUID();
        assertThat(service.send("POST", "/api/organizations",
                "{\"id\":\"" + rootId + "\",\"name\":\"" + rootId + "\",\"tier\":\"SECTION\",\"sector\":\"ORGAN\"}")
                .statusCode()).isEqualTo(201);
    }

    private static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void issuesASignedJwtNamingTheAccountItsRoleAndOrganization() {
        String username = unique("sec");
        assertThat(service.send("POST", "/api/accounts", "{\"username\":\"" + username
                + "\",\"password\":\"correct-horse-battery\",\"role\":\"SECRETARY\",\"orgId\":\"" + rootId + "\"}")
                .statusCode()).isEqualTo(201);

        HttpResponse<String> response = service.token(username, "correct-horse-battery");

        assertThat(response.statusCode()).isEqualTo(200);
        JsonNode body = ServiceUnderTest.json(response);
        assertThat(body.get("token_type").asText()).isEqualTo("Bearer");
        assertThat(body.get("expires_in").asLong()).isBetween(1L, 15 * 60L);
        Jwt jwt = service.app().getBean(JwtDecoder.class).decode(body.get("access_token").asText());
        assertThat(jwt.getClaimAsString("username")).isEqualTo(username);
        assertThat(jwt.getClaimAsString("role")).isEqualTo("SECRETARY");
        assertThat(jwt.getClaimAsString("org")).isEqualTo(rootId);
        assertThat(jwt.getSubject()).isEqualTo(username);
    }

    @Test
    void recordsTheAccountAsTheActorOfWhatItDoes() {
        String username = unique("sec");
        String bearer = service.account(username, "SECRETARY", rootId);
        String childId = unique("child");

        HttpResponse<String> created = service.sendAs(bearer, "POST", "/api/organizations", "{\"id\":\"" + childId
                + "\",\"name\":\"" + childId + "\",\"tier\":\"BRANCH\",\"sector\":\"ORGAN\",\"parentId\":\"" + rootId + "\"}");

        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        String metaData = new JdbcTemplate(service.app().getBean(javax.sql.DataSource.class)).queryForObject(
                "SELECT convert_from(meta_data, 'UTF8') FROM domain_event_entry WHERE aggregate_identifier = ?",
                String.class, childId);
        assertThat(metaData).contains("\"actor\":\"" + username + "\"");
    }

    @Test
    void theBootstrapAdminGetsATokenToo() {
        HttpResponse<String> response = service.token("admin", ServiceUnderTest.PASSWORD);

        assertThat(response.statusCode()).isEqualTo(200);
        String bearer = "Bearer " + ServiceUnderTest.json(response).get("access_token").asText();
        assertThat(service.sendAs(bearer, "GET", "/api/accounts", null).statusCode()).isEqualTo(200);
    }

    @Test
    void refusesAnUnknownAccountAWrongPasswordAndADisabledAccount() {
        String username = unique("view");
        service.account(username, "VIEWER", null);

        assertThat(service.token(unique("nobody"), "whatever-password").statusCode()).isEqualTo(401);
        assertThat(service.token(username, "wrong-password-123").statusCode()).isEqualTo(401);
        assertThat(service.send("DELETE", "/api/accounts/" + username, null).statusCode()).isEqualTo(200);
        assertThat(service.token(username, "pw-" + username + "-0123456789").statusCode()).isEqualTo(401);
    }

    @Test
    void throttlesRepeatedFailedLoginsPerAccountAndAddress() {
        String username = unique("aud");
        service.account(username, "AUDITOR", null);
        for (int i = 0; i < 5; i++) {
            assertThat(service.token(username, "wrong-password-123").statusCode()).isEqualTo(401);
        }

        HttpResponse<String> throttled = service.token(username, "pw-" + username + "-0123456789");

        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
        // Another account from the same address is not affected.
        assertThat(service.token("admin", ServiceUnderTest.PASSWORD).statusCode()).isEqualTo(200);
    }

    @Test
    void rejectsAnExpiredToken() {
        String token = sign(service.app().getBean(JWKSource.class), "http://localhost:8081",
                Instant.now().minus(Duration.ofHours(2)), Instant.now().minus(Duration.ofHours(1)));

        assertUnauthorized(token);
    }

    @Test
    void rejectsATokenWithTheWrongIssuer() {
        String token = sign(service.app().getBean(JWKSource.class), "https://elsewhere.example",
                Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));

        assertUnauthorized(token);
    }

    @Test
    void rejectsATokenSignedWithAnotherKey() throws Exception {
        String kid = ((JWKSet) JWKSet.parse(service.sendAs(null, "GET", "/oauth2/jwks", null).body()))
                .getKeys().get(0).getKeyID();
        RSAKey forger = new RSAKeyGenerator(2048).keyID(kid).generate();

        String token = sign(new ImmutableJWKSet<>(new JWKSet(forger)), "http://localhost:8081",
                Instant.now(), Instant.now().plus(Duration.ofMinutes(5)));

        assertUnauthorized(token);
    }

    @Test
    void keepsItsSigningKeyInTheDatabase() throws Exception {
        service.token("admin", ServiceUnderTest.PASSWORD);
        String stored = new JdbcTemplate(service.app().getBean(javax.sql.DataSource.class))
                .queryForObject("SELECT jwk FROM token_signing_key", String.class);

        JWKSet published = JWKSet.parse(service.sendAs(null, "GET", "/oauth2/jwks", null).body());

        assertThat(published.getKeys()).hasSize(1);
        assertThat(published.getKeys().get(0).getKeyID()).isEqualTo(RSAKey.parse(stored).getKeyID());
        assertThat(published.getKeys().get(0).isPrivate()).isFalse();
    }

    @Test
    void theOpenApiDocumentDeclaresBothWaysIn() {
        HttpResponse<String> docs = service.send("GET", "/v3/api-docs", null);

        assertThat(docs.statusCode()).isEqualTo(200);
        JsonNode schemes = ServiceUnderTest.json(docs).at("/components/securitySchemes");
        assertThat(schemes.at("/bearer/scheme").asText()).isEqualTo("bearer");
        assertThat(schemes.at("/bearer/bearerFormat").asText()).isEqualTo("JWT");
        assertThat(schemes.at("/basic/scheme").asText()).isEqualTo("basic");
    }

    private static void assertUnauthorized(String token) {
        HttpResponse<String> response = service.sendAs("Bearer " + token, "GET", "/api/organizations", null);
        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
    }

    @SuppressWarnings("unchecked")
    private static String sign(JWKSource<?> keys, String issuer, Instant issuedAt, Instant expiresAt) {
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer(issuer).subject("admin").issuedAt(issuedAt)
                .expiresAt(expiresAt).claim("username", "admin").claim("role", "COUNTY_ADMIN").build();
        return new NimbusJwtEncoder((JWKSource<SecurityContext>) keys)
                .encode(JwtEncoderParameters.from(JwsHeader.with(SignatureAlgorithm.RS256).build(), claims))
                .getTokenValue();
    }
}
