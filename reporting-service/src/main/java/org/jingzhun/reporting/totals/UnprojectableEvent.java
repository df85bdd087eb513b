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

    /**
     * Checks that an event changed the row its aggregate's first event created. An aggregate's events
     * share one key, hence one partition, so that first event came earlier; if there is no row, it was
     * itself poison (or the producer broke the keying) and this event cannot be applied either.
     */
    static void requireRow(int updated, String kind, String id, Class<?> creatingEvent) {
        if (updated == 0) {
            throw new UnprojectableEvent(kind + " " + id + " is unknown: its " + creatingEvent.getSimpleName()
                    + " was never projected");
        }
    }
}
