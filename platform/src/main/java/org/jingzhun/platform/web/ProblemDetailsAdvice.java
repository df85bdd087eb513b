package org.jingzhun.platform.web;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import jakarta.validation.ConstraintViolationException;
import java.net.URI;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.commandhandling.CommandExecutionException;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.axonframework.modelling.command.ConcurrencyException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.transaction.CannotCreateTransactionException;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.MissingServletRequestParameterException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.WebRequest;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Every error as RFC 9457 {@code application/problem+json} with an {@code errors} list naming each
 * bad field, and a stable {@code code}. Bad input is a 4xx, never a 5xx.
 */
@RestControllerAdvice
public class ProblemDetailsAdvice extends ResponseEntityExceptionHandler {

    private static final Logger log = LoggerFactory.getLogger(ProblemDetailsAdvice.class);
    private static final String RETRY_AFTER_SECONDS = "5";

    /** Builds a problem with the given status, code and field errors. */
    public static ProblemDetail problem(HttpStatusCode status, String code, String detail, List<FieldError> errors) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(URI.create("https://jingzhun.org/problems/" + code));
        problem.setProperty("code", code);
        problem.setProperty("errors", errors);
        return problem;
    }

    @ExceptionHandler(RuleViolation.class)
    ResponseEntity<Object> ruleViolation(RuleViolation e) {
        HttpStatus status = switch (e.kind()) {
            case INVALID -> HttpStatus.BAD_REQUEST;
            case NOT_FOUND -> HttpStatus.NOT_FOUND;
            case CONFLICT -> HttpStatus.CONFLICT;
            case UNPROCESSABLE -> HttpStatus.UNPROCESSABLE_ENTITY;
        };
        List<FieldError> errors = e.field() == null ? List.of() : List.of(new FieldError(e.field(), e.getMessage()));
        return respond(problem(status, e.code(), e.getMessage(), errors));
    }

    @ExceptionHandler(AggregateNotFoundException.class)
    ResponseEntity<Object> notFound(AggregateNotFoundException e) {
        return respond(problem(HttpStatus.NOT_FOUND, "not-found",
                "No such resource: " + e.getAggregateIdentifier(), List.of()));
    }

    /** A create command for an id that already has a history: a client-supplied id that is taken. */
    @ExceptionHandler(AggregateStreamCreationException.class)
    ResponseEntity<Object> taken(AggregateStreamCreationException e) {
        return respond(problem(HttpStatus.CONFLICT, "id.taken", "That id is taken: choose another or leave it out",
                List.of(new FieldError("id", "is taken"))));
    }

    @ExceptionHandler(ConcurrencyException.class)
    ResponseEntity<Object> concurrency(ConcurrencyException e) {
        return respond(problem(HttpStatus.CONFLICT, "concurrent-modification",
                "The resource was changed or created concurrently; read it again and retry", List.of()));
    }

    /**
     * Whether {@code e} comes from a database that cannot be reached (down, restarting, out of
     * connections): a fault of the moment, answered 503 so that clients retry, not a 500.
     */
    public static boolean unavailable(Throwable e) {
        for (Throwable cause = e; cause != null; cause = cause.getCause()) {
            if (cause instanceof DataAccessResourceFailureException
                    || cause instanceof CannotCreateTransactionException
                    || cause instanceof SQLTransientConnectionException
                    || cause instanceof SQLNonTransientConnectionException) {
                return true;
            }
            // 08: connection exception; 57P01-57P03: admin or crash shutdown, cannot connect now.
            if (cause instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true;
            }
        }
        return false;
    }

    /** The problem answered while the database cannot be reached. */
    public static ProblemDetail unavailableProblem() {
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable",
                "The service cannot reach its database just now; the request was not recorded, retry later",
                List.of());
    }

    private static ResponseEntity<Object> unavailableResponse() {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE)
                .header(HttpHeaders.RETRY_AFTER, RETRY_AFTER_SECONDS)
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(unavailableProblem());
    }

    @ExceptionHandler(CommandExecutionException.class)
    ResponseEntity<Object> commandExecution(CommandExecutionException e) {
        if (unavailable(e)) {
            log.warn("Command failed: database unavailable: {}", e.toString());
            return unavailableResponse();
        }
        Throwable cause = e.getCause();
        if (cause instanceof RuleViolation violation) {
            return ruleViolation(violation);
        }
        if (cause instanceof ConcurrencyException concurrency) {
            return concurrency(concurrency);
        }
        if (cause instanceof AggregateStreamCreationException creation) {
            return taken(creation);
        }
        log.error("Command failed", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal", "The command could not be executed",
                List.of()));
    }

    /** A fault of ours, not of the request: logged with its stack, answered without internals. */
    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e) throws Exception {
        if (e instanceof org.springframework.web.ErrorResponse
                || e instanceof org.springframework.security.core.AuthenticationException
                || e instanceof org.springframework.security.access.AccessDeniedException) {
            throw e;
        }
        long limit = BodyLimitFilter.limitPassed(e);
        if (limit >= 0) {
            return respond(BodyLimitFilter.problem(limit));
        }
        if (unavailable(e)) {
            log.warn("Request failed: database unavailable: {}", e.toString());
            return unavailableResponse();
        }
        log.error("Unexpected failure", e);
        return respond(problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal",
                "Something went wrong on our side; the request was not recorded", List.of()));
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e) {
        List<FieldError> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldError(lastNode(v.getPropertyPath().toString()), v.getMessage()))
                .toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields", errors));
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e) {
        String expected = expectation(e.getRequiredType());
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                List.of(new FieldError(e.getName(), "invalid value '" + e.getValue() + "'" + expected))));
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                fieldErrors(ex.getBindingResult())));
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException ex,
                                                                            HttpHeaders headers,
                                                                            HttpStatusCode status,
                                                                            WebRequest request) {
        List<FieldError> errors = ex.getParameterValidationResults().stream()
                .flatMap(result -> result.getResolvableErrors().stream().map(error -> new FieldError(
                        result.getMethodParameter().getParameterName(), error.getDefaultMessage())))
                .toList();
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields", errors));
    }

    @Override
    protected ResponseEntity<Object> handleMissingServletRequestParameter(MissingServletRequestParameterException ex,
                                                                          HttpHeaders headers, HttpStatusCode status,
                                                                          WebRequest request) {
        return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "A required parameter is missing",
                List.of(new FieldError(ex.getParameterName(), "is required"))));
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException ex,
                                                                  HttpHeaders headers, HttpStatusCode status,
                                                                  WebRequest request) {
        long limit = BodyLimitFilter.limitPassed(ex);
        if (limit >= 0) {
            return respond(BodyLimitFilter.problem(limit));
        }
        Throwable cause = ex.getCause();
        if (cause instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            String field = mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining(".")).replace(".[", "[");
            String message;
            if (cause instanceof InputRulesModule.Refused refused) {
                message = refused.getOriginalMessage();
            } else if (cause instanceof UnrecognizedPropertyException) {
                message = "unknown field";
            } else if (cause instanceof InvalidFormatException invalid) {
                message = "invalid value '" + invalid.getValue() + "'" + expectation(invalid.getTargetType());
            } else if (cause instanceof MismatchedInputException mismatched) {
                message = "wrong type" + expectation(mismatched.getTargetType());
            } else {
                message = "invalid value";
            }
            return respond(problem(HttpStatus.BAD_REQUEST, "invalid-request", "The request has invalid fields",
                    List.of(new FieldError(field, message))));
        }
        return respond(problem(HttpStatus.BAD_REQUEST, "unreadable-request",
                "The request body is missing or is not valid JSON", List.of(new FieldError("body", "not readable"))));
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception ex, @Nullable Object body, HttpHeaders headers,
                                                             HttpStatusCode statusCode, WebRequest request) {
        ResponseEntity<Object> response = super.handleExceptionInternal(ex, body, headers, statusCode, request);
        if (response != null && response.getBody() instanceof ProblemDetail problem
                && problem.getProperties() == null) {
            problem.setProperty("code", "http-" + statusCode.value());
            problem.setProperty("errors", List.of());
        }
        return response;
    }

    private static String expectation(@Nullable Class<?> type) {
        if (type != null && type.isEnum()) {
            return "; expected one of " + Arrays.toString(type.getEnumConstants());
        }
        return type == null ? "" : "; expected " + type.getSimpleName();
    }

    private static List<FieldError> fieldErrors(BindingResult result) {
        return result.getFieldErrors().stream()
                .map(error -> new FieldError(error.getField(), error.getDefaultMessage()))
                .toList();
    }

    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    private static ResponseEntity<Object> respond(ProblemDetail problem) {
        return ResponseEntity.status(problem.getStatus())
                .contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(problem);
    }
}
