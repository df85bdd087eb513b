package org.jingzhun.platform.security;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;

/**
 * Reads a verified token's claims as a {@link Caller}; the claim names are configurable
 * ({@link JwtProperties}) so that a county's own OIDC provider can be used as it is.
 */
public final class CallerClaims implements Converter<Jwt, CallerToken> {

    private final JwtProperties properties;

    public CallerClaims(JwtProperties properties) {
        this.properties = properties;
    }

    @Override
    public CallerToken convert(Jwt jwt) {
        String username = jwt.getClaimAsString(properties.usernameClaim());
        if (username == null || username.isBlank()) {
            username = jwt.getSubject();
        }
        if (username == null || username.isBlank()) {
            throw new InvalidBearerTokenException("The token names no account");
        }
        Role role = role(jwt.getClaims().get(properties.roleClaim()));
        String organizationId = jwt.getClaimAsString(properties.orgClaim());
        if (role.needsOrganization() && (organizationId == null || organizationId.isBlank())) {
            throw new InvalidBearerTokenException("The token's role needs an organization and names none");
        }
        return new CallerToken(jwt, new Caller(username, role,
                organizationId == null || organizationId.isBlank() ? null : organizationId));
    }

    /** The role claim as one string or, from some OIDC providers, a list: the first known role wins. */
    private static Role role(Object claim) {
        Collection<?> values = claim instanceof Collection<?> many ? many : claim == null ? List.of() : List.of(claim);
        for (Object value : values) {
            String name = String.valueOf(value).strip().toUpperCase(Locale.ROOT);
            if (name.startsWith("ROLE_")) {
                name = name.substring("ROLE_".length());
            }
            for (Role role : Role.values()) {
                if (role.name().equals(name)) {
                    return role;
                }
            }
        }
        throw new InvalidBearerTokenException("The token names no known role");
    }

    /**
     * The decoder every service uses unless it verifies locally: the external issuer's keys when
     * {@code JINGZHUN_JWT_ISSUER_URI} is set, otherwise the organization service's JWKS. Either way
     * the signature, the expiry and the issuer are checked.
     */
    public static JwtDecoder decoder(JwtProperties properties) {
        if (properties.external()) {
            NimbusJwtDecoder decoder = NimbusJwtDecoder.withIssuerLocation(properties.issuerUri().toString()).build();
            decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuerUri().toString()));
            return decoder;
        }
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSetUri(properties.jwkSetUri().toString()).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(properties.issuer().toString()));
        return decoder;
    }
}
