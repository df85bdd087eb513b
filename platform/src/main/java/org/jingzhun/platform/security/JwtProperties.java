package org.jingzhun.platform.security;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How services verify bearer tokens ({@code jingzhun.jwt.*}).
 *
 * @param issuer        the {@code iss} of tokens the organization service issues and every service
 *                      expects; a URL because OAuth 2.0 metadata requires one
 * @param jwkSetUri     where the organization service publishes its keys; the suite and
 *                      docker-compose point it at the running organization service
 * @param issuerUri     {@code JINGZHUN_JWT_ISSUER_URI}: a county's own OIDC provider; when set, its
 *                      discovery document names the keys and its {@code iss} is expected instead
 * @param usernameClaim the claim naming the account (becomes {@code jingzhun_actor})
 * @param roleClaim     the claim naming the {@link Role}
 * @param orgClaim      the claim naming the organization at the root of the caller's subtree
 * @param tokenTtl      how long an issued token is valid; short, because nothing revokes a token
 *                      before it expires (a disabled account just gets no new one)
 */
@ConfigurationProperties("jingzhun.jwt")
public record JwtProperties(@DefaultValue("http://localhost:8081") URI issuer,
                            @DefaultValue("http://localhost:8081/oauth2/jwks") URI jwkSetUri,
                            URI issuerUri,
                            @DefaultValue("username") String usernameClaim,
                            @DefaultValue("role") String roleClaim,
                            @DefaultValue("org") String orgClaim,
                            @DefaultValue("PT15M") Duration tokenTtl) {

    /** Whether an external OIDC provider issues the tokens. */
    public boolean external() {
        return issuerUri != null && !issuerUri.toString().isBlank();
    }
}
