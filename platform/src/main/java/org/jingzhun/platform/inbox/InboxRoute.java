package org.jingzhun.platform.inbox;

/**
 * How one accepted CloudEvent type becomes a command: validated like the matching HTTP request and sent
 * through the same code, inside the inbox's transaction.
 */
@FunctionalInterface
public interface InboxRoute {

    /**
     * Records the fact the event reports.
     *
     * @return the id of what was recorded (the new fact's or the aggregate's), as the HTTP command answers it
     * @throws RuntimeException a {@link org.jingzhun.platform.web.RuleViolation}, a validation or
     *                          mapping failure: the event is rejected and nothing is recorded
     */
    String record(InboxData data);
}
