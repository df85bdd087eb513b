package org.jingzhun.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.security.SecurityRequirement;
import io.swagger.v3.oas.models.security.SecurityScheme;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.config.observation.SecurityObservationSettings;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.PathPatternRequestTransformer;
import org.springframework.security.web.authentication.www.BasicAuthenticationFilter;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;

/**
 * Every service is an OAuth 2.0 resource server: {@code Authorization: Bearer <JWT>} issued by the
 * organization service (or by a county's own OIDC provider), and the bootstrap {@code admin} keeps
 * HTTP Basic. Who may call what is the service's {@link AccessRules}; which organizations, its
 * {@link Scope}. 401 and 403 are answered as problem details.
 */
@AutoConfiguration(beforeName = {
        "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
        "org.springframework.boot.autoconfigure.security.oauth2.resource.servlet.OAuth2ResourceServerAutoConfiguration"})
@ConditionalOnWebApplication
@EnableConfigurationProperties({AdminProperties.class, JwtProperties.class})
public class SecurityConfiguration {

    /** The role of county administrators. */
    public static final String COUNTY_ADMIN = Role.COUNTY_ADMIN.name();

    /** The only path on which a token may come as the {@code access_token} query parameter: EventSource sends no headers. */
    public static final String STREAM_PATH_SUFFIX = "/stream";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain jingzhunSecurity(HttpSecurity http, ObjectMapper json, JwtDecoder tokens,
                                         JwtProperties jwt, ObjectProvider<AccessRules> serviceRules,
                                         LoginThrottle throttle) throws Exception {
        AuthenticationEntryPoint unauthorized = unauthorized(json);
        AccessDeniedHandler forbidden = forbidden(json);
        return http
                // Stateless: every request carries its credentials (a bearer token or Basic), never a
                // cookie, so there is no session to ride and no CSRF token to check; unsafe methods
                // also need a JSON content type, which a cross-site form cannot send.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .addFilterBefore(throttle, BasicAuthenticationFilter.class)
                .addFilterBefore(new ContentTypeFilter(json), BasicAuthenticationFilter.class)
                .authorizeHttpRequests(auth -> {
                    auth.requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                            .requestMatchers("/error").permitAll()
                            .requestMatchers("/actuator/prometheus").hasAnyAuthority(AccessRules.roles(Role.METRICS))
                            .requestMatchers(HttpMethod.GET, "/v3/api-docs", "/v3/api-docs/**", "/v3/api-docs.yaml",
                                    "/swagger-ui.html", "/swagger-ui/**").authenticated()
                            // The published event contract (AsyncAPI, JSON Schemas): for every account, publishers first.
                            .requestMatchers(HttpMethod.GET, "/asyncapi.json", "/schemas/**").authenticated()
                            // A writing service checking its own event store's chains: auditors' (and the county admin's).
                            .requestMatchers(HttpMethod.GET, "/api/audit/event-store/verify")
                            .hasAnyAuthority(AccessRules.roles(Role.AUDITOR));
                    serviceRules.orderedStream().forEach(rules -> rules.apply(auth));
                    auth.anyRequest().hasAuthority(Role.COUNTY_ADMIN.authority());
                })
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .oauth2ResourceServer(resource -> resource
                        .bearerTokenResolver(bearerTokens())
                        .jwt(j -> j.decoder(tokens).jwtAuthenticationConverter(new CallerClaims(jwt)))
                        .authenticationEntryPoint(unauthorized)
                        .accessDeniedHandler(forbidden))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(Customizer.withDefaults())
                .build();
    }

    /**
     * The access rules' paths are matched by Spring Security itself, with the MVC's pattern parser
     * ({@link PathMatching}), not by asking Spring MVC for each request's handler.
     */
    @Bean
    @ConditionalOnMissingBean(PathPatternRequestMatcher.Builder.class)
    static PathPatternRequestMatcherBuilderFactoryBean jingzhunPathPatterns() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    /** The same for the error pages' access check (the name is the one Spring Security looks for). */
    @Bean(name = "pathPatternRequestTransformer")
    @ConditionalOnMissingBean(name = "pathPatternRequestTransformer")
    static PathPatternRequestTransformer jingzhunPathPatternRequestTransformer() {
        return new PathPatternRequestTransformer();
    }

    /**
     * Spring Security's strict firewall with its default rules, its header checks made cheaper
     * ({@link FirewallRules}); picked up by the security chain as any {@link HttpFirewall} bean is.
     */
    @Bean
    @ConditionalOnMissingBean(HttpFirewall.class)
    static HttpFirewall jingzhunHttpFirewall() {
        return FirewallRules.firewall();
    }

    /** No handler lookup before the rules: none of them asks for it ({@link PathMatching}). */
    @Bean
    static BeanFactoryPostProcessor jingzhunSecurityChainWithoutHandlerLookup() {
        return new PathMatching();
    }

