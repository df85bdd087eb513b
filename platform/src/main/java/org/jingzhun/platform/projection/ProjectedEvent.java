package org.jingzhun.platform.projection;

import java.time.OffsetDateTime;
import org.jingzhun.contracts.EventType;

/**
 * An event read from Kafka, decoded and checked, handed to a projection inside its transaction.
 *
 * @param topic     where it was read
 * @param partition the partition
 * @param offset    its offset
 * @param eventId   the CloudEvents id: the event's unique id
 * @param type      its public type
 * @param payload   the event record, e.g. {@code ProblemLogged}
 * @param json      the event as it travelled (UTF-8 JSON)
 * @param subject   the aggregate id (record key)
 * @param sequence  the aggregate's sequence number, or -1 when absent
 * @param time      when the event was recorded
 * @param actor     who issued the command
 * @param hash      {@code jingzhun_hash}: the event's hash in its chain, or null when it has none
 * @param prevHash  {@code jingzhun_prev_hash}: the hash of the previous event of its chain, or null
 * @param causationSource {@code jingzhun_causation_source}: the {@code ce_source} of the inbox CloudEvent
 *                  that caused it, or null when no inbox event did
 * @param causationId {@code jingzhun_causation_id}: that CloudEvent's {@code ce_id}, or null
 */
public record ProjectedEvent(String topic, int partition, long offset, String eventId, EventType type,
                             Object payload, String json, String subject, long sequence, OffsetDateTime time,
                             String actor, String hash, String prevHash, String causationSource,
                             String causationId) {

    /** An event no inbox CloudEvent caused. */
    public ProjectedEvent(String topic, int partition, long offset, String eventId, EventType type, Object payload,
                          String json, String subject, long sequence, OffsetDateTime time, String actor,
                          String hash, String prevHash) {
        this(topic, partition, offset, eventId, type, payload, json, subject, sequence, time, actor, hash, prevHash,
                null, null);
    }

    /** An event without a place in a hash chain (stored before chaining, or built by a test). */
    public ProjectedEvent(String topic, int partition, long offset, String eventId, EventType type, Object payload,
                          String json, String subject, long sequence, OffsetDateTime time, String actor) {
        this(topic, partition, offset, eventId, type, payload, json, subject, sequence, time, actor, null, null);
    }
}
