package org.jingzhun.reporting.totals;

import java.time.OffsetDateTime;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jingzhun.contracts.EventCatalog;
import org.jingzhun.contracts.EventType;
import org.jingzhun.platform.projection.ProjectedEvent;

/** Events as the projector hands them over, for calling a projection directly. */
final class ProjectedEvents {

    private static final AtomicLong OFFSETS = new AtomicLong();

    private ProjectedEvents() {
    }

    /** A freshly identified event recorded at {@code time}. */
    static ProjectedEvent event(Object payload, OffsetDateTime time) {
        EventType type = EventCatalog.byClass(payload.getClass())
                .orElseThrow(() -> new IllegalArgumentException("not a public event: " + payload.getClass()));
        return new ProjectedEvent(type.topic(), 0, OFFSETS.getAndIncrement(), UUID.randomUUID().toString(), type,
                payload, "{}", "subject", 0, time, "test");
    }
}
