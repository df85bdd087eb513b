package org.jingzhun.embedded;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Stands in for the organization service's token endpoint in a service's tests: an RSA key, its
 * public half served as a JWKS over real HTTP (so the service fetches it as in production), and
 * tokens shaped like the organization service's (claims {@code username}, {@code role}, {@code org}).
 */
public final class TestTokenIssuer implements AutoCloseable {

    /** The issuer these tokens name; start the service with {@code --jingzhun.jwt.issuer=} this. */
    public static final String ISSUER = "http://localhost:8081";

    private final RSAKey key;
    private final HttpServer server;

    private TestTokenIssuer(RSAKey key, HttpServer server) {
        this.key = key;
        this.server = server;
    }

    public static TestTokenIssuer start() {
        try {
            RSAKey key = new RSAKeyGenerator(2048).keyID(UUID.randomUUID().toString()).generate();
            byte[] jwks = new JWKSet(key.toPublicJWK()).toString().getBytes(StandardCharsets.UTF_8);
            HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            // OpenID Connect discovery, as a county's own provider publishes it (the issuer is this server).
            byte[] discovery = ("{\"issuer\":\"" + base + "\",\"jwks_uri\":\"" + base + "/oauth2/jwks\","
                    + "\"subject_types_supported\":[\"public\"],\"response_types_supported\":[\"code\"],"
                    + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}").getBytes(StandardCharsets.UTF_8);
            serve(server, "/oauth2/jwks", jwks);
            serve(server, "/.well-known/openid-configuration", discovery);
            server.start();
            return new TestTokenIssuer(key, server);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void serve(HttpServer server, String path, byte[] json) {
        server.createContext(path, exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, json.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(json);
            }
        });
    }

    /**
     * This server as a county's own OpenID Connect provider: {@code --jingzhun.jwt.issuer-uri=} this, and
     * its tokens from {@link #token(Map, String, Instant)} name it as their issuer.
     */
    public String issuerUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code --jingzhun.jwt.jwk-set-uri=…}. */
    public String jwkSetUri() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/oauth2/jwks";
    }

    /** The service arguments that make it trust this issuer. */
    public String[] serviceArguments() {
        return new String[] {"--jingzhun.jwt.jwk-set-uri=" + jwkSetUri(), "--jingzhun.jwt.issuer=" + ISSUER};
    }

    /** {@code Authorization: Bearer …} for an account of the given role (orgId may be null), valid 15 minutes. */
    public String bearer(String username, String role, String orgId) {
        return "Bearer " + token(username, role, orgId, ISSUER, Instant.now().plus(Duration.ofMinutes(15)));
    }

    /** A token with any issuer and expiry, for the negative cases. */
    public String token(String username, String role, String orgId, String issuer, Instant expiresAt) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", username);
        claims.put("username", username);
        claims.put("role", role);
        if (orgId != null) {
            claims.put("org", orgId);
        }
        return token(claims, issuer, expiresAt);
    }

    /** A token with any claims (under any names, as an external provider's), issuer and expiry. */
    public String token(Map<String, Object> claimsByName, String issuer, Instant expiresAt) {
        JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder().issuer(issuer)
                .issueTime(Date.from(Instant.now().minusSeconds(60))).expirationTime(Date.from(expiresAt));
        claimsByName.forEach(claims::claim);
        try {
            SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.RS256).keyID(key.getKeyID()).build(),
                    claims.build());
            jwt.sign(new RSASSASigner(key));
            return jwt.serialize();
        } catch (JOSEException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
