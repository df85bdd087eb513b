package org.jingzhun.platform.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.http.HttpMessageConvertersAutoConfiguration;
import org.springframework.boot.autoconfigure.jackson.JacksonAutoConfiguration;
import org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.DispatcherServletAutoConfiguration;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthenticatedAuthorizationManager;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.config.BeanIds;
import org.springframework.security.oauth2.jwt.BadJwtException;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.test.util.ReflectionTestUtils;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.setup.MockMvcBuilders;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;

/**
 * The platform's security chain with Spring MVC, as a service has them: rules match paths with their
 * variables, and a request's handler is looked up once (by the dispatcher), not also before the rules.
 */
class PathMatchingTest {

    private static final String ADMIN = "Basic " + Base64.getEncoder()
            .encodeToString("admin:pw".getBytes(StandardCharsets.UTF_8));

    private final WebApplicationContextRunner runner = new WebApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JacksonAutoConfiguration.class,
                    HttpMessageConvertersAutoConfiguration.class, DispatcherServletAutoConfiguration.class,
                    WebMvcAutoConfiguration.class, SecurityConfiguration.class, SecurityAutoConfiguration.class))
            .withUserConfiguration(Service.class)
            .withPropertyValues("jingzhun.admin.username=admin", "jingzhun.admin.password=pw");

    @Test
    void theSecurityChainIsNotWrappedInAHandlerLookup() {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            // Spring Security 6.5's own wrapper (a filter that parses the request's path once) stays.
            assertThat(context.getBean(BeanIds.SPRING_SECURITY_FILTER_CHAIN).getClass().getName())
                    .isNotEqualTo(PathMatching.WRAPPER);
        });
    }

    @Test
    void eachRequestsHandlerIsLookedUpOnce() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            LookupCounter lookups = context.getBean(LookupCounter.class);

            lookups.count.set(0);
            mvc.perform(get("/things/open").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isOk());
            assertThat(lookups.count).hasValue(1);

            lookups.count.set(0);
            mvc.perform(get("/things/open")).andExpect(status().isUnauthorized());
            assertThat(lookups.count).as("a request the rules refuse reaches no handler").hasValue(0);
        });
    }

    @Test
    void rulesSeeThePathsVariablesAndTheRestIsTheAdminsOnly() {
        runner.run(context -> {
            MockMvc mvc = mvc(context);
            mvc.perform(get("/things/open").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isOk());
            mvc.perform(get("/things/shut").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isForbidden());
            // Only GET is named by the rule: anything else falls to "county administrators only".
            mvc.perform(get("/other").header(HttpHeaders.AUTHORIZATION, ADMIN)).andExpect(status().isNotFound());
            mvc.perform(get("/other")).andExpect(status().isUnauthorized());
            // Open without credentials, as every service has it.
            mvc.perform(get("/actuator/health")).andExpect(status().isNotFound());
        });
    }

    @Test
    void theChainChecksHeadersWithThePlatformsFirewall() {
        runner.run(context -> {
            // Spring Security 6.5 puts the chain that filters requests inside a composite of its own.
            Object chain = ReflectionTestUtils.getField(context.getBean(BeanIds.SPRING_SECURITY_FILTER_CHAIN),
                    "springSecurityFilterChain");
            assertThat(ReflectionTestUtils.getField(chain, "firewall")).isSameAs(context.getBean(HttpFirewall.class));
            MockMvc mvc = mvc(context);
            mvc.perform(get("/things/open").header(HttpHeaders.AUTHORIZATION, ADMIN).header("X-Note", "县委\t常委会"))
                    .andExpect(status().isOk());
            // A header is checked when it is read: the security chain reads the credentials.
            mvc.perform(get("/things/open").header(HttpHeaders.AUTHORIZATION, "Bearer a\u0007b"))
                    .andExpect(status().isBadRequest());
        });
    }

    private static MockMvc mvc(WebApplicationContext context) {
        return MockMvcBuilders.webAppContextSetup(context)
                .addFilters(context.getBean(BeanIds.SPRING_SECURITY_FILTER_CHAIN, FilterChainProxy.class))
                .build();
    }

    @Configuration(proxyBeanMethods = false)
    static class Service {

        /** Every bearer token is refused: these requests use the admin's Basic credentials. */
        @Bean
        JwtDecoder refusingDecoder() {
            return token -> {
                throw new BadJwtException("not in this test");
            };
        }

        /** Granted to a signed-in caller (the admin too) only for the thing named "open". */
        @Bean
        AccessRules thingRules() {
            AuthenticatedAuthorizationManager<RequestAuthorizationContext> signedIn =
                    AuthenticatedAuthorizationManager.authenticated();
            return rules -> rules.requestMatchers(HttpMethod.GET, "/things/{thing}")
                    .access((authentication, request) -> new AuthorizationDecision(
                            signedIn.check(authentication, request).isGranted()
                                    && "open".equals(request.getVariables().get("thing"))));
        }

        @Bean
        LookupCounter lookupCounter() {
            return new LookupCounter();
        }

        @Bean
        ThingController thingController() {
            return new ThingController();
        }
    }

    @RestController
    static class ThingController {

        @GetMapping("/things/{thing}")
        String thing(@PathVariable String thing) {
            return thing;
        }
    }

    /** Asked first for every handler lookup, by the dispatcher or by anything else; serves none. */
    static class LookupCounter implements HandlerMapping, Ordered {

        final AtomicInteger count = new AtomicInteger();

        @Override
        public HandlerExecutionChain getHandler(HttpServletRequest request) {
            count.incrementAndGet();
            return null;
        }

        @Override
        public int getOrder() {
            return Ordered.HIGHEST_PRECEDENCE;
        }
    }
}
