package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Problem details, the limits of the HTTP edge and the idempotency filter for every service. */
@AutoConfiguration(afterName = {
        "org.springframework.boot.autoconfigure.jdbc.JdbcClientAutoConfiguration",
        "org.springframework.boot.autoconfigure.transaction.TransactionAutoConfiguration"})
@ConditionalOnWebApplication
@EnableConfigurationProperties(WebLimits.class)
@Import(ProblemDetailsAdvice.class)
public class WebConfiguration {

    @Bean
    FilterRegistrationBean<BodyLimitFilter> bodyLimitFilter(WebLimits limits, ObjectMapper json) {
        FilterRegistrationBean<BodyLimitFilter> registration =
                new FilterRegistrationBean<>(new BodyLimitFilter(limits.maxBodySize().toBytes(), json));
        registration.addUrlPatterns("/*");
        // Before every filter that may read a body (Boot's FormContentFilter at -9900 among them).
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 1);
        return registration;
    }

    /** Text and date rules on the web layer's JSON reader (not on the event store's). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer inputRules(WebLimits limits) {
        return builder -> builder.postConfigurer(mapper -> mapper.registerModule(
                new InputRulesModule(limits.maxTextLength())));
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, ObjectMapper json, WebLimits limits) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, json, limits.idempotencyWait()));
        registration.addUrlPatterns("/api/*");
        // After Spring Security (order -100): keys are scoped to the authenticated user.
        registration.setOrder(Ordered.LOWEST_PRECEDENCE - 100);
        return registration;
    }

    /**
     * On the command bus, registered here rather than left to Axon's interceptor auto-configuration,
     * whose {@code @ConditionalOnBean} may be evaluated before this configuration declares a bean.
     */
    @Bean
    SmartInitializingSingleton idempotencyClaimRegistration(ObjectProvider<CommandBus> commandBus, JdbcClient jdbc) {
        return () -> commandBus.ifAvailable(bus -> bus.registerHandlerInterceptor(new IdempotencyClaimInterceptor(jdbc)));
    }
}
