package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.apache.catalina.core.StandardHost;
import org.apache.coyote.ContinueResponseTiming;
import org.apache.coyote.http11.AbstractHttp11Protocol;
import org.axonframework.commandhandling.CommandBus;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.embedded.tomcat.TomcatServletWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.core.Ordered;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.security.web.firewall.RequestRejectedHandler;

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

    @Bean
    FilterRegistrationBean<QueryTextFilter> queryTextFilter(WebLimits limits, ObjectMapper json) {
        FilterRegistrationBean<QueryTextFilter> registration =
                new FilterRegistrationBean<>(new QueryTextFilter(limits.maxTextLength(), json));
        registration.addUrlPatterns("/*");
        registration.setOrder(Ordered.HIGHEST_PRECEDENCE + 2);
        return registration;
    }

    /**
     * Requests Spring Security's firewall refuses (an encoded NUL or line break in the path, a control
     * character in a header or parameter): 400 problem details, not a bare error page.
     */
    @Bean
    RequestRejectedHandler problemRequestRejectedHandler(ObjectMapper json) {
        return (request, response, rejected) -> {
            if (response.isCommitted()) {
                return;
            }
            response.setStatus(HttpStatus.BAD_REQUEST.value());
            response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
            response.getOutputStream().write(json.writeValueAsBytes(ProblemDetailsAdvice.problem(
                    HttpStatus.BAD_REQUEST, "request-rejected",
                    "The request's address, headers or parameters contain characters that are not accepted",
                    List.of(new FieldError("url", "contains characters that are not accepted")))));
        };
    }

    /**
     * A client that sends {@code Expect: 100-continue} learns of a refusal (413 above the body limit, 401,
     * 400) before it sends the body: Tomcat answers {@code 100 Continue} only when the application starts
     * reading the body, not as soon as the request line and headers arrive (its default).
     */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> continueWhenTheBodyIsRead() {
        return factory -> factory.addConnectorCustomizers(connector -> {
            if (connector.getProtocolHandler() instanceof AbstractHttp11Protocol<?> http) {
                http.setContinueResponseTiming(ContinueResponseTiming.ON_REQUEST_BODY_READ.toString());
            }
        });
    }

    /** Tomcat's own error answers as problem details too (see {@link ProblemErrorReportValve}). */
    @Bean
    WebServerFactoryCustomizer<TomcatServletWebServerFactory> problemErrorReports() {
        return factory -> factory.addContextCustomizers(context -> {
            if (context.getParent() instanceof StandardHost host) {
                host.setErrorReportValveClass(ProblemErrorReportValve.class.getName());
            }
        });
    }

    /** Text and date rules on the web layer's JSON reader (not on the event store's). */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer inputRules(WebLimits limits) {
        return builder -> builder.postConfigurer(mapper -> {
            mapper.registerModule(new InputRulesModule(limits.maxTextLength()));
            InputRulesModule.refuseCoercions(mapper);
        });
    }

    /** Closed with the context: after the web server's graceful shutdown, before the connection pool. */
    @Bean(destroyMethod = "close")
    IdempotencyAnswers idempotencyAnswers(JdbcClient jdbc) {
        return new IdempotencyAnswers(jdbc);
    }

    @Bean
    FilterRegistrationBean<IdempotencyFilter> idempotencyFilter(JdbcClient jdbc, ObjectMapper json, WebLimits limits,
                                                                IdempotencyAnswers answers) {
        FilterRegistrationBean<IdempotencyFilter> registration =
                new FilterRegistrationBean<>(new IdempotencyFilter(jdbc, json, limits.idempotencyWait(), answers));
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
    SmartInitializingSingleton idempotencyClaimRegistration(ObjectProvider<CommandBus> commandBus, JdbcClient jdbc,
                                                            ObjectMapper json) {
        return () -> commandBus.ifAvailable(
                bus -> bus.registerHandlerInterceptor(new IdempotencyClaimInterceptor(jdbc, json)));
    }
}
