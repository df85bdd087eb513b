package org.jingzhun.platform.registry;

import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.projection.ProjectedEvent;

/**
 * Events as the projector hands them to a projection, numbered per aggregate like the organization
 * service's event store numbers them (0, 1, 2, … per aggregate id).
 */
final class RegistryEvents {

    private final Map<String, Long> sequences = new HashMap<>();
    private long offset;

    /** The aggregate's next event, recorded at {@code time}. */
    ProjectedEvent next(String aggregateId, Object payload, OffsetDateTime time) {
        long sequence = sequences.merge(aggregateId, 1L, Long::sum) - 1;
        return at(aggregateId, sequence, payload, time);
    }

    /** An event with a given sequence number: for redeliveries of an old event. */
    ProjectedEvent at(String aggregateId, long sequence, Object payload, OffsetDateTime time) {
        EventType type = EventCatalog.byClass(payload.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not a public event: " + payload.getClass()));
        return new ProjectedEvent(type.topic(), 0, offset++, UUID.randomUUID().toString(), type, payload, "{}",
                aggregateId, sequence, time, "test");
    }
}
