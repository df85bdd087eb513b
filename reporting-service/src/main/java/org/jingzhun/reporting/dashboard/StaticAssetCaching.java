package org.jingzhun.reporting.dashboard;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.regex.Pattern;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.filter.ShallowEtagHeaderFilter;

/**
 * Cache headers of the dashboard's static assets, which Spring Security would otherwise send with
 * {@code no-store} like every answer (echarts.min.js is 1 MB): a webjar under its versioned path never
 * changes, so it is cached for a year; the dashboard's own scripts and styles and unversioned webjar paths
 * may change with an upgrade, so they are stored but revalidated by ETag (a 304 without a body). Security
 * leaves a {@code Cache-Control} that is already set alone; API answers keep its {@code no-store}.
 */
@Configuration(proxyBeanMethods = false)
class StaticAssetCaching {

    private static final String[] ASSETS = {"/webjars/*", "/js/*", "/css/*", "/favicon.svg"};
    /** {@code /webjars/<library>/<version>/…}: the version starts with a digit. */
    private static final Pattern VERSIONED_WEBJAR = Pattern.compile("^/webjars/[^/]+/\\d[^/]*/.+");
    static final String IMMUTABLE = "public, max-age=31536000, immutable";
    static final String REVALIDATE = "no-cache";

    @Bean
    FilterRegistrationBean<OncePerRequestFilter> staticAssetCacheControl() {
        FilterRegistrationBean<OncePerRequestFilter> registration = new FilterRegistrationBean<>(new OncePerRequestFilter() {
            @Override
            protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                    throws ServletException, IOException {
                String path = request.getRequestURI().substring(request.getContextPath().length());
                response.setHeader(HttpHeaders.CACHE_CONTROL,
                        VERSIONED_WEBJAR.matcher(path).matches() ? IMMUTABLE : REVALIDATE);
                chain.doFilter(request, response);
            }
        });
        registration.addUrlPatterns(ASSETS);
        return registration;
    }

    /** The validator for revalidation: jar entries all carry the same 1980 date, so Last-Modified cannot be one. */
    @Bean
    FilterRegistrationBean<ShallowEtagHeaderFilter> staticAssetEtags() {
        FilterRegistrationBean<ShallowEtagHeaderFilter> registration =
                new FilterRegistrationBean<>(new ShallowEtagHeaderFilter());
        registration.addUrlPatterns(ASSETS);
        return registration;
    }
}
