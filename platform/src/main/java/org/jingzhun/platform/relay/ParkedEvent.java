package org.jingzhun.platform.relay;

import java.time.Instant;

/**
 * A stored event the relay can never send as it is (too large for the producer, or not
 * serializable): parked in {@code relay_parked}, skipped so later events flow, and the relay's health
 * is DOWN until an operator re-sends or acknowledges it.
 *
 * @param globalIndex its position in the event store
 * @param eventId     the event's id ({@code ce_id})
 * @param type        its CloudEvents type, or its Java type when it has none
 * @param sizeBytes   the size of its record (key, value and headers) when known
 * @param reason      why it cannot be sent
 * @param parkedAt    when the relay parked it
 * @param resolvedAt  when an operator dealt with it, {@code null} while it is unresolved
 * @param resolution  {@code RESENT} or {@code ACKNOWLEDGED}
 * @param resolvedBy  the operator
 * @param note        the operator's note
 */
public record ParkedEvent(long globalIndex, String eventId, String type, Long sizeBytes, String reason,
                          Instant parkedAt, Instant resolvedAt, String resolution, String resolvedBy,
                          String note) {

    static ParkedEvent of(String eventId, String type, Long sizeBytes, String reason) {
        return new ParkedEvent(0, eventId, type, sizeBytes, reason, null, null, null, null, null);
    }
}
