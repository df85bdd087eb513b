package org.jingzhun.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.AccessDeniedHandler;

/** HTTP Basic for every service; answers 401/403 as problem details. */
@AutoConfiguration(beforeName = "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration")
@ConditionalOnWebApplication
@EnableConfigurationProperties(AdminProperties.class)
public class SecurityConfiguration {

    /** The role of county administrators. */
    public static final String COUNTY_ADMIN = "COUNTY_ADMIN";

    private static final Logger log = LoggerFactory.getLogger(SecurityConfiguration.class);

    @Bean
    SecurityFilterChain jingzhunSecurity(HttpSecurity http, ObjectMapper json) throws Exception {
        AuthenticationEntryPoint unauthorized = (request, response, e) -> {
            response.setHeader("WWW-Authenticate", "Basic realm=\"jingzhun\"");
            write(response, json, ProblemDetailsAdvice.problem(HttpStatus.UNAUTHORIZED, "unauthorized",
                    "Authentication is required", List.of()));
        };
        AccessDeniedHandler forbidden = (request, response, e) -> write(response, json,
                ProblemDetailsAdvice.problem(HttpStatus.FORBIDDEN, "forbidden", "Not allowed for this user", List.of()));
        return http
                // A stateless JSON API authenticated on every request: no session, no CSRF token.
                .csrf(csrf -> csrf.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .authorizeHttpRequests(auth -> auth
                        .requestMatchers("/actuator/health", "/actuator/health/**").permitAll()
                        .requestMatchers("/error").permitAll()
                        .anyRequest().authenticated())
                .httpBasic(basic -> basic.authenticationEntryPoint(unauthorized))
                .exceptionHandling(e -> e.authenticationEntryPoint(unauthorized).accessDeniedHandler(forbidden))
                .headers(Customizer.withDefaults())
                .build();
    }

    @Bean
    UserDetailsService jingzhunUsers(AdminProperties admin) {
        String password = admin.password();
        if (password == null || password.isBlank()) {
            byte[] random = new byte[18];
            new SecureRandom().nextBytes(random);
            password = Base64.getUrlEncoder().withoutPadding().encodeToString(random);
            log.warn("JINGZHUN_ADMIN_PASSWORD is not set; generated password for user '{}': {}", admin.username(), password);
        }
        // {noop}: Basic authentication checks the password on every request, and a deliberately slow
        // hash (bcrypt ~80 ms) would cap throughput; the secret lives only in memory and the environment.
        InMemoryUserDetailsManager users = new InMemoryUserDetailsManager(User.withUsername(admin.username())
                .password("{noop}" + password)
                .roles(COUNTY_ADMIN)
                .build());
        // Exposed as a plain UserDetailsService, not as the manager: Spring Security would otherwise
        // "upgrade" the stored password to bcrypt after the first login and pay ~80 ms on every request.
        return users::loadUserByUsername;
    }

    private static void write(jakarta.servlet.http.HttpServletResponse response, ObjectMapper json,
                              ProblemDetail problem) throws java.io.IOException {
        response.setStatus(problem.getStatus());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        response.getOutputStream().write(json.writeValueAsBytes(problem));
    }
}
