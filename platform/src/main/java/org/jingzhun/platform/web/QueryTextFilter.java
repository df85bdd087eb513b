package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The text rules of request bodies ({@link TextRules}) for query parameters too: a control character
 * in {@code ?orgId=} is refused with a 400 naming the parameter before it reaches a query (PostgreSQL
 * cannot even compare text with U+0000). Reads the query string only, never a form body.
 */
public class QueryTextFilter extends OncePerRequestFilter {

    private final int maxTextLength;
    private final ObjectMapper json;

    public QueryTextFilter(int maxTextLength, ObjectMapper json) {
        this.maxTextLength = maxTextLength;
        this.json = json;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String query = request.getQueryString();
        if (query != null) {
            for (String pair : query.split("&")) {
                int equals = pair.indexOf('=');
                String name = decode(equals < 0 ? pair : pair.substring(0, equals));
                String value = equals < 0 ? "" : decode(pair.substring(equals + 1));
                String field = name;
                String violation;
                if (name == null || value == null) {
                    field = "query";
                    violation = "is not valid percent-encoded UTF-8";
                } else if (TextRules.violation(name, maxTextLength) != null) {
                    field = "query";
                    violation = "has a parameter name that " + TextRules.violation(name, maxTextLength);
                } else {
                    violation = TextRules.violation(value, maxTextLength);
                }
                if (violation != null) {
                    response.setStatus(HttpStatus.BAD_REQUEST.value());
                    response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
                    response.getOutputStream().write(json.writeValueAsBytes(ProblemDetailsAdvice.problem(
                            HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid parameters",
                            List.of(new FieldError(field, violation)))));
                    return;
                }
            }
        }
        chain.doFilter(request, response);
    }

    private static String decode(String text) {
        try {
            return URLDecoder.decode(text, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
