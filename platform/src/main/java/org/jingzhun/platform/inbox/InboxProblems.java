package org.jingzhun.platform.inbox;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.eventsourcing.eventstore.EventStoreException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.jingzhun.platform.web.FieldError;
import org.jingzhun.platform.web.ProblemDetailsAdvice;
import org.jingzhun.platform.web.RuleViolation;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The problem details of a refused CloudEvent, the same as the HTTP command would answer: outside of
 * Spring MVC (a batch entry, a Kafka record) nobody else translates the failure.
 */
public final class InboxProblems {

    private InboxProblems() {
    }

    /** A problem of the inbox itself, e.g. an unknown type. */
    public static InboxRejection reject(HttpStatus status, String code, String field, String message) {
        return new InboxRejection(ProblemDetailsAdvice.problem(status, code, message,
                field == null ? List.of() : List.of(new FieldError(field, message))), null);
    }

    /**
     * The problem of a failure caused by the event, or empty for a failure of ours (database or Kafka
     * away, a bug): then the event is not rejected but retried.
     */
    public static Optional<InboxRejection> of(Throwable failure) {
        Throwable e = failure;
        if (e instanceof CommandExecutionException && e.getCause() != null) {
            e = e.getCause();
        }
        if (e instanceof InboxRejection rejection) {
            return Optional.of(rejection);
        }
        if (e instanceof RuleViolation violation) {
            HttpStatus status = switch (violation.kind()) {
                case INVALID -> HttpStatus.BAD_REQUEST;
                case NOT_FOUND -> HttpStatus.NOT_FOUND;
                case CONFLICT -> HttpStatus.CONFLICT;
                case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
            };
            List<FieldError> errors = violation.field() == null ? List.of()
                    : List.of(new FieldError(violation.field(), violation.getMessage()));
            return wrap(ProblemDetailsAdvice.problem(status, violation.code(), violation.getMessage(), errors), e);
        }
        if (e instanceof AggregateNotFoundException notFound) {
            return wrap(ProblemDetailsAdvice.problem(HttpStatus.NOT_FOUND, "not-found",
                    "No such resource: " + notFound.getAggregateIdentifier(), List.of()), e);
        }
        if (e instanceof AggregateStreamCreationException) {
            return wrap(ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "id.taken",
                    "That id is taken: choose another or leave it out", List.of(new FieldError("id", "is taken"))), e);
        }
        if (e instanceof ConcurrencyException && !(e instanceof EventStoreException)) {
            return wrap(ProblemDetailsAdvice.problem(HttpStatus.CONFLICT, "concurrent-modification",
                    "The resource was changed or created concurrently; read it again and retry", List.of()), e);
        }
        if (e instanceof ConstraintViolationException violations) {
            List<FieldError> errors = violations.getConstraintViolations().stream()
                    .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
                    .sorted(java.util.Comparator.comparing(FieldError::field))
                    .toList();
            return wrap(ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    "The data has invalid fields", errors), e);
        }
        if (e instanceof UncheckedIOException io && io.getCause() instanceof JsonMappingException mapping) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (mapping instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (mapping instanceof InvalidFormatException invalid) {
                message = "invalid value '" + invalid.getValue() + "'" + expectation(invalid.getTargetType());
            } else if (mapping instanceof MismatchedInputException mismatched) {
                message = "wrong type" + expectation(mismatched.getTargetType());
            } else {
                message = "invalid value";
            }
            return wrap(ProblemDetailsAdvice.problem(HttpStatus.BAD_REQUEST, "invalid-request",
                    "The data has invalid fields", List.of(new FieldError(field.isEmpty() ? "data" : field, message))),
                    e);
        }
        return Optional.empty();
    }

    private static Optional<InboxRejection> wrap(ProblemDetail problem, Throwable cause) {
        return Optional.of(new InboxRejection(problem, cause));
    }

    private static String expectation(Class<?> type) {
        if (type != null && type.isEnum()) {
            return "; expected one of " + Arrays.toString(type.getEnumConstants());
        }
        return type == null ? "" : "; expected " + type.getSimpleName();
    }
}
