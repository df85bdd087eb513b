package org.jingzhun.reporting.totals;

import org.jingzhun.contracts.EventType;

/**
 * An event the totals cannot take. Thrown inside the projector's transaction, it dead-letters the
 * record with this message as the reason instead of letting it vanish without a trace.
 */
class UnprojectableEvent extends RuntimeException {

    private UnprojectableEvent(String message) {
        super(message);
    }

    /** A catalog type with no handler here yet: better visible in the dead-letter topic than silently counted. */
    static UnprojectableEvent unhandled(EventType type) {
        return new UnprojectableEvent("totals do not handle " + type.cloudEventType() + " yet");
    }

    /** A problem's events share its key, so its ProblemLogged came first: if it is missing, it was itself poison. */
    static UnprojectableEvent unknownProblem(String problemId) {
        return new UnprojectableEvent("problem " + problemId + " was never logged");
    }
}
