package org.jingzhun.platform.web;

/**
 * A domain rule failure with a stable error code. Aggregates throw subclasses; the web layer turns
 * them into problem details. It carries no web types, only the {@link Kind} of failure.
 */
public class RuleViolation extends RuntimeException {

    /** What kind of failure it is; the web layer maps each to a status code. */
    public enum Kind {
        /** The input is malformed (400). */
        INVALID,
        /** Something named does not exist (404). */
        NOT_FOUND,
        /** It conflicts with the current state (409): an illegal transition, a duplicate. */
        CONFLICT,
        /** Well-formed but not allowed by the rules (422). */
        UNPROCESSABLE
    }

    private final String code;
    private final Kind kind;
    private final String field;

    public RuleViolation(Kind kind, String code, String message) {
        this(kind, code, null, message);
    }

    public RuleViolation(Kind kind, String code, String field, String message) {
        super(message);
        this.kind = kind;
        this.code = code;
        this.field = field;
    }

    /** A stable, machine-readable code such as {@code problem.illegal-transition}. */
    public String code() {
        return code;
    }

    public Kind kind() {
        return kind;
    }

    /** The request field at fault, when there is one. */
    public String field() {
        return field;
    }
}