    /**
     * No Micrometer observation around each of the security chain's ~15 filters, nor around each
     * authentication and authorization: Spring Security wraps them all as soon as an observation
     * registry exists, which cost about a tenth of a command's CPU (docs/benchmarks.md). The request as a
     * whole is still timed ({@code http_server_requests_seconds}, with its 401/403 answers).
     * {@code JINGZHUN_SECURITY_OBSERVATIONS=true} brings Spring Security's observations back (all of them, as
     * without this bean). Read when the service starts, not as a condition: a condition would be fixed when the
     * jar is built (Spring AOT).
     */
    @Bean
    @ConditionalOnMissingBean
    SecurityObservationSettings jingzhunSecurityObservations(Environment environment) {
        return environment.getProperty("jingzhun.security.observations", Boolean.class, false)
                ? SecurityObservationSettings.withDefaults().shouldObserveRequests(true)
                        .shouldObserveAuthentications(true).shouldObserveAuthorizations(true).build()
                : SecurityObservationSettings.noObservations();
    }

    /** Verifies bearer tokens: see {@link CallerClaims#decoder}. The organization service verifies locally. */
    @Bean
    @ConditionalOnMissingBean
    JwtDecoder jingzhunJwtDecoder(JwtProperties jwt) {
        return CallerClaims.decoder(jwt);
    }

    @Bean
    @ConditionalOnMissingBean
    LoginThrottle loginThrottle(ObjectMapper json) {
        return new LoginThrottle(json, LoginThrottle.DEFAULT_FAILURES, LoginThrottle.DEFAULT_WINDOW);
    }

    /** Both ways in, in every service's OpenAPI document: a bearer JWT, or HTTP Basic for the bootstrap admin. */
    @Bean
    OpenApiCustomizer jingzhunSecuritySchemes() {
        return openApi -> {
            Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
            openApi.setComponents(components
                    .addSecuritySchemes("bearer", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("bearer")
                            .bearerFormat("JWT").description("POST /oauth2/token on organization-service "
                                    + "(client_credentials, the account's username and password as HTTP Basic)"))
                    .addSecuritySchemes("basic", new SecurityScheme().type(SecurityScheme.Type.HTTP).scheme("basic")
                            .description("The bootstrap admin only")));
            openApi.setSecurity(List.of(new SecurityRequirement().addList("bearer"),
                    new SecurityRequirement().addList("basic")));
        };
    }

    /** Runs inside the security filter chains only, not a second time as a servlet filter. */
    @Bean
    FilterRegistrationBean<LoginThrottle> loginThrottleOutsideSecurity(LoginThrottle throttle) {
        FilterRegistrationBean<LoginThrottle> registration = new FilterRegistrationBean<>(throttle);
        registration.setEnabled(false);
        return registration;
    }

    /** The caller's subtree against the service's organization tree; without one, only the root itself. */
    @Bean
    @ConditionalOnMissingBean
    Scope scope(ObjectProvider<OrganizationSubtree> trees) {
        return new Scope((root, organizationId) -> {
            OrganizationSubtree tree = trees.getIfAvailable();
            return tree == null ? root.equals(organizationId) : tree.contains(root, organizationId);
        });
    }

    @Bean
    UserDetailsService jingzhunUsers(AdminProperties admin) {
        String password = admin.password();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            // Not the password itself: logs are collected and kept. Set JINGZHUN_ADMIN_PASSWORD (the
            // suite and docker-compose do) to be able to sign in as admin.
            log.warn("JINGZHUN_ADMIN_PASSWORD is not set; user '{}' got a random password that is not shown",
                    admin.username());
        }
        // {noop}: Basic authentication checks the password on every request, and a deliberately slow
        // hash (bcrypt ~80 ms) would cap throughput; the secret lives only in memory and the environment.
        // Accounts' passwords are hashed (organization-service) and checked only when a token is issued.
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password("{noop}" + password)
                .roles(COUNTY_ADMIN)
                .build());
        // Exposed as a plain UserDetailsService, not as the manager: Spring Security would otherwise
        // "upgrade" the stored password to bcrypt after the first login and pay ~80 ms on every request.
        return users::loadUserByUsername;
    }

    private static BearerTokenResolver bearerTokens() {
        DefaultBearerTokenResolver header = new DefaultBearerTokenResolver();
        DefaultBearerTokenResolver headerOrQuery = new DefaultBearerTokenResolver();
        headerOrQuery.setAllowUriQueryParameter(true);
        return request -> HttpMethod.GET.matches(request.getMethod())
                && request.getRequestURI().endsWith(STREAM_PATH_SUFFIX)
                ? headerOrQuery.resolve(request) : header.resolve(request);
    }

    /**
     * 401 as problem details; a bearer caller (or a script saying {@code X-Requested-With}, as the
     * dashboard does) is told so, others are offered Basic: a browser answers that with its own prompt.
     */
    public static AuthenticationEntryPoint unauthorized(ObjectMapper json) {
        return (request, response, e) -> {
            response.setHeader("WWW-Authenticate", bearer(request)
                    ? "Bearer error=\"invalid_token\"" : "Basic realm=\"jingzhun\"");
            write(response, json, ProblemDetailsAdvice.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Authentication is required", List.of()));
        };
    }

    /** 403 {@code forbidden} as problem details. */
    public static AccessDeniedHandler forbidden(ObjectMapper json) {
        return (request, response, e) -> write(response, json,
                ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this account", List.of()));
    }

    private static boolean bearer(HttpServletRequest request) {
        String header = request.getHeader("Authorization");
        return (header != null && header.regionMatches(true, 0, "Bearer", 0, 6))
                || request.getParameter("access_token") != null
                || "XMLHttpRequest".equals(request.getHeader("X-Requested-With"));
    }

    static void write(HttpServletResponse response, ObjectMapper json, ProblemDetail problem) throws IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
