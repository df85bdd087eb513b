package org.jingzhun.platform.inbox;

import org.springframework.http.ProblemDetail;

/** A CloudEvent the inbox refuses, with the problem details that say why. Nothing was recorded. */
public class InboxRejection extends RuntimeException {

    private final transient ProblemDetail problem;

    public InboxRejection(ProblemDetail problem, Throwable cause) {
        super(problem.getDetail(), cause);
        this.problem = problem;
    }

    public ProblemDetail problem() {
        return problem;
    }

    /** The problem's stable {@code code}, e.g. {@code inbox.unknown-type}. */
    public String code() {
        Object code = problem.getProperties() == null ? null : problem.getProperties().get("code");
        return code == null ? "unknown" : code.toString();
    }
}
