package org.jingzhun.organization.token;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import java.time.Clock;
import java.util.function.Supplier;
import org.jingzhun.organization.account.Accounts;
import org.jingzhun.platform.security.AdminProperties;
import org.jingzhun.platform.security.CallerClaims;
import org.jingzhun.platform.security.JwtProperties;
import org.jingzhun.platform.security.LoginThrottle;
import org.jingzhun.platform.security.SecurityConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.factory.PasswordEncoderFactories;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.server.authorization.OAuth2TokenType;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClient;
import org.springframework.security.oauth2.server.authorization.client.RegisteredClientRepository;
import org.springframework.security.oauth2.server.authorization.config.annotation.web.configurers.OAuth2AuthorizationServerConfigurer;
import org.springframework.security.oauth2.server.authorization.settings.AuthorizationServerSettings;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/** Spring Authorization Server on the account table; see the package description. */
@Configuration(proxyBeanMethods = false)
class TokenConfiguration {

    /** bcrypt by default, and every other hash Spring Security knows by its {@code {id}} prefix. */
    @Bean
    PasswordEncoder passwordEncoder() {
        return PasswordEncoderFactories.createDelegatingPasswordEncoder();
    }

    @Bean
    JWKSource<SecurityContext> tokenSigningKey(JdbcClient jdbc, Clock clock) {
        return new SigningKey(jdbc, clock);
    }

    @Bean
    RegisteredClientRepository accountClients(Accounts accounts, AdminProperties admin, PasswordEncoder passwords,
                                              JwtProperties jwt) {
        Supplier<String> adminHash = memoized(() -> admin.password() == null || admin.password().isBlank()
                ? null : passwords.encode(admin.password()));
        return new AccountClients(accounts, admin.username(), adminHash, jwt.tokenTtl());
    }

    /** The account's username, role and organization, under the configured claim names. */
    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> accountClaims(JwtProperties jwt) {
        return context -> {
            if (!OAuth2TokenType.ACCESS_TOKEN.equals(context.getTokenType())) {
                return;
            }
            RegisteredClient client = context.getRegisteredClient();
            context.getClaims().claim(jwt.usernameClaim(), client.getClientId())
                    .claim(jwt.roleClaim(), client.getClientSettings().<String>getSetting(AccountClients.ROLE_SETTING));
            String org = client.getClientSettings().getSetting(AccountClients.ORG_SETTING);
            if (org != null) {
                context.getClaims().claim(jwt.orgClaim(), org);
            }
        };
    }

    @Bean
    AuthorizationServerSettings authorizationServerSettings(JwtProperties jwt) {
        return AuthorizationServerSettings.builder().issuer(jwt.issuer().toString()).build();
    }

    /**
     * This service verifies its own tokens against its key directly (no HTTP call to itself), with the
     * same checks as the other services; with an external issuer, like them.
     */
    @Bean
    JwtDecoder jwtDecoder(JWKSource<SecurityContext> keys, JwtProperties jwt) {
        if (jwt.external()) {
            return CallerClaims.decoder(jwt);
        }
        DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
        processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.RS256, keys));
        // The claims are checked by Spring Security's validators below, as on every other service.
        processor.setJWTClaimsSetVerifier((claims, context) -> { });
        NimbusJwtDecoder decoder = new NimbusJwtDecoder(processor);
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(jwt.issuer().toString()));
        return decoder;
    }

    /** The authorization server's endpoints ({@code /oauth2/token}, {@code /oauth2/jwks}, metadata), before the API's chain. */
    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    SecurityFilterChain tokenEndpoints(HttpSecurity http, RegisteredClientRepository clients, LoginThrottle throttle,
                                       ObjectMapper json) throws Exception {
        OAuth2AuthorizationServerConfigurer server = OAuth2AuthorizationServerConfigurer.authorizationServer();
        return http
                .securityMatcher(server.getEndpointsMatcher())
                .with(server, s -> s.registeredClientRepository(clients)
                        .authorizationService(new NoStoredAuthorizations()))
                .authorizeHttpRequests(auth -> auth.anyRequest().authenticated())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(throttle, SecurityContextHolderFilter.class)
                .exceptionHandling(e -> e.authenticationEntryPoint(SecurityConfiguration.unauthorized(json)))
                .build();
    }

    private static Supplier<String> memoized(Supplier<String> supplier) {
        return new Supplier<>() {
            private volatile String value;
            private volatile boolean done;

            @Override
            public synchronized String get() {
                if (!done) {
                    value = supplier.get();
                    done = true;
                }
                return value;
            }
        };
    }
}
