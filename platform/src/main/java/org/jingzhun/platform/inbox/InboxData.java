package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Set;
import org.jingzhun.platform.web.RuleViolation;

/**
 * The data of an inbox CloudEvent: the body of the matching HTTP command plus the values its path
 * names ({@code orgId}, {@code problemId}, {@code item}). Path values are taken out first; the rest is
 * read and validated exactly as the HTTP request body would be (same record, same Bean Validation,
 * unknown fields refused).
 */
public final class InboxData {

    private final ObjectNode data;
    private final ObjectMapper json;
    private final Validator validator;

    InboxData(ObjectNode data, ObjectMapper json, Validator validator) {
        this.data = data.deepCopy();
        this.json = json;
        this.validator = validator;
    }

    /** Takes a required text value that the HTTP command carries in its path, e.g. {@code orgId}. */
    public String pathValue(String field) {
        var node = data.remove(field);
        if (node == null || node.isNull() || !node.isTextual() || node.asText().isBlank()) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field,
                    node == null || node.isNull() ? "is required" : "must be non-blank text");
        }
        if (node.asText().length() > 100) {
            throw new RuleViolation(RuleViolation.Kind.INVALID, "invalid-request", field, "at most 100 characters");
        }
        return node.asText();
    }

    /** The rest of the data read as the HTTP request body, validated like {@code @Valid @RequestBody}. */
    public <T> T body(Class<T> type) {
        T body;
        try {
            body = json.readerFor(type).readValue(data);
        } catch (IOException e) {
            // JsonMappingException: InboxProblems names the field, as for an unreadable HTTP body.
            throw new UncheckedIOException(e);
        }
        Set<ConstraintViolation<T>> violations = validator.validate(body);
        if (!violations.isEmpty()) {
            throw new ConstraintViolationException(violations);
        }
        return body;
    }
}
