package org.jingzhun.platform.security;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.jingzhun.platform.web.FieldError;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Unsafe methods on {@code /api/**} take JSON or CloudEvents only (415 otherwise): an HTML form on
 * another site can post {@code application/x-www-form-urlencoded}, {@code multipart/form-data} or
 * {@code text/plain}, never JSON, so this is what keeps a browser's stored Basic credentials from
 * being used across sites now that there is no CSRF token. A body-less command (leave, disable) may
 * come without a content type.
 */
public class ContentTypeFilter extends OncePerRequestFilter {

    private static final Set<String> UNSAFE = Set.of("POST", "PUT", "PATCH", "DELETE");

    private final ObjectMapper json;

    public ContentTypeFilter(ObjectMapper json) {
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !UNSAFE.contains(request.getMethod()) || !request.getRequestURI().startsWith("/api/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String contentType = request.getContentType();
        boolean hasBody = request.getContentLengthLong() > 0 || request.getHeader("Transfer-Encoding") != null;
        if ((contentType == null && !hasBody) || (contentType != null && accepted(contentType))) {
            chain.doFilter(request, response);
            return;
        }
        SecurityConfiguration.write(response, json, ProblemDetailsAdvice.problem(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type", "Send application/json (or CloudEvents JSON)",
                List.of(new FieldError("Content-Type", "must be application/json, got "
                        + (contentType == null ? "none" : contentType)))));
    }

    static boolean accepted(String contentType) {
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return MediaType.APPLICATION_JSON.isCompatibleWith(type)
                    || "json".equals(type.getSubtypeSuffix())
                    || type.getSubtype().startsWith("cloudevents");
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
